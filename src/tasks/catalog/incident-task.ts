/**
 * `incident_task`: tasks of incidents opened in the window.
 *
 * @module
 */
import { defineTask, type TaskDefinition } from '../define-task.js';
import { type CatalogTaskOptions, passThrough } from './catalog-options.js';
import { systemFields, taskFields } from './task-fields.js';

/**
 * `incident_task` rows whose `incident` was opened in the window (dot-walk
 * `incident.opened_at`).
 *
 * @example
 * ```ts
 * const task = incidentTaskTask({ filter: 'assignment_group.nameSTARTSWITHNOC' });
 * ```
 */
export function incidentTaskTask(options: CatalogTaskOptions = {}): TaskDefinition {
  return defineTask({
    name: 'incident_task',
    table: 'incident_task',
    window: 'incident.opened_at',
    fields: { ...taskFields, incident: 'reference:incident', ...systemFields },
    references: {
      incident: { display: true },
      assigned_to: { display: true },
      assignment_group: { display: true },
    },
    ...passThrough('incident_task', options),
  });
}
