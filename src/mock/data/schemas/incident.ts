/**
 * `incident` (extends `task`): servicenow-api.md section 8.1.
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import {
  CATEGORIES,
  CLOSE_CODES,
  CUSTOMER_IMPACTS,
  HIGH_MEDIUM_LOW,
  HOLD_REASONS,
  INCIDENT_STATES,
  NOTIFY,
  SUBCATEGORIES,
} from './choices.js';
import { choice, dateTime, field, int, ref, str } from './field-builders.js';
import { taskFields } from './task.js';

/** Schema of `incident`. */
export const incidentSchema: MockTableSchema = {
  name: 'incident',
  label: 'Incident',
  extends: 'task',
  displayField: 'number',
  fields: [
    ...taskFields(INCIDENT_STATES),
    ref('caller_id', 'sys_user'),
    choice('category', CATEGORIES),
    choice('subcategory', SUBCATEGORIES),
    choice('incident_state', INCIDENT_STATES, true),
    choice('severity', HIGH_MEDIUM_LOW, true),
    choice('notify', NOTIFY, true),
    choice('hold_reason', HOLD_REASONS, true),
    choice('close_code', CLOSE_CODES),
    dateTime('resolved_at'),
    ref('resolved_by', 'sys_user'),
    dateTime('reopened_time'),
    ref('reopened_by', 'sys_user'),
    int('reopen_count'),
    int('child_incidents'),
    ref('parent_incident', 'incident'),
    ref('problem_id', 'problem'),
    ref('rfc', 'change_request'),
    ref('caused_by', 'change_request'),
    int('business_stc'),
    int('calendar_stc'),
    field('origin_table', 'table_name'),
    str('origin_id'),
    str('business_impact'),
    str('cause'),
    { ...str('u_vendor_ticket'), maxLength: 20, label: 'Vendor ticket' },
    int('u_outage_minutes'),
    choice('u_customer_impact', CUSTOMER_IMPACTS),
    field('u_cost', 'currency'),
  ],
};
