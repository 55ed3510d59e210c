/**
 * `sys_user` (users): servicenow-api.md section 8.8. `user_password` is left out on purpose.
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import { bool, date, dateTime, int, ref, str } from './field-builders.js';
import { CLASS_AND_DOMAIN_FIELDS, SYSTEM_FIELDS } from './system-fields.js';

/** Schema of `sys_user`. */
export const sysUserSchema: MockTableSchema = {
  name: 'sys_user',
  label: 'User',
  displayField: 'name',
  fields: [
    str('user_name'),
    str('name'),
    str('first_name'),
    str('middle_name'),
    str('last_name'),
    str('email'),
    str('phone'),
    str('mobile_phone'),
    str('home_phone'),
    str('title'),
    str('employee_number'),
    ref('company', 'core_company'),
    ref('department', 'cmn_department'),
    ref('location', 'cmn_location'),
    ref('manager', 'sys_user'),
    ref('cost_center', 'cmn_cost_center'),
    ref('default_perspective', 'sys_perspective'),
    bool('active'),
    bool('locked_out'),
    bool('web_service_access_only'),
    bool('internal_integration_user'),
    bool('vip'),
    bool('password_needs_reset'),
    bool('enable_multifactor_authn'),
    date('last_login'),
    dateTime('last_login_time'),
    int('failed_attempts'),
    str('time_zone'),
    str('date_format'),
    str('time_format'),
    str('preferred_language'),
    str('notification'),
    str('calendar_integration'),
    str('source'),
    ref('ldap_server', 'ldap_server_config'),
    str('roles'),
    str('photo'),
    str('avatar'),
    str('street'),
    str('city'),
    str('state'),
    str('zip'),
    str('country'),
    str('gender'),
    str('introduction'),
    ref('schedule', 'cmn_schedule'),
    str('federated_id'),
    ...CLASS_AND_DOMAIN_FIELDS,
    ...SYSTEM_FIELDS,
  ],
};
