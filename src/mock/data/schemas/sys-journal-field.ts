/**
 * `sys_journal_field` ("Journal Entry"): one row per entry of a journal field (`comments`,
 * `work_notes`) of a record, servicenow-api.md 2.5.
 *
 * @module
 */
import type { MockTableSchema } from '../../types.js';
import { field, str } from './field-builders.js';
import { SYSTEM_FIELDS } from './system-fields.js';

/** Schema of `sys_journal_field`: `element_id` = the record's sys_id, `name` = its table. */
export const sysJournalFieldSchema: MockTableSchema = {
  name: 'sys_journal_field',
  label: 'Journal Entry',
  displayField: 'element',
  fields: [
    str('element'),
    field('element_id', 'GUID'),
    { name: 'name', type: 'string', maxLength: 80 },
    { name: 'value', type: 'string', maxLength: 4000 },
    ...SYSTEM_FIELDS,
  ],
};
