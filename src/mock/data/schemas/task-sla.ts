/**
 * `task_sla` (SLA instances of tasks): servicenow-api.md section 8.3.
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import { SLA_STAGES } from './choices.js';
import { bool, choice, dateTime, duration, field, ref, str } from './field-builders.js';
import { CLASS_AND_DOMAIN_FIELDS, SYSTEM_FIELDS } from './system-fields.js';

/** Schema of `task_sla`. */
export const taskSlaSchema: MockTableSchema = {
  name: 'task_sla',
  label: 'Task SLA',
  displayField: 'sla',
  fields: [
    ref('task', 'task'),
    ref('sla', 'contract_sla'),
    choice('stage', SLA_STAGES),
    bool('has_breached'),
    bool('active'),
    dateTime('start_time'),
    dateTime('end_time'),
    dateTime('planned_end_time'),
    dateTime('original_breach_time'),
    dateTime('pause_time'),
    duration('duration'),
    duration('business_duration'),
    duration('time_left'),
    duration('business_time_left'),
    duration('pause_duration'),
    duration('business_pause_duration'),
    field('percentage', 'percent_complete'),
    field('business_percentage', 'percent_complete'),
    ref('schedule', 'cmn_schedule'),
    str('timezone'),
    ...CLASS_AND_DOMAIN_FIELDS,
    ...SYSTEM_FIELDS,
  ],
};
