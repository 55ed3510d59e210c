/**
 * SQL text the adapters share: identifier quoting, parameter lists, the `INSERT ... VALUES` of
 * an upsert and its cache, column definitions.
 *
 * @module
 */
import type { ColumnSpec } from './sql-adapter.js';

/** `name` in double quotes (SQLite, PostgreSQL), quotes inside doubled. */
/** Upper bound of one statement's estimated size, in bytes (every database). */
export const MAX_STATEMENT_BYTES = 16 * 1024 * 1024;

export function doubleQuoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `name` in backticks (MySQL), backticks inside doubled. */
export function backticked(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** What building an insert needs of an adapter. */
interface Marks {
  quote(name: string): string;
  placeholder(n: number): string;
}

/** `count` parameter markers numbered from `first`, comma-separated. */
export function markList(adapter: Marks, count: number, first = 1): string {
  const marks = new Array<string>(count);
  for (let i = 0; i < count; i++) marks[i] = adapter.placeholder(first + i);
  return marks.join(',');
}

/** `INSERT INTO table (columns) VALUES (...),(...)` for `rows` rows. */
export function insertValuesSql(
  adapter: Marks,
  table: string,
  columns: readonly string[],
  rows: number,
): string {
  const q = (name: string) => adapter.quote(name);
  const tuples = new Array<string>(rows);
  for (let r = 0; r < rows; r++) {
    tuples[r] = `(${markList(adapter, columns.length, r * columns.length + 1)})`;
  }
  return `INSERT INTO ${q(table)} (${columns.map(q).join(',')}) VALUES ${tuples.join(',')}`;
}

/**
 * `ON CONFLICT (key) DO UPDATE SET c=excluded.c, ..., n=NULL`: the upsert clause of SQLite and
 * PostgreSQL (double-quoted identifiers).
 */
export function onConflictClause(
  key: readonly string[],
  update: readonly string[],
  nulls: readonly string[] = [],
): string {
  const q = doubleQuoted;
  const set = [
    ...update.map((c) => `${q(c)}=excluded.${q(c)}`),
    ...nulls.map((c) => `${q(c)}=NULL`),
  ];
  return `ON CONFLICT (${key.map(q).join(',')}) DO UPDATE SET ${set.join(',')}`;
}

/**
 * The columns an upsert updates: all but `sys_id`; `sys_id` itself when it is the only column and
 * nothing is cleared (a statement needs something to set).
 */
export function updatedColumns(columns: readonly string[], clear: readonly string[]): string[] {
  return columns.length > 1 || clear.length > 0 ? columns.slice(1) : [...columns];
}

const upserts = new Map<string, string>();

/** The SQL cached under `key`, built once (the cache is emptied past 256 shapes). */
export function cachedSql(key: string, build: () => string): string {
  let sql = upserts.get(key);
  if (sql === undefined) {
    sql = build();
    if (upserts.size > 256) upserts.clear();
    upserts.set(key, sql);
  }
  return sql;
}

/** The cache key of an upsert's shape. */
export function upsertKey(
  dialect: string,
  table: string,
  columns: readonly string[],
  rows: number,
  clear: readonly string[],
): string {
  return `${dialect}\u0000${table}\u0000${rows}\u0000${columns.join(',')}\u0000${clear.join(',')}`;
}

/** The definitions of a task table's columns, `sys_id` `NOT NULL` (and `PRIMARY KEY` inline). */
export function columnDefinitions(
  quote: (name: string) => string,
  columns: readonly ColumnSpec[],
  inlineKey: boolean,
): string[] {
  return columns.map((column) => {
    const key = column.name === 'sys_id';
    return (
      `${quote(column.name)} ${column.type}${key ? ' NOT NULL' : ''}` +
      (key && inlineKey ? ' PRIMARY KEY' : '')
    );
  });
}
