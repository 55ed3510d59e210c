/**
 * Row values as the drivers bind them.
 *
 * @module
 */
import { formatUtcDateTime } from '../core/index.js';
import type { RowValue } from '../fields/index.js';
import type { SqlAdapter } from './sql-adapter.js';

/** Why a value cannot be bound, for the caller's error. */
export class UnsupportedValue {
  /**
   * @param value - The value refused.
   * @param reason - Why, when its type does not say it (a string holding NUL).
   */
  constructor(
    readonly value: unknown,
    readonly reason?: string,
  ) {}
}

/** A NUL character or a surrogate code unit: the strings that need a closer look. */
const SUSPECT = /[\0\uD800-\uDFFF]/;
/** A surrogate code unit not part of a pair. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Why a string holding NUL is refused on every database. */
export const NUL_REASON =
  'holds a NUL character (U+0000), which PostgreSQL cannot store in text (refused on every database)';

/**
 * A string as every database stores it: a lone surrogate (half of a UTF-16 pair, which no UTF-8
 * text can hold) becomes U+FFFD, as the PostgreSQL and MySQL drivers already encode it, so
 * SQLite stores the same valid text; a string holding NUL is refused, since PostgreSQL cannot
 * store it and a value must not differ by database.
 */
function bindString(value: string): string | UnsupportedValue {
  if (!SUSPECT.test(value)) return value;
  if (value.includes('\0')) return new UnsupportedValue(value, NUL_REASON);
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * A row value as the driver binds it: booleans as the adapter binds them (1/0 on SQLite and
 * MySQL), date-times as UTC `YYYY-MM-DD HH:MM:SS` text (milliseconds dropped), a lone surrogate
 * in a string as U+FFFD, other values as they are. Returns an {@link UnsupportedValue} for
 * anything else (objects, non-finite numbers, invalid dates, a string holding NUL).
 *
 * @example
 * ```ts
 * bindValue(sqliteAdapter, true); // 1
 * ```
 */
export function bindValue(
  adapter: Pick<SqlAdapter, 'bindBoolean'>,
  value: RowValue | undefined,
): unknown {
  switch (typeof value) {
    case 'string':
      return bindString(value);
    case 'number':
      return Number.isFinite(value) ? value : new UnsupportedValue(value);
    case 'boolean':
      return adapter.bindBoolean(value);
    case 'undefined':
      return null;
    default:
      if (value === null) return null;
      if (value instanceof Date) return bindDate(value);
      return new UnsupportedValue(value);
  }
}

function bindDate(value: Date): unknown {
  if (Number.isNaN(value.getTime())) return new UnsupportedValue(value);
  try {
    return formatUtcDateTime(value);
  } catch {
    return new UnsupportedValue(value);
  }
}

/** Estimated bytes a bound value adds to a statement (an upper bound for MySQL's escaping). */
export function valueBytes(value: unknown): number {
  return typeof value === 'string' ? value.length * 3 + 3 : 24;
}
