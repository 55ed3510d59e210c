/**
 * The {@link FieldCodec} contract: how one ServiceNow field type becomes a typed value and a SQL
 * column.
 *
 * @module
 */
import type * as z from 'zod';
import type { FieldInput } from './field-input.js';

/** The SQL dialects servicenow-sync writes to. */
export type SqlDialect = 'sqlite' | 'postgres' | 'mysql';

/** Every dialect, in a fixed order. */
export const SQL_DIALECTS: readonly SqlDialect[] = ['sqlite', 'postgres', 'mysql'];

/** The codec families of {@link fields}. */
export type FieldKind =
  | 'string'
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'dateTime'
  | 'date'
  | 'duration'
  | 'reference'
  | 'choice'
  | 'list'
  | 'time'
  | 'currency';

/**
 * A typed value in a decoded row: text, a number, a boolean, a UTC `Date` (date-times) or `null`.
 * Dates without a time stay `YYYY-MM-DD` strings; durations are whole seconds.
 */
export type RowValue = string | number | boolean | Date | null;

/** A decoded record: column name to typed value. Always has a `sys_id` string. */
export type Row = Record<string, RowValue>;

/** The SQL column type of a codec in each dialect. */
export type SqlTypes = Readonly<Record<SqlDialect, string>>;

/**
 * A second column a codec fills from the same raw value: the currency code of a `currency`
 * field (`"USD;12.50"` -> `12.5` in `<field>`, `"USD"` in `<field>_currency`).
 */
export interface CodecCompanion {
  /** Appended to the field name to name the column (`_currency`). */
  readonly suffix: string;
  /** The column type in each dialect. */
  readonly sqlType: SqlTypes;
  /** The column's value, read from the field's non-empty raw text; `null` when it has none. */
  read(raw: string): string | null;
}

/**
 * A ServiceNow field type: parses a field as the Table API sends it in any display-value mode
 * (a plain string, `{ value, link }` or `{ display_value, value, link }`: the raw `value` is
 * read), formats a typed value back to the raw string, and knows its SQL column type per
 * dialect. Built on a zod 4 codec ({@link FieldCodec.schema}).
 *
 * Get codecs from {@link fields}; the objects are immutable and may be shared.
 *
 * @typeParam T - The non-null value type (`string`, `number`, `boolean` or `Date`).
 *
 * @example
 * ```ts
 * fields.duration().parse('1970-01-02 04:23:17'); // 102197
 * fields.reference('sys_user').parse({ value: '46d4...', link: 'https://...' }); // '46d4...'
 * fields.integer().parse({ display_value: '1,234', value: '1234' }); // 1234
 * fields.dateTime().schema.decode('2016-12-12 15:19:57'); // Date 2016-12-12T15:19:57Z
 * fields.boolean().sqlType.postgres; // 'boolean'
 * ```
 */
export interface FieldCodec<T extends Exclude<RowValue, null> = Exclude<RowValue, null>> {
  /** The codec family. */
  readonly kind: FieldKind;
  /** The ServiceNow `internal_type` this codec reads (`glide_date_time`, `reference`, ...). */
  readonly serviceNowType: string;
  /** For references: the referenced table (`sys_user`); otherwise `undefined`. */
  readonly referenceTable: string | undefined;
  /** The column type in each SQL dialect. */
  readonly sqlType: SqlTypes;
  /**
   * The second column this codec fills (`<field>_currency` for currencies), when it has one;
   * a task then has one more column for the field, and its decoded rows one more key.
   */
  readonly companion?: CodecCompanion | undefined;
  /**
   * The zod codec: `decode` turns a field as sent (see {@link FieldInput}) into the typed value
   * (`''` gives `null`), `encode` turns a typed value back into the raw string.
   */
  readonly schema: z.ZodType<T | null, FieldInput>;
  /**
   * Parses a field as the Table API sends it: a plain string, `{ value, link }` or
   * `{ display_value, value, link }`, whose `value` is read (the display value never is). The
   * fast path of `schema.decode`.
   *
   * @throws {@link FieldValueError} when the raw value is not a valid value of this type, or
   * when the input has another shape (an object without a string `value`: `shape` says what
   * it was).
   */
  parse(input: FieldInput): T | null;
  /** Formats a typed value as ServiceNow's raw string (`null` gives `''`). */
  format(value: T | null): string;
}
