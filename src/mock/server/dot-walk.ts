/**
 * Dot-walked `sysparm_fields` (`caller_id.company.name`): following references from a record
 * to the field at the end of the path.
 *
 * @module
 */
import type { MockDataStore, MockField, MockRecord, MockTableSchema } from '../types.js';
import { fieldOf, isReference } from './schema-fields.js';

/** The field and raw value at the end of a dot-walk. @internal */
export interface Resolved {
  readonly field: MockField;
  readonly value: string;
}

/**
 * Follows a dot-walked path (`caller_id.company.name`). `undefined` means "leave the key out"
 * (an unknown field, as a real instance ignores it).
 * @internal
 */
export function walk(
  store: MockDataStore,
  schema: MockTableSchema | undefined,
  record: MockRecord | undefined,
  path: readonly string[],
): Resolved | undefined {
  const [name, ...rest] = path;
  if (name === undefined || name === '') return undefined;
  let field: MockField | undefined;
  if (schema !== undefined) field = fieldOf(schema, name);
  else if (record === undefined || name in record) field = { name, type: 'string' };
  if (field === undefined) return undefined;
  const value = record?.[name] ?? '';
  if (rest.length === 0) return { field, value };
  if (!isReference(field)) return undefined;
  const table = field.reference;
  const target = value !== '' && table !== undefined ? store.get(table, value) : undefined;
  const className = target?.sys_class_name;
  const targetSchema =
    (className ? store.schema(className) : undefined) ??
    (table !== undefined ? store.schema(table) : undefined);
  return walk(store, targetSchema, target, rest);
}
