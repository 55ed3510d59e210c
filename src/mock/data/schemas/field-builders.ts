/**
 * Small constructors for {@link MockField}s, so the schema files read like the field tables of
 * servicenow-api.md section 8.
 *
 * @module
 */
import type { MockField, MockFieldType } from '../../types.js';

/** A field of a type with no extra attributes. @internal */
export function field(name: string, type: MockFieldType): MockField {
  return { name, type };
}

/** A `string` field. @internal */
export const str = (name: string): MockField => field(name, 'string');
/** An `integer` field. @internal */
export const int = (name: string): MockField => field(name, 'integer');
/** A `decimal` field. @internal */
export const dec = (name: string): MockField => field(name, 'decimal');
/** A `boolean` field. @internal */
export const bool = (name: string): MockField => field(name, 'boolean');
/** A `glide_date_time` field. @internal */
export const dateTime = (name: string): MockField => field(name, 'glide_date_time');
/** A `glide_date` field. @internal */
export const date = (name: string): MockField => field(name, 'glide_date');
/** A `due_date` field. @internal */
export const dueDate = (name: string): MockField => field(name, 'due_date');
/** A `glide_duration` field. @internal */
export const duration = (name: string): MockField => field(name, 'glide_duration');
/** A `timer` field. @internal */
export const timer = (name: string): MockField => field(name, 'timer');
/** A `journal` field (always `''` in raw mode). @internal */
export const journal = (name: string): MockField => field(name, 'journal');

/** A `reference` field to `table`. @internal */
export function ref(name: string, table: string): MockField {
  return { name, type: 'reference', reference: table };
}

/** A `glide_list` field of sys_ids of `table`. @internal */
export function list(name: string, table: string): MockField {
  return { name, type: 'glide_list', reference: table };
}

/** A `choice` field; `integer` when the stored values are integers. @internal */
export function choice(
  name: string,
  choices: Readonly<Record<string, string>>,
  integer = false,
): MockField {
  return integer
    ? { name, type: 'choice', choices, integerChoice: true }
    : { name, type: 'choice', choices };
}
