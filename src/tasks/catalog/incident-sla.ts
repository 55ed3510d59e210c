/**
 * `incident_sla`: the SLAs of incidents opened in the window.
 *
 * @module
 */
import { defineTask, type TaskDefinition } from '../define-task.js';
import { type CatalogTaskOptions, passThrough } from './catalog-options.js';
import { systemFields } from './task-fields.js';

/**
 * `task_sla` rows whose `task` is an incident opened in the window (dot-walk:
 * `task.sys_class_name=incident` and `task.opened_at` in the window).
 *
 * @example
 * ```ts
 * const task = incidentSlaTask({ filter: 'sla.nameSTARTSWITHP1' });
 * ```
 */
export function incidentSlaTask(options: CatalogTaskOptions = {}): TaskDefinition {
  return defineTask({
    name: 'incident_sla',
    table: 'task_sla',
    window: 'task.opened_at',
    query: 'task.sys_class_name=incident',
    fields: {
      task: 'reference:task',
      sla: 'reference:contract_sla',
      stage: 'choice',
      has_breached: 'boolean',
      active: 'boolean',
      start_time: 'dateTime',
      end_time: 'dateTime',
      planned_end_time: 'dateTime',
      original_breach_time: 'dateTime',
      pause_time: 'dateTime',
      duration: 'duration',
      business_duration: 'duration',
      time_left: 'duration',
      business_time_left: 'duration',
      pause_duration: 'duration',
      business_pause_duration: 'duration',
      percentage: 'decimal',
      business_percentage: 'decimal',
      schedule: 'reference:cmn_schedule',
      timezone: 'string',
      ...systemFields,
    },
    references: { task: { display: true }, sla: { display: true } },
    ...passThrough('incident_sla', options),
  });
}
