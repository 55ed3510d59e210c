/**
 * The error a codec throws for a raw value it cannot read.
 *
 * @module
 */
import { ServiceNowError, type ServiceNowErrorOptions } from '../core/index.js';

/** Longest raw value quoted in an error message or kept on an error. */
export const MAX_QUOTED_VALUE = 200;

/** Options of a {@link FieldValueError}. */
export interface FieldValueErrorOptions extends ServiceNowErrorOptions {
  /**
   * The input was not a field value at all (an object without a string `value`, an array, a
   * number): its shape in words, which the message names instead of a value.
   */
  readonly shape?: string;
}

/**
 * A raw ServiceNow value is not valid for its field type (`"102,197"` for an integer, `"UNKNOWN"`
 * for a date-time), or the input is not one of the Table API's shapes of a field (`shape`).
 * While decoding a record it becomes the `cause` of a `RecordRejectedError`.
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
  /** The raw value, truncated to 200 characters (`''` for a shape error). */
  readonly value: string;
  /** What the codec expected, in words (`a date-time YYYY-MM-DD HH:MM:SS`). */
  readonly expected: string;
  /** The shape of an input that was not a field value (`an object with keys link and no "value"`). */
  readonly shape: string | undefined;

  constructor(value: string, expected: string, options: FieldValueErrorOptions = {}) {
    const shown = truncateValue(value);
    const subject = options.shape ?? JSON.stringify(shown);
    super(
      `${subject} is not ${expected}`,
      options.cause === undefined ? {} : { cause: options.cause },
    );
    this.value = shown;
    this.expected = expected;
    this.shape = options.shape;
  }
}

/** Cuts a value to {@link MAX_QUOTED_VALUE} characters, marking the cut with `…`. */
export function truncateValue(value: string): string {
  return value.length > MAX_QUOTED_VALUE ? `${value.slice(0, MAX_QUOTED_VALUE)}…` : value;
}
