/**
 * `task_time_worked` (time entries of tasks): servicenow-api.md section 8.4.
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import { TIME_CATEGORIES } from './choices.js';
import { choice, date, duration, int, ref, str } from './field-builders.js';
import { CLASS_AND_DOMAIN_FIELDS, SYSTEM_FIELDS } from './system-fields.js';

/** Schema of `task_time_worked`. */
export const taskTimeWorkedSchema: MockTableSchema = {
  name: 'task_time_worked',
  label: 'Time Worked',
  displayField: 'task',
  fields: [
    ref('task', 'task'),
    ref('user', 'sys_user'),
    duration('time_worked'),
    int('time_in_seconds'),
    date('work_date'),
    choice('category', TIME_CATEGORIES),
    str('comments'),
    ref('time_card', 'time_card'),
    ref('rate_type', 'time_sheet_rate_type'),
    ...CLASS_AND_DOMAIN_FIELDS,
    ...SYSTEM_FIELDS,
  ],
};
