/**
 * Helpers that write values into encoded queries: caret escaping and UTC date-time literals.
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';

/**
 * Escapes a value for an encoded query: every `^` becomes `^^`, the escape ServiceNow documents
 * for a caret inside a term, so a value can never end its term or start a `^NQ` group.
 *
 * @example
 * ```ts
 * escapeValue('a^NQb'); // 'a^^NQb'
 * ```
 */
export function escapeValue(value: string): string {
  return value.replaceAll('^', '^^');
}

const SN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SN_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
/** ISO-8601 with an explicit zone (`Z` or `±hh:mm`); without one, JavaScript would read local time. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Input accepted by {@link formatDateTime} and {@link formatDate}. */
export type DateInput = Date | string | number;

/**
 * A date-time as ServiceNow reads a plain query literal: UTC, `YYYY-MM-DD HH:MM:SS`
 * (milliseconds are dropped).
 *
 * Accepts a `Date`, epoch milliseconds, a ServiceNow literal (`YYYY-MM-DD HH:MM:SS` or
 * `YYYY-MM-DD`, taken as UTC) or an ISO-8601 string with an explicit zone
 * (`2025-01-20T10:00:00+01:00`).
 *
 * @throws {@link ConfigurationError} for an invalid date, an impossible calendar date, a string
 * in any other form (an ISO string without a zone is ambiguous), or a year outside 0000-9999.
 *
 * @example
 * ```ts
 * formatDateTime(new Date(Date.UTC(2025, 0, 20, 8, 30))); // '2025-01-20 08:30:00'
 * formatDateTime('2025-01-20T08:30:00+01:00'); // '2025-01-20 07:30:00'
 * ```
 */
export function formatDateTime(input: DateInput): string {
  const iso = toDate(input, 'formatDateTime').toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/**
 * A date as `YYYY-MM-DD` in UTC. Accepts what {@link formatDateTime} accepts.
 *
 * @throws {@link ConfigurationError} for an invalid date.
 *
 * @example
 * ```ts
 * formatDate('2025-01-20 23:59:59'); // '2025-01-20'
 * ```
 */
export function formatDate(input: DateInput): string {
  return toDate(input, 'formatDate').toISOString().slice(0, 10);
}

function toDate(input: DateInput, caller: string): Date {
  const fail = (why: string): never => {
    throw new ConfigurationError(`${caller}: ${why}, got ${describe(input)}`);
  };
  let date: Date;
  if (input instanceof Date) {
    date = new Date(input.getTime());
  } else if (typeof input === 'number') {
    if (!Number.isFinite(input)) fail('epoch milliseconds must be a finite number');
    date = new Date(input);
  } else if (typeof input === 'string') {
    const parts = SN_DATE_TIME.exec(input) ?? SN_DATE.exec(input);
    if (parts !== null) {
      const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts
        .slice(1)
        .map(Number);
      date = new Date(0);
      date.setUTCFullYear(year, month - 1, day);
      date.setUTCHours(hour, minute, second, 0);
      const same =
        date.getUTCFullYear() === year &&
        date.getUTCMonth() === month - 1 &&
        date.getUTCDate() === day &&
        date.getUTCHours() === hour &&
        date.getUTCMinutes() === minute &&
        date.getUTCSeconds() === second;
      if (!same) fail('not a valid calendar date-time');
    } else if (ISO_WITH_ZONE.test(input)) {
      date = new Date(input);
    } else {
      return fail(
        "expected 'YYYY-MM-DD HH:MM:SS' (UTC), 'YYYY-MM-DD' or ISO-8601 with a zone (Z or ±hh:mm)",
      );
    }
  } else {
    return fail('expected a Date, epoch milliseconds or a string');
  }
  const time = date.getTime();
  if (Number.isNaN(time)) fail('invalid date');
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) fail('year outside 0000-9999');
  return date;
}

function describe(input: unknown): string {
  if (input instanceof Date)
    return Number.isNaN(input.getTime()) ? 'Invalid Date' : input.toISOString();
  return typeof input === 'string' ? JSON.stringify(input) : String(input);
}
