/**
 * Records as the Table API returns them, and how to read a field's raw value whatever the
 * display mode.
 *
 * @module
 */

/** A reference or display-value pair, as ServiceNow returns it with links or `display_value=all`. */
export interface FieldValueObject {
  readonly value?: string;
  readonly display_value?: string;
  readonly link?: string;
}

/** One field of a record: a string (every scalar is a JSON string), or an object. */
export type FieldValue = string | FieldValueObject;

/** One record as the Table API returns it. */
export type TableRecord = Readonly<Record<string, FieldValue>>;

/** `sysparm_display_value`: raw values, display values, or both. */
export type DisplayValueMode = false | true | 'all';

/** The sys_id of a row, whatever the display mode (`"abc"` or `{ value: "abc" }`). */
export function sysIdOf(row: Readonly<Record<string, unknown>>): string | undefined {
  return rawValueOf(row, 'sys_id');
}

/**
 * The raw value of a field, whatever the display mode (`"v"` or `{ value: "v" }`), or
 * `undefined` when it is missing or empty.
 */
export function rawValueOf(
  row: Readonly<Record<string, unknown>>,
  field: string,
): string | undefined {
  const value = row[field];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'object' && value !== null) {
    const inner = (value as { value?: unknown }).value;
    return typeof inner === 'string' && inner !== '' ? inner : undefined;
  }
  return undefined;
}
