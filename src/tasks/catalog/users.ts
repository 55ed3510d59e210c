/**
 * `users`: ServiceNow users.
 *
 * @module
 */
import { defineTask, type TaskDefinition } from '../define-task.js';
import { type CatalogTaskOptions, passThrough } from './catalog-options.js';
import { systemFields } from './task-fields.js';

/**
 * Every `sys_user` row (the password field is never read).
 *
 * @example
 * ```ts
 * const task = usersTask({ filter: 'active=true' });
 * ```
 */
export function usersTask(options: CatalogTaskOptions = {}): TaskDefinition {
  return defineTask({
    name: 'users',
    table: 'sys_user',
    fields: {
      user_name: 'string',
      name: 'string',
      first_name: 'string',
      last_name: 'string',
      email: 'string',
      phone: 'string',
      mobile_phone: 'string',
      title: 'string',
      employee_number: 'string',
      company: 'reference:core_company',
      department: 'reference:cmn_department',
      location: 'reference:cmn_location',
      manager: 'reference:sys_user',
      cost_center: 'reference:cmn_cost_center',
      active: 'boolean',
      locked_out: 'boolean',
      web_service_access_only: 'boolean',
      internal_integration_user: 'boolean',
      vip: 'boolean',
      last_login: 'date',
      last_login_time: 'dateTime',
      failed_attempts: 'integer',
      time_zone: 'string',
      preferred_language: 'string',
      source: 'string',
      city: 'string',
      country: 'string',
      ...systemFields,
    },
    references: { company: { display: true }, manager: { display: true } },
    ...passThrough('users', options),
  });
}
