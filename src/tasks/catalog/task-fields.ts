/**
 * Field lists shared by the built-in tasks (the `task` columns incidents and incident tasks
 * inherit, and the system fields every table has).
 *
 * @module
 */
import type { FieldSpec } from '../task-options.js';

/** System fields of every table (sys_id is added by defineTask). */
export const systemFields = {
  sys_created_on: 'dateTime',
  sys_created_by: 'string',
  sys_updated_on: 'dateTime',
  sys_updated_by: 'string',
  sys_mod_count: 'integer',
  sys_class_name: 'string',
  sys_domain: 'reference:sys_user_group',
} as const satisfies Record<string, FieldSpec>;

/** Columns of `task` that reporting on incidents and incident tasks needs. */
export const taskFields = {
  number: 'string',
  short_description: 'string',
  description: 'string',
  state: 'choice',
  priority: 'choice',
  impact: 'choice',
  urgency: 'choice',
  active: 'boolean',
  opened_at: 'dateTime',
  opened_by: 'reference:sys_user',
  assigned_to: 'reference:sys_user',
  assignment_group: 'reference:sys_user_group',
  company: 'reference:core_company',
  cmdb_ci: 'reference:cmdb_ci',
  business_service: 'reference:cmdb_ci_service',
  location: 'reference:cmn_location',
  contact_type: 'choice',
  closed_at: 'dateTime',
  closed_by: 'reference:sys_user',
  close_notes: 'string',
  activity_due: 'dateTime',
  due_date: 'dateTime',
  sla_due: 'dateTime',
  expected_start: 'dateTime',
  work_start: 'dateTime',
  work_end: 'dateTime',
  made_sla: 'boolean',
  knowledge: 'boolean',
  escalation: 'choice',
  approval: 'choice',
  business_duration: 'duration',
  calendar_duration: 'duration',
  time_worked: 'duration',
  reassignment_count: 'integer',
  order: 'integer',
  watch_list: 'list',
  work_notes_list: 'list',
  additional_assignee_list: 'list',
  group_list: 'list',
  parent: 'reference:task',
  correlation_id: 'string',
} as const satisfies Record<string, FieldSpec>;
