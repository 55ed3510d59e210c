/**
 * Preparing a batch of rows for the database: dedupe by `sys_id`, find the keys present, bind
 * values.
 *
 * @module
 */
import { bindValue, type SqlAdapter, UnsupportedValue } from '../database/index.js';
import type { Row } from '../fields/index.js';
import { RowValueError } from './row-value-error.js';
import { SinkError } from './sink-error.js';

/** The rows with unique `sys_id`s, the last occurrence winning (at its first position). */
export function dedupe(table: string, rows: readonly Row[]): readonly Row[] {
  const byKey = new Map<string, Row>();
  for (const row of rows) {
    const key = row.sys_id;
    if (typeof key !== 'string' || key === '') {
      throw new SinkError(
        table,
        `a row has no sys_id (got ${key === undefined ? 'nothing' : JSON.stringify(key)})`,
      );
    }
    byKey.set(key, row);
  }
  return byKey.size === rows.length ? rows : [...byKey.values()];
}

/**
 * Every key present in the rows, in first-seen order. Rows usually share one shape (decoded
 * rows, arquero output), so each row's keys are compared with the previous row's in order and
 * collected only when they differ.
 */
export function keysOf(rows: readonly Row[]): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  let shape: string[] = [];
  for (const row of rows) {
    let i = 0;
    let same = true;
    for (const key in row) {
      if (key !== shape[i]) {
        same = false;
        break;
      }
      i++;
    }
    if (same && i === shape.length) continue;
    shape = Object.keys(row);
    for (const key of shape) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  return keys;
}

/**
 * A row's values in `columns` order, as the driver binds them, written into `values` from
 * `offset` on (a new array by default; a flat list of several rows, or one array reused for every
 * row by a driver that binds synchronously). Returns `values`.
 */
export function bindRow(
  adapter: SqlAdapter,
  table: string,
  columns: readonly string[],
  row: Row,
  values: unknown[] = new Array<unknown>(columns.length),
  offset = 0,
): unknown[] {
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as string;
    const value = bindValue(adapter, row[column]);
    if (value instanceof UnsupportedValue) {
      const reason =
        value.reason ?? `holds a value that cannot be stored (${describe(value.value)})`;
      throw new RowValueError(table, String(row.sys_id), column, reason);
    }
    values[offset + i] = value;
  }
  return values;
}

function describe(value: unknown): string {
  if (value instanceof Date) return 'an invalid Date';
  if (typeof value === 'number') return String(value);
  return Array.isArray(value) ? 'an array' : typeof value;
}
