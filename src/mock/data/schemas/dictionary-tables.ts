/**
 * The schemas of the three dictionary tables the mock serves (servicenow-api.md section 7.2):
 * `sys_db_object` (tables), `sys_dictionary` (columns) and `sys_choice` (choice lists). Their
 * rows are built from the other schemas by `src/mock/data/dictionary/`.
 *
 * @module
 */
import type { MockField, MockTableSchema } from '../../types.js';
import { bool, field, int, ref, str } from './field-builders.js';
import { SYSTEM_FIELDS } from './system-fields.js';

/** Names of the dictionary tables, in the order they are listed. */
export const MOCK_DICTIONARY_TABLES: readonly string[] = [
  'sys_db_object',
  'sys_dictionary',
  'sys_choice',
];

const sized = (f: MockField, maxLength: number, label?: string): MockField =>
  label === undefined ? { ...f, maxLength } : { ...f, maxLength, label };

const CLASS_NAME: MockField = field('sys_class_name', 'sys_class_name');

/** Schema of `sys_db_object` ("Tables"). */
export const sysDbObjectSchema: MockTableSchema = {
  name: 'sys_db_object',
  label: 'Table',
  displayField: 'label',
  fields: [
    sized(str('name'), 80, 'Name'),
    sized(str('label'), 80, 'Label'),
    { ...ref('super_class', 'sys_db_object'), label: 'Extends table' },
    { ...bool('is_extendable'), label: 'Extensible' },
    sized(str('number_ref'), 32, 'Auto number'),
    CLASS_NAME,
    ...SYSTEM_FIELDS,
  ],
};

/** The `choice` column of `sys_dictionary`: what kind of choice list a field has. */
const CHOICE_KINDS: Readonly<Record<string, string>> = {
  '0': '-- None --',
  '1': 'Dropdown with -- None --',
  '2': 'Suggestion',
  '3': 'Dropdown without -- None --',
};

/** Schema of `sys_dictionary` ("Dictionary Entries"). */
export const sysDictionarySchema: MockTableSchema = {
  name: 'sys_dictionary',
  label: 'Dictionary Entry',
  displayField: 'column_label',
  fields: [
    { ...field('name', 'table_name'), maxLength: 80, label: 'Table' },
    sized(str('element'), 80, 'Column name'),
    sized(str('column_label'), 80, 'Column label'),
    sized(str('internal_type'), 40, 'Type'),
    { ...int('max_length'), label: 'Max length' },
    { ...field('reference', 'table_name'), maxLength: 80, label: 'Reference' },
    bool('active'),
    bool('mandatory'),
    { ...bool('read_only'), label: 'Read only' },
    bool('display'),
    bool('virtual'),
    { name: 'choice', type: 'choice', choices: CHOICE_KINDS, integerChoice: true },
    sized(str('default_value'), 512, 'Default value'),
    CLASS_NAME,
    ...SYSTEM_FIELDS,
  ],
};

/** Schema of `sys_choice` ("Choices"). */
export const sysChoiceSchema: MockTableSchema = {
  name: 'sys_choice',
  label: 'Choice',
  displayField: 'label',
  fields: [
    { ...field('name', 'table_name'), maxLength: 80, label: 'Table' },
    sized(str('element'), 80, 'Element'),
    sized(str('value'), 40, 'Value'),
    sized(str('label'), 100, 'Label'),
    int('sequence'),
    bool('inactive'),
    sized(str('language'), 40, 'Language'),
    sized(str('dependent_value'), 100, 'Dependent value'),
    ...SYSTEM_FIELDS,
  ],
};
