/**
 * `sys_audit_delete` ("Deleted Records"): one row per deleted record, servicenow-api.md 7.3.
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import { field, str } from './field-builders.js';
import { SYSTEM_FIELDS } from './system-fields.js';

/** Schema of `sys_audit_delete`. */
export const sysAuditDeleteSchema: MockTableSchema = {
  name: 'sys_audit_delete',
  label: 'Deleted Record',
  displayField: 'documentkey',
  fields: [
    field('tablename', 'table_name'),
    str('documentkey'),
    str('display_value'),
    str('payload'),
    ...SYSTEM_FIELDS,
  ],
};
