/**
 * The rows of `sys_db_object`, `sys_dictionary` and `sys_choice` for the schemas of an instance
 * (the shared contract in docs/mock-server.md, "The dictionary"). Every sys_id is a hash of
 * what the row describes (table, table and element, table, element and value), so it is the
 * same whatever the seed and whatever other tables exist.
 *
 * @module
 */

import { createHash } from 'node:crypto';
import type { MockField, MockRecord, MockTableSchema } from '../../types.js';
import { fieldText } from '../field-text.js';
import { choiceKindOf, labelOf, maxLengthOf } from './field-attributes.js';
import type { MockSchemaSet } from './schema-set.js';

/** The creation stamp and user of generated dictionary rows. @internal */
export interface RowStamp {
  /** `YYYY-MM-DD HH:MM:SS` (UTC). */
  readonly on: string;
  readonly by: string;
}

function hashId(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** The sys_id of a table's `sys_db_object` row. @internal */
export function tableSysId(table: string): string {
  return hashId(`sys_db_object/${table}`);
}

/** The sys_id of a `sys_dictionary` row (`element` `''` for the collection row). @internal */
export function dictionarySysId(table: string, element: string): string {
  return hashId(`sys_dictionary/${table}/${element}`);
}

/** The sys_id of a `sys_choice` row. @internal */
export function choiceSysId(table: string, element: string, value: string): string {
  return hashId(`sys_choice/${table}/${element}/${value}`);
}

/** A record with every field of `schema`: the given values, `''` elsewhere. */
function complete(schema: MockTableSchema, values: Readonly<Record<string, string>>): MockRecord {
  const record: Record<string, string> = {};
  for (const field of schema.fields) record[field.name] = fieldText(values, field.name);
  return record;
}

function system(sysId: string, stamp: RowStamp): Record<string, string> {
  return {
    sys_id: sysId,
    sys_created_on: stamp.on,
    sys_created_by: stamp.by,
    sys_updated_on: stamp.on,
    sys_updated_by: stamp.by,
    sys_mod_count: '0',
    sys_tags: '',
  };
}

const flag = (value: boolean | undefined): string => (value === true ? 'true' : 'false');

/** The `sys_db_object` row of a table. @internal */
export function tableRow(set: MockSchemaSet, table: string, stamp: RowStamp): MockRecord {
  const schema = set.schema(table);
  const target = set.schema('sys_db_object');
  if (schema === undefined || target === undefined) return {};
  const parent = set.parentOf(table);
  return complete(target, {
    ...system(tableSysId(table), stamp),
    name: table,
    label: schema.label,
    super_class: parent === undefined ? '' : tableSysId(parent),
    is_extendable: flag(set.hasChildren(table) || table === 'task' || table.startsWith('cmdb')),
    number_ref: '',
    sys_class_name: 'sys_db_object',
  });
}

/** The `sys_dictionary` row of one field defined (or overridden) on a table. @internal */
export function fieldRow(
  set: MockSchemaSet,
  schema: MockTableSchema,
  field: MockField,
  stamp: RowStamp,
): MockRecord {
  const target = set.schema('sys_dictionary');
  if (target === undefined) return {};
  return complete(target, {
    ...system(dictionarySysId(schema.name, field.name), stamp),
    name: schema.name,
    element: field.name,
    column_label: labelOf(field),
    internal_type: field.type,
    max_length: String(maxLengthOf(field)),
    reference: field.reference ?? (field.type === 'domain_id' ? 'sys_user_group' : ''),
    active: 'true',
    mandatory: flag(field.mandatory),
    read_only: flag(field.readOnly ?? field.name.startsWith('sys_')),
    display: flag(schema.displayField === field.name),
    virtual: 'false',
    choice: choiceKindOf(field),
    default_value: '',
    sys_class_name: 'sys_dictionary',
  });
}

/** The collection row of a table's dictionary (`element` empty). @internal */
export function collectionRow(
  set: MockSchemaSet,
  schema: MockTableSchema,
  stamp: RowStamp,
): MockRecord {
  const target = set.schema('sys_dictionary');
  if (target === undefined) return {};
  return complete(target, {
    ...system(dictionarySysId(schema.name, ''), stamp),
    name: schema.name,
    element: '',
    column_label: schema.label,
    internal_type: 'collection',
    max_length: '40',
    reference: '',
    active: 'true',
    mandatory: 'false',
    read_only: 'false',
    display: 'false',
    virtual: 'false',
    choice: '0',
    default_value: '',
    sys_class_name: 'sys_dictionary',
  });
}

/** The `sys_choice` rows of a field on the table whose dictionary row holds its list. @internal */
export function choiceRows(
  set: MockSchemaSet,
  table: string,
  field: MockField,
  stamp: RowStamp,
): MockRecord[] {
  const target = set.schema('sys_choice');
  if (target === undefined || field.choices === undefined) return [];
  return Object.entries(field.choices).map(([value, label], i) =>
    complete(target, {
      ...system(choiceSysId(table, field.name, value), stamp),
      name: table,
      element: field.name,
      value,
      label,
      sequence: String(i * 10),
      inactive: 'false',
      language: 'en',
      dependent_value: '',
    }),
  );
}

/** Every row of the three dictionary tables for the current schemas. @internal */
export interface DictionaryRows {
  readonly tables: readonly MockRecord[];
  readonly dictionary: readonly MockRecord[];
  readonly choices: readonly MockRecord[];
}

/** Builds every dictionary row of the set's schemas. @internal */
export function dictionaryRows(set: MockSchemaSet, stamp: RowStamp): DictionaryRows {
  const tables: MockRecord[] = [];
  const dictionary: MockRecord[] = [];
  const choices: MockRecord[] = [];
  for (const name of set.names()) {
    const schema = set.schema(name);
    if (schema === undefined) continue;
    tables.push(tableRow(set, name, stamp));
    dictionary.push(collectionRow(set, schema, stamp));
    for (const { field } of set.definedFields(name)) {
      dictionary.push(fieldRow(set, schema, field, stamp));
      choices.push(...choiceRows(set, name, field, stamp));
    }
  }
  return { tables, dictionary, choices };
}
