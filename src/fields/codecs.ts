/**
 * The built-in field codecs, one per ServiceNow value format (servicenow-api.md §2).
 *
 * @module
 */
import * as z from 'zod';
import {
  ConfigurationError,
  formatUtcDateTime,
  parseUtcDate,
  parseUtcDateTime,
} from '../core/index.js';
import { defineCodec } from './define-codec.js';
import type { FieldCodec, SqlTypes } from './field-codec.js';
import { FieldValueError } from './field-value-error.js';

const TEXT: SqlTypes = { sqlite: 'TEXT', postgres: 'text', mysql: 'LONGTEXT' };
/** Keys (references) stay indexable in MySQL, which cannot index TEXT without a prefix length. */
const KEY: SqlTypes = { sqlite: 'TEXT', postgres: 'text', mysql: 'VARCHAR(255)' };
const BIGINT: SqlTypes = { sqlite: 'INTEGER', postgres: 'bigint', mysql: 'BIGINT' };
const DOUBLE: SqlTypes = { sqlite: 'REAL', postgres: 'double precision', mysql: 'DOUBLE' };
const BOOLEAN: SqlTypes = { sqlite: 'INTEGER', postgres: 'boolean', mysql: 'BOOLEAN' };
const TIMESTAMP: SqlTypes = { sqlite: 'TEXT', postgres: 'timestamp', mysql: 'DATETIME' };
const DATE: SqlTypes = { sqlite: 'TEXT', postgres: 'date', mysql: 'DATE' };

const INTEGER_TEXT = /^-?\d+$/;
const DECIMAL_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const SECONDS_TEXT = /^\d+$/;
const TABLE_NAME = /^[a-z][a-z0-9_]*$/;

const text = (kind: 'string' | 'choice' | 'list', serviceNowType: string) =>
  defineCodec<string>({
    kind,
    serviceNowType,
    sqlType: TEXT,
    output: z.string(),
    parse: (raw) => raw,
    format: (value) => value,
  });

const STRING = text('string', 'string');
const CHOICE = text('choice', 'choice');
const LIST = text('list', 'glide_list');

const INTEGER = defineCodec<number>({
  kind: 'integer',
  serviceNowType: 'integer',
  sqlType: BIGINT,
  output: z.number().int(),
  parse(raw) {
    const value = Number(raw);
    if (!INTEGER_TEXT.test(raw) || !Number.isSafeInteger(value)) {
      throw new FieldValueError(raw, 'an integer (display formats like "1,234" are not read)');
    }
    return value;
  },
  format: (value) => String(value),
});

const DECIMAL = defineCodec<number>({
  kind: 'decimal',
  serviceNowType: 'decimal',
  sqlType: DOUBLE,
  output: z.number(),
  parse(raw) {
    const value = Number(raw);
    if (!DECIMAL_TEXT.test(raw) || !Number.isFinite(value)) {
      throw new FieldValueError(raw, 'a decimal number');
    }
    return value;
  },
  format: (value) => String(value),
});

const BOOL = defineCodec<boolean>({
  kind: 'boolean',
  serviceNowType: 'boolean',
  sqlType: BOOLEAN,
  output: z.boolean(),
  parse(raw) {
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw new FieldValueError(raw, 'a boolean ("true", "false", "1" or "0")');
  },
  format: (value) => (value ? 'true' : 'false'),
});

const DATE_TIME = defineCodec<Date>({
  kind: 'dateTime',
  serviceNowType: 'glide_date_time',
  sqlType: TIMESTAMP,
  output: z.date(),
  parse(raw) {
    const ms = parseUtcDateTime(raw);
    if (Number.isNaN(ms)) throw new FieldValueError(raw, 'a UTC date-time YYYY-MM-DD HH:MM:SS');
    return new Date(ms);
  },
  format: formatUtcDateTime,
});

const DATE_ONLY = defineCodec<string>({
  kind: 'date',
  serviceNowType: 'glide_date',
  sqlType: DATE,
  output: z.string(),
  parse(raw) {
    if (Number.isNaN(parseUtcDate(raw))) throw new FieldValueError(raw, 'a date YYYY-MM-DD');
    return raw;
  },
  format: (value) => value,
});

const DURATION = defineCodec<number>({
  kind: 'duration',
  serviceNowType: 'glide_duration',
  sqlType: BIGINT,
  output: z.number().int().nonnegative(),
  parse(raw) {
    if (SECONDS_TEXT.test(raw)) {
      const seconds = Number(raw);
      if (Number.isSafeInteger(seconds)) return seconds;
    }
    const ms = parseUtcDateTime(raw);
    if (Number.isNaN(ms) || ms < 0) {
      throw new FieldValueError(
        raw,
        'a duration (1970-01-DD HH:MM:SS since the epoch, or whole seconds)',
      );
    }
    return ms / 1000;
  },
  format: (value) => formatUtcDateTime(new Date(value * 1000)),
});

/** Longest VARCHAR kept on MySQL: 16383 utf8mb4 characters fill its 65,535-byte limit. */
export const MAX_VARCHAR_LENGTH = 16383;

/** Bounded string codecs by length, so `string({ maxLength: 40 })` is one shared object. */
const boundedStrings = new Map<number, FieldCodec<string>>();

function boundedString(maxLength: number): FieldCodec<string> {
  let codec = boundedStrings.get(maxLength);
  if (codec === undefined) {
    if (!Number.isSafeInteger(maxLength) || maxLength < 1) {
      throw new ConfigurationError(
        `fields.string({ maxLength }): expected a positive integer, got ${String(maxLength)}`,
        { option: 'maxLength' },
      );
    }
    if (maxLength > MAX_VARCHAR_LENGTH) return STRING;
    codec = defineCodec<string>({
      kind: 'string',
      serviceNowType: 'string',
      sqlType: { ...TEXT, mysql: `VARCHAR(${maxLength})` },
      output: z.string(),
      parse: (raw) => raw,
      format: (value) => value,
    });
    boundedStrings.set(maxLength, codec);
  }
  return codec;
}

/** Reference codecs by table, so `reference('sys_user')` is one shared object. */
const references = new Map<string, FieldCodec<string>>();

/**
 * The field codecs. Each call returns an immutable codec; pass them in a task's `fields`.
 *
 * | codec | ServiceNow types | value | SQLite / PostgreSQL / MySQL |
 * |---|---|---|---|
 * | `string()` | string, html, url, email, journal, sys_class_name | text | TEXT / text / LONGTEXT |
 * | `choice()` | choice (string or integer) | the stored value, as text | TEXT / text / LONGTEXT |
 * | `list()` | glide_list | comma-separated sys_ids, as text | TEXT / text / LONGTEXT |
 * | `reference(table)` | reference, domain_id | the referenced `sys_id` (not always hex: `global`) | TEXT / text / VARCHAR(255) |
 * | `integer()` | integer, longint | safe integer | INTEGER / bigint / BIGINT |
 * | `decimal()` | decimal, float, percent_complete | finite number | REAL / double precision / DOUBLE |
 * | `boolean()` | boolean | `true`/`false` (also `1`/`0`) | INTEGER 0/1 / boolean / BOOLEAN |
 * | `dateTime()` | glide_date_time, due_date | `Date` (UTC, whole seconds) | TEXT `YYYY-MM-DD HH:MM:SS` / timestamp / DATETIME |
 * | `date()` | glide_date | `YYYY-MM-DD` string | TEXT / date / DATE |
 * | `duration()` | glide_duration, timer | whole seconds | INTEGER / bigint / BIGINT |
 *
 * Every codec's `parse` takes a field as the Table API sends it in each display-value mode: a
 * plain string, `{ value, link }` or `{ display_value, value, link }`, and reads the raw
 * `value` (an object of another shape is a `FieldValueError` naming its shape). It reads `''`
 * as `null` and rejects what it cannot read with a `FieldValueError` (never a silent `null`):
 * display formats (`"102,197"`, `"1 Day 4 Hours"`, local times, what
 * `sysparm_display_value=true` sends) are refused. No codec reads `display_value`: a
 * reference's display value goes to `<field>_display` (task `references`).
 *
 * @example
 * ```ts
 * const taskFields = {
 *   number: fields.string(),
 *   opened_at: fields.dateTime(),
 *   assigned_to: fields.reference('sys_user'),
 *   calendar_duration: fields.duration(),
 * };
 * ```
 */
export const fields = {
  /**
   * Text fields (`string`, `html`, `url`, `email`, `journal`, ...). With `maxLength` (the
   * dictionary's `max_length`, in characters) the MySQL column is `VARCHAR(maxLength)` instead
   * of `LONGTEXT`; SQLite and PostgreSQL keep `text`, which has no length to outgrow. A longer
   * value is still read (instances hold some, after a max length was lowered): `KyselySink`
   * widens the column before writing it, and reports the change.
   *
   * @param options.maxLength - A positive integer up to 16383 (a longer limit stays LONGTEXT).
   * @throws {@link ConfigurationError} for a `maxLength` that is not such an integer.
   */
  string: (options?: { readonly maxLength?: number }): FieldCodec<string> =>
    options?.maxLength === undefined ? STRING : boundedString(options.maxLength),
  /** Integers (`integer`, `longint`), checked to be safe JavaScript integers. */
  integer: (): FieldCodec<number> => INTEGER,
  /** Decimals (`decimal`, `float`, `percent_complete`), stored as double precision. */
  decimal: (): FieldCodec<number> => DECIMAL,
  /** Booleans: `"true"`/`"false"`, and `"1"`/`"0"` as some scripted values carry. */
  boolean: (): FieldCodec<boolean> => BOOL,
  /** Date-times (`glide_date_time`, `due_date`): UTC `YYYY-MM-DD HH:MM:SS` to a `Date`. */
  dateTime: (): FieldCodec<Date> => DATE_TIME,
  /** Dates (`glide_date`): `YYYY-MM-DD`, checked to be a real day, kept as text. */
  date: (): FieldCodec<string> => DATE_ONLY,
  /**
   * Durations (`glide_duration`, `timer`): `1970-01-02 04:23:17` is 102197 seconds. A plain
   * count of seconds (`"28800"`) is accepted too; values before the epoch are rejected.
   */
  duration: (): FieldCodec<number> => DURATION,
  /** Choice values, kept as the stored value (`"7"`, `"inquiry"`), never the label. */
  choice: (): FieldCodec<string> => CHOICE,
  /** `glide_list` fields: the comma-separated sys_ids as sent. */
  list: (): FieldCodec<string> => LIST,
  /**
   * A reference to `table`: the value is the referenced record's `sys_id`.
   *
   * @param table - The referenced ServiceNow table (`sys_user`).
   * @throws {@link ConfigurationError} when `table` is not a ServiceNow table name.
   */
  reference(table: string): FieldCodec<string> {
    let codec = references.get(table);
    if (codec === undefined) {
      if (typeof table !== 'string' || !TABLE_NAME.test(table)) {
        throw new ConfigurationError(
          `fields.reference(table): expected a ServiceNow table name like "sys_user", got ${JSON.stringify(table)}`,
          { option: 'table' },
        );
      }
      codec = defineCodec<string>({
        kind: 'reference',
        serviceNowType: 'reference',
        referenceTable: table,
        sqlType: KEY,
        output: z.string(),
        parse: (raw) => raw,
        format: (value) => value,
      });
      references.set(table, codec);
    }
    return codec;
  },
} as const;

/** The codec names accepted as shorthands in task definitions (`'dateTime'`, `'reference:sys_user'`). */
export const CODEC_NAMES = [
  'string',
  'integer',
  'decimal',
  'boolean',
  'dateTime',
  'date',
  'duration',
  'choice',
  'list',
  'reference:<table>',
] as const;

/**
 * The codec a shorthand names (`'integer'`, `'reference:sys_user'`), or `undefined`.
 *
 * @example
 * ```ts
 * codecFromName('reference:core_company')?.referenceTable; // 'core_company'
 * ```
 */
export function codecFromName(name: string): FieldCodec | undefined {
  if (name.startsWith('reference:')) {
    const table = name.slice('reference:'.length);
    return TABLE_NAME.test(table) ? fields.reference(table) : undefined;
  }
  switch (name) {
    case 'string':
    case 'integer':
    case 'decimal':
    case 'boolean':
    case 'dateTime':
    case 'date':
    case 'duration':
    case 'choice':
    case 'list':
      return fields[name]() as FieldCodec;
    default:
      return undefined;
  }
}
