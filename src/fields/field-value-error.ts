/**
 * The error a codec throws for a raw value it cannot read.
 *
 * @module
 */
import { ServiceNowError, type ServiceNowErrorOptions } from '../core/index.js';

/** Longest raw value quoted in an error message or kept on an error. */
export const MAX_QUOTED_VALUE = 200;

/**
 * A raw ServiceNow value is not valid for its field type (`"102,197"` for an integer, `"UNKNOWN"`
 * for a date-time). While decoding a record it becomes the `cause` of a `RecordRejectedError`.
 *
 * @example
 * ```ts
 * try { fields.integer().parse('102,197'); } catch (error) {
 *   if (error instanceof FieldValueError) console.log(error.expected); // 'an integer'
 * }
 * ```
 */
export class FieldValueError extends ServiceNowError {
  override readonly code: string = 'INVALID_FIELD_VALUE';
  /** The raw value, truncated to 200 characters. */
  readonly value: string;
  /** What the codec expected, in words (`a date-time YYYY-MM-DD HH:MM:SS`). */
  readonly expected: string;

  constructor(value: string, expected: string, options: ServiceNowErrorOptions = {}) {
    const shown = truncateValue(value);
    super(`${JSON.stringify(shown)} is not ${expected}`, options);
    this.value = shown;
    this.expected = expected;
  }
}

/** Cuts a value to {@link MAX_QUOTED_VALUE} characters, marking the cut with `…`. */
export function truncateValue(value: string): string {
  return value.length > MAX_QUOTED_VALUE ? `${value.slice(0, MAX_QUOTED_VALUE)}…` : value;
}
