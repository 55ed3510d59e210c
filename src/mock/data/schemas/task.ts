/**
 * `task`: the base table of `incident` and `incident_task`. Its columns are the ones a reference
 * to `task` can dot-walk to (`task.opened_at`, `task.sys_class_name`).
 *
 * @module
 */
import type { MockField, MockTableSchema } from '../../types.js';
import {
  APPROVALS,
  CONTACT_TYPES,
  ESCALATIONS,
  HIGH_MEDIUM_LOW,
  PRIORITIES,
  TASK_STATES,
} from './choices.js';
import {
  bool,
  choice,
  dateTime,
  dueDate,
  duration,
  field,
  int,
  journal,
  list,
  ref,
  str,
  timer,
} from './field-builders.js';
import { CLASS_AND_DOMAIN_FIELDS, SYSTEM_FIELDS } from './system-fields.js';

/** The columns of `task` before its own `state` (each child table supplies its state list). */
function taskColumns(states: Readonly<Record<string, string>>): MockField[] {
  return [
    str('number'),
    str('task_effective_number'),
    str('short_description'),
    str('description'),
    choice('state', states, true),
    choice('impact', HIGH_MEDIUM_LOW, true),
    choice('urgency', HIGH_MEDIUM_LOW, true),
    choice('priority', PRIORITIES, true),
    bool('active'),
    ref('opened_by', 'sys_user'),
    dateTime('opened_at'),
    ref('assigned_to', 'sys_user'),
    ref('assignment_group', 'sys_user_group'),
    ref('company', 'core_company'),
    ref('cmdb_ci', 'cmdb_ci'),
    ref('business_service', 'cmdb_ci_service'),
    ref('service_offering', 'service_offering'),
    ref('location', 'cmn_location'),
    choice('contact_type', CONTACT_TYPES),
    dateTime('closed_at'),
    ref('closed_by', 'sys_user'),
    str('close_notes'),
    dueDate('activity_due'),
    dueDate('due_date'),
    dueDate('sla_due'),
    dateTime('expected_start'),
    dateTime('work_start'),
    dateTime('work_end'),
    dateTime('follow_up'),
    dateTime('approval_set'),
    bool('made_sla'),
    bool('knowledge'),
    choice('escalation', ESCALATIONS, true),
    choice('approval', APPROVALS),
    journal('approval_history'),
    choice('upon_approval', {
      proceed: 'Proceed to Next Task',
      do_nothing: 'Wait for a User to Close this task',
    }),
    choice('upon_reject', { cancel: 'Cancel all future Tasks', goto: 'Go to a previous Task' }),
    duration('business_duration'),
    duration('calendar_duration'),
    timer('time_worked'),
    int('reassignment_count'),
    int('order'),
    int('route_reason'),
    list('watch_list', 'sys_user'),
    list('work_notes_list', 'sys_user'),
    list('additional_assignee_list', 'sys_user'),
    list('group_list', 'sys_user_group'),
    journal('comments'),
    journal('work_notes'),
    field('comments_and_work_notes', 'journal_list'),
    ref('parent', 'task'),
    ref('contract', 'ast_contract'),
    ref('universal_request', 'task'),
    ref('delivery_plan', 'sc_cat_item_delivery_plan'),
    ref('delivery_task', 'task'),
    str('correlation_id'),
    str('correlation_display'),
    str('user_input'),
    ...CLASS_AND_DOMAIN_FIELDS,
    ...SYSTEM_FIELDS,
  ];
}

/**
 * The task columns with a given `state` choice list, for tables that extend `task`.
 * @internal
 */
export function taskFields(states: Readonly<Record<string, string>>): readonly MockField[] {
  return taskColumns(states);
}

/** Schema of `task`. */
export const taskSchema: MockTableSchema = {
  name: 'task',
  label: 'Task',
  displayField: 'number',
  fields: taskColumns(TASK_STATES),
};
