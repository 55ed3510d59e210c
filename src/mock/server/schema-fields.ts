/**
 * Fields of a mock schema as the renderer needs them: by name, references, and the table a
 * reference points to.
 *
 * @module
 */
import type { MockField, MockTableSchema } from '../types.js';

const fieldMaps = new WeakMap<MockTableSchema, ReadonlyMap<string, MockField>>();

/** A field of a schema by name (a map built once per schema). @internal */
export function fieldOf(schema: MockTableSchema, name: string): MockField | undefined {
  let fields = fieldMaps.get(schema);
  if (fields === undefined) {
    fields = new Map(schema.fields.map((field) => [field.name, field]));
    fieldMaps.set(schema, fields);
  }
  return fields.get(name);
}

/** `true` for fields whose value is a `sys_id` (`reference`, `domain_id`). @internal */
export function isReference(field: MockField): boolean {
  return field.type === 'reference' || field.type === 'domain_id';
}

/** The table a reference field points to (`domain_id`: `sys_user_group`). @internal */
export function referenceTable(field: MockField): string | undefined {
  return field.reference ?? (field.type === 'domain_id' ? 'sys_user_group' : undefined);
}
