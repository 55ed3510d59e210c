/**
 * `sys_user_group` (assignment groups): servicenow-api.md section 8.6.
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import { bool, list, ref, str } from './field-builders.js';
import { CLASS_AND_DOMAIN_FIELDS, SYSTEM_FIELDS } from './system-fields.js';

/** Schema of `sys_user_group`. */
export const sysUserGroupSchema: MockTableSchema = {
  name: 'sys_user_group',
  label: 'Group',
  displayField: 'name',
  fields: [
    str('name'),
    str('description'),
    ref('manager', 'sys_user'),
    ref('parent', 'sys_user_group'),
    str('email'),
    list('type', 'sys_user_group_type'),
    str('roles'),
    bool('active'),
    ref('cost_center', 'cmn_cost_center'),
    ref('default_assignee', 'sys_user'),
    bool('exclude_manager'),
    bool('include_members'),
    str('source'),
    ...CLASS_AND_DOMAIN_FIELDS,
    ...SYSTEM_FIELDS,
  ],
};
