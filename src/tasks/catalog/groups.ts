/**
 * `groups`: assignment groups.
 *
 * @module
 */
import { defineTask, type TaskDefinition } from '../define-task.js';
import { type CatalogTaskOptions, passThrough } from './catalog-options.js';
import { systemFields } from './task-fields.js';

/**
 * Every `sys_user_group` row.
 *
 * @example
 * ```ts
 * const task = groupsTask({ filter: 'nameSTARTSWITHNOC' });
 * ```
 */
export function groupsTask(options: CatalogTaskOptions = {}): TaskDefinition {
  return defineTask({
    name: 'groups',
    table: 'sys_user_group',
    fields: {
      name: 'string',
      description: 'string',
      manager: 'reference:sys_user',
      parent: 'reference:sys_user_group',
      email: 'string',
      type: 'list',
      active: 'boolean',
      cost_center: 'reference:cmn_cost_center',
      default_assignee: 'reference:sys_user',
      exclude_manager: 'boolean',
      include_members: 'boolean',
      source: 'string',
      ...systemFields,
    },
    references: { manager: { display: true }, parent: { display: true } },
    ...passThrough('groups', options),
  });
}
