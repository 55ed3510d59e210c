/**
 * The `sys_` columns every table has (servicenow-api.md section 8 preamble): sys_id, creation and
 * update stamps and users, the update counter, tags, and, on the business tables, the class name
 * and the `global` domain.
 *
 * @module
 */
import type { MockField } from '../../types.js';
import { dateTime, field, int, str } from './field-builders.js';

/** sys_id, sys_created_on/by, sys_updated_on/by, sys_mod_count, sys_tags. @internal */
export const SYSTEM_FIELDS: readonly MockField[] = [
  field('sys_id', 'GUID'),
  dateTime('sys_created_on'),
  str('sys_created_by'),
  dateTime('sys_updated_on'),
  str('sys_updated_by'),
  int('sys_mod_count'),
  str('sys_tags'),
];

/** sys_class_name, sys_domain (`global`), sys_domain_path (`/`). @internal */
export const CLASS_AND_DOMAIN_FIELDS: readonly MockField[] = [
  field('sys_class_name', 'sys_class_name'),
  { name: 'sys_domain', type: 'domain_id', reference: 'sys_user_group' },
  str('sys_domain_path'),
];
