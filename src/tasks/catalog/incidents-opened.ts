/**
 * `incidents_opened`: incidents opened in the window.
 *
 * @module
 */
import { defineTask, type TaskDefinition } from '../define-task.js';
import { type CatalogTaskOptions, passThrough } from './catalog-options.js';
import { systemFields, taskFields } from './task-fields.js';

/**
 * Incidents whose `opened_at` is in the run window (`incident` table), with the display values
 * of their main references (`caller_id_display`, `assignment_group_display`, ...).
 *
 * @example
 * ```ts
 * const task = incidentsOpenedTask({ filter: 'assignment_group.nameSTARTSWITHNOC' });
 * ```
 */
export function incidentsOpenedTask(options: CatalogTaskOptions = {}): TaskDefinition {
  return defineTask({
    name: 'incidents_opened',
    table: 'incident',
    window: 'opened_at',
    fields: {
      ...taskFields,
      caller_id: 'reference:sys_user',
      category: 'choice',
      subcategory: 'choice',
      incident_state: 'choice',
      severity: 'choice',
      hold_reason: 'choice',
      close_code: 'choice',
      resolved_at: 'dateTime',
      resolved_by: 'reference:sys_user',
      reopened_time: 'dateTime',
      reopened_by: 'reference:sys_user',
      reopen_count: 'integer',
      child_incidents: 'integer',
      parent_incident: 'reference:incident',
      problem_id: 'reference:problem',
      rfc: 'reference:change_request',
      caused_by: 'reference:change_request',
      business_stc: 'integer',
      calendar_stc: 'integer',
      ...systemFields,
    },
    references: {
      caller_id: { display: true },
      opened_by: { display: true },
      assigned_to: { display: true },
      assignment_group: { display: true },
      company: { display: true },
      cmdb_ci: { display: true },
      resolved_by: { display: true },
      closed_by: { display: true },
    },
    ...passThrough('incidents_opened', options),
  });
}
