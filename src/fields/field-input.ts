/**
 * What a codec reads: one field as the Table API sends it, in any display-value mode, and the
 * raw string inside it.
 *
 * @module
 */
import { FieldValueError } from './field-value-error.js';

/**
 * What a codec's `parse` takes: one field as the Table API sends it. A plain string
 * (`sysparm_display_value=false`, every field but references), `{ value, link }` (references)
 * or `{ display_value, value, link }` (`sysparm_display_value=all`; `link` on references only).
 * Codecs read the raw `value`, never `display_value` or `link`. The shape matches a field of
 * the client's `TableRecord`, so `codec.parse(record.opened_at)` type-checks; an object
 * without a string `value` is refused at run time.
 */
export type FieldInput =
  | string
  | {
      readonly value?: string;
      readonly display_value?: string;
      readonly link?: string;
    };

/** What every codec expects of its input, in words (the `expected` of a shape error). */
export const FIELD_INPUT_SHAPES = 'a string, { value, link } or { display_value, value, link }';

/** Keys named in a shape error, at most. */
const MAX_KEYS_SHOWN = 8;

/**
 * The raw string of `input`: the string itself, or the `value` member of an object.
 *
 * @throws {@link FieldValueError} (with `shape` set) for anything else: an object without a
 * string `value`, an array, a number, `null`.
 *
 * @example
 * ```ts
 * rawTextOf({ display_value: 'Beth Anglin', value: '46d44a23a9fe19810012d100cca80666', link: '...' });
 * // '46d44a23a9fe19810012d100cca80666'
 * ```
 */
export function rawTextOf(input: unknown): string {
  if (typeof input === 'string') return input;
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const value = (input as { value?: unknown }).value;
    if (typeof value === 'string') return value;
  }
  throw new FieldValueError('', FIELD_INPUT_SHAPES, { shape: shapeOf(input) });
}

/** `input` in words, for an error: `an object with keys display_value, link`, `an array`, ... */
function shapeOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input !== 'object') return `a ${typeof input}`;
  const keys = Object.keys(input);
  if (keys.length === 0) return 'an empty object';
  const shown = keys.slice(0, MAX_KEYS_SHOWN).join(', ');
  const more = keys.length > MAX_KEYS_SHOWN ? `, ... (${keys.length} keys)` : '';
  const value = (input as { value?: unknown }).value;
  const member =
    'value' in input
      ? ` whose "value" is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}`
      : ' and no "value"';
  return `an object with keys ${shown}${more}${member}`;
}
