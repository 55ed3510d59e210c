/**
 * `task_time_worked`: time entries of incidents opened in the window.
 *
 * @module
 */
import { defineTask, type TaskDefinition } from '../define-task.js';
import { type CatalogTaskOptions, passThrough } from './catalog-options.js';
import { systemFields } from './task-fields.js';

/**
 * `task_time_worked` rows whose `task` is an incident opened in the window.
 *
 * @example
 * ```ts
 * const task = taskTimeWorkedTask();
 * ```
 */
export function taskTimeWorkedTask(options: CatalogTaskOptions = {}): TaskDefinition {
  return defineTask({
    name: 'task_time_worked',
    table: 'task_time_worked',
    window: 'task.opened_at',
    query: 'task.sys_class_name=incident',
    fields: {
      task: 'reference:task',
      user: 'reference:sys_user',
      time_worked: 'duration',
      time_in_seconds: 'integer',
      work_date: 'date',
      category: 'choice',
      comments: 'string',
      time_card: 'reference:time_card',
      ...systemFields,
    },
    references: { task: { display: true }, user: { display: true } },
    ...passThrough('task_time_worked', options),
  });
}
