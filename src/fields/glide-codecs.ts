/**
 * The codecs discovered tables need beyond {@link fields}: a time of day, a currency amount with
 * its code, choices bounded by the dictionary's `max_length`, and keys stored as long text when
 * a MySQL row has no room left for a `VARCHAR(255)`.
 *
 * @module
 */
import * as z from 'zod';
import { parseUtcDateTime } from '../core/index.js';
import { fields, MAX_VARCHAR_LENGTH } from './codecs.js';
import { defineCodec } from './define-codec.js';
import type { CodecCompanion, FieldCodec, FieldKind, SqlTypes } from './field-codec.js';
import { FieldValueError } from './field-value-error.js';

const TEXT: SqlTypes = { sqlite: 'TEXT', postgres: 'text', mysql: 'LONGTEXT' };
const KEY: SqlTypes = { sqlite: 'TEXT', postgres: 'text', mysql: 'VARCHAR(255)' };
const DOUBLE: SqlTypes = { sqlite: 'REAL', postgres: 'double precision', mysql: 'DOUBLE' };
const TIME: SqlTypes = { sqlite: 'TEXT', postgres: 'time', mysql: 'TIME' };

/** `HH:MM:SS`, alone or after the epoch day ServiceNow puts before a time of day. */
const TIME_TEXT = /^(?:1970-01-01 )?([01]\d|2[0-3]):([0-5]\d):([0-5]\d)$/;
/** `USD;12.50`: an ISO 4217 code, a semicolon, the amount. */
const CURRENCY_TEXT = /^([A-Za-z]{3});(.*)$/;
const DECIMAL_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Times of day (`glide_time`): the Table API sends `1970-01-01 HH:MM:SS` (UTC); the row holds
 * `HH:MM:SS` (a plain `HH:MM:SS` is read too). SQL `time` on PostgreSQL and MySQL, text on
 * SQLite, so the value sorts and compares as a time everywhere.
 */
const TIME_OF_DAY = defineCodec<string>({
  kind: 'time',
  serviceNowType: 'glide_time',
  sqlType: TIME,
  output: z.string(),
  parse(raw) {
    const match = TIME_TEXT.exec(raw);
    if (
      match === null ||
      Number.isNaN(parseUtcDateTime(`1970-01-01 ${match.slice(1).join(':')}`))
    ) {
      throw new FieldValueError(raw, 'a time of day 1970-01-01 HH:MM:SS (or HH:MM:SS)');
    }
    return `${match[1]}:${match[2]}:${match[3]}`;
  },
  format: (value) => `1970-01-01 ${value}`,
});

/** The currency code of a `currency` field, in `<field>_currency`. */
const CURRENCY_CODE: CodecCompanion = {
  suffix: '_currency',
  sqlType: { sqlite: 'TEXT', postgres: 'text', mysql: 'VARCHAR(3)' },
  read: (raw) => CURRENCY_TEXT.exec(raw)?.[1]?.toUpperCase() ?? null,
};

/**
 * Currency amounts (`currency`, `price`, `currency2`): `"USD;12.50"` is `12.5` with `"USD"` in
 * the companion column `<field>_currency`; a plain `"12.50"` (the amount converted to the
 * user's currency, as a real instance sends it) is `12.5` with a `null` code. Stored as double
 * precision, like decimals.
 */
const CURRENCY = defineCodec<number>({
  kind: 'currency',
  serviceNowType: 'currency',
  sqlType: DOUBLE,
  companion: CURRENCY_CODE,
  output: z.number(),
  parse(raw) {
    const amount = CURRENCY_TEXT.exec(raw)?.[2] ?? raw;
    const value = Number(amount);
    if (!DECIMAL_TEXT.test(amount) || !Number.isFinite(value)) {
      throw new FieldValueError(raw, 'a currency amount ("USD;12.50" or "12.50")');
    }
    return value;
  },
  format: (value) => String(value),
});

const texts = new Map<string, FieldCodec<string>>();

/**
 * A text codec of family `kind` whose MySQL column is `mysql` (a `VARCHAR(n)` only sizes the
 * column: a longer value is kept, and a sink widens the column before writing it).
 */
function textCodec(
  kind: Extract<FieldKind, 'string' | 'choice' | 'reference'>,
  serviceNowType: string,
  mysql: string,
  referenceTable?: string,
): FieldCodec<string> {
  const key = `${kind}|${serviceNowType}|${mysql}|${referenceTable ?? ''}`;
  let codec = texts.get(key);
  if (codec === undefined) {
    codec = defineCodec<string>({
      kind,
      serviceNowType,
      ...(referenceTable === undefined ? {} : { referenceTable }),
      sqlType: { ...TEXT, mysql },
      output: z.string(),
      parse: (raw) => raw,
      format: (value) => value,
    });
    texts.set(key, codec);
  }
  return codec;
}

/**
 * The codecs of glide types that {@link fields} has no shorthand for. Used by the glide type
 * mapping ({@link glideCodec}); available for hand-written tasks too.
 *
 * @example
 * ```ts
 * glideFields.currency().parse('USD;12.50'); // 12.5
 * glideFields.currency().companion?.read('USD;12.50'); // 'USD'
 * glideFields.time().parse('1970-01-01 08:30:00'); // '08:30:00'
 * ```
 */
export const glideFields = {
  /** Times of day (`glide_time`), as `HH:MM:SS`; SQL `time` (text on SQLite). */
  time: (): FieldCodec<string> => TIME_OF_DAY,
  /** Currency amounts with their code in `<field>_currency` (`currency`, `price`). */
  currency: (): FieldCodec<number> => CURRENCY,
  /**
   * Choice values sized by the dictionary's `max_length`: `VARCHAR(maxLength)` on MySQL (a
   * longer value is still read; `KyselySink` widens the column before writing it).
   *
   * @param maxLength - A positive integer.
   */
  choice(maxLength: number): FieldCodec<string> {
    fields.string({ maxLength }); // the same check, the same ConfigurationError
    return maxLength > MAX_VARCHAR_LENGTH
      ? fields.choice()
      : textCodec('choice', 'choice', `VARCHAR(${maxLength})`);
  },
  /**
   * The `sys_id` of a record of a table named elsewhere (`document_id`): indexable text,
   * `VARCHAR(255)` on MySQL, or `LONGTEXT` with `longText`.
   */
  documentId: (longText = false): FieldCodec<string> =>
    textCodec('string', 'document_id', longText ? 'LONGTEXT' : KEY.mysql),
  /**
   * A reference stored as `LONGTEXT` on MySQL instead of `VARCHAR(255)`: what a wide table uses
   * once its MySQL row budget is spent. Everywhere else it is `fields.reference(table)`.
   *
   * @param table - The referenced table.
   */
  longReference(table: string): FieldCodec<string> {
    const checked = fields.reference(table).referenceTable ?? table;
    return textCodec('reference', 'reference', 'LONGTEXT', checked);
  },
} as const;
