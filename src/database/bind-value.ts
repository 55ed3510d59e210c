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
  /** @param value - The value refused. */
  constructor(readonly value: unknown) {}
}

/**
 * A row value as the driver binds it: booleans as the adapter binds them (1/0 on SQLite and
 * MySQL), date-times as UTC `YYYY-MM-DD HH:MM:SS` text (milliseconds dropped), other values as
 * they are. Returns an {@link UnsupportedValue} for anything else (objects, non-finite numbers,
 * invalid dates).
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
      return value;
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
