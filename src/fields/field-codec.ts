/**
 * The {@link FieldCodec} contract: how one ServiceNow field type becomes a typed value and a SQL
 * column.
 *
 * @module
 */
import type * as z from 'zod';

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
  | 'list';

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
 * A ServiceNow field type: parses the raw string value that the Table API sends with
 * `sysparm_display_value=false` (or the `value` of the other shapes), formats a typed value back,
 * and knows its SQL column type per dialect. Built on a zod 4 codec ({@link FieldCodec.schema}).
 *
 * Get codecs from {@link fields}; the objects are immutable and may be shared.
 *
 * @typeParam T - The non-null value type (`string`, `number`, `boolean` or `Date`).
 *
 * @example
 * ```ts
 * fields.duration().parse('1970-01-02 04:23:17'); // 102197
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
   * The zod codec: `decode` turns the raw ServiceNow string into the typed value (`''` gives
   * `null`), `encode` turns a typed value back into the raw string.
   */
  readonly schema: z.ZodType<T | null, string>;
  /**
   * Parses a raw value (the fast path of `schema.decode`).
   *
   * @throws {@link FieldValueError} when the text is not a valid value of this type.
   */
  parse(raw: string): T | null;
  /** Formats a typed value as ServiceNow's raw string (`null` gives `''`). */
  format(value: T | null): string;
}
