/**
 * The SQL that differs between SQLite, PostgreSQL and MySQL/MariaDB: quoting, placeholders,
 * DDL, upserts, and how values are bound.
 *
 * @module
 */

import { formatUtcDateTime } from '../core/index.js';
import type { RowValue, SqlDialect, SqlTypes } from '../fields/index.js';
import { fields } from '../fields/index.js';

/** A column to create: name and type in the dialect at hand. */
export interface ColumnSpec {
  readonly name: string;
  readonly type: string;
}

/** A statement and its parameters. */
export interface Statement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/**
 * Most bound parameters in one statement: SQLite's `SQLITE_MAX_VARIABLE_NUMBER` (32766 in the
 * bundled SQLite), PostgreSQL's protocol limit (65535), and the same for MySQL prepared
 * statements (mysql2's `query` interpolates, but the limit keeps statements a sane size).
 */
export const MAX_PARAMETERS: Readonly<Record<SqlDialect, number>> = {
  sqlite: 32_766,
  postgres: 65_535,
  mysql: 65_535,
};

/** `name` quoted for `dialect` (identifiers are validated first; quotes are doubled anyway). */
export function quote(dialect: SqlDialect, name: string): string {
  return dialect === 'mysql'
    ? `\`${name.replaceAll('`', '``')}\``
    : `"${name.replaceAll('"', '""')}"`;
}

/** The marker of bound parameter `n` (from 1): `$n` on PostgreSQL, `?` elsewhere. */
export function placeholder(dialect: SqlDialect, n: number): string {
  return dialect === 'postgres' ? `$${n}` : '?';
}

/** `CREATE TABLE IF NOT EXISTS` with `sys_id` as the primary key. */
export function createTableSql(
  dialect: SqlDialect,
  table: string,
  columns: readonly ColumnSpec[],
): string {
  const defs = columns.map(
    (column) =>
      `${quote(dialect, column.name)} ${column.type}${column.name === 'sys_id' ? ' NOT NULL' : ''}` +
      (column.name === 'sys_id' && dialect !== 'mysql' ? ' PRIMARY KEY' : ''),
  );
  if (dialect === 'mysql') {
    defs.push(`PRIMARY KEY (${quote(dialect, 'sys_id')})`);
    return (
      `CREATE TABLE IF NOT EXISTS ${quote(dialect, table)} (${defs.join(', ')}) ` +
      'DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin'
    );
  }
  return `CREATE TABLE IF NOT EXISTS ${quote(dialect, table)} (${defs.join(', ')})`;
}

/** `ALTER TABLE ... ADD COLUMN`. */
export function addColumnSql(dialect: SqlDialect, table: string, column: ColumnSpec): string {
  const guard = dialect === 'postgres' ? 'IF NOT EXISTS ' : '';
  return `ALTER TABLE ${quote(dialect, table)} ADD COLUMN ${guard}${quote(dialect, column.name)} ${column.type}`;
}

/** The statement listing a table's columns (`name` per row; no rows when it does not exist). */
export function listColumnsStatement(dialect: SqlDialect, table: string): Statement {
  switch (dialect) {
    case 'sqlite':
      return { sql: 'SELECT name FROM pragma_table_info(?)', parameters: [table] };
    case 'postgres':
      return {
        sql:
          'SELECT column_name AS name FROM information_schema.columns ' +
          'WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
        parameters: [table],
      };
    case 'mysql':
      return {
        sql:
          'SELECT COLUMN_NAME AS name FROM information_schema.columns ' +
          'WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ORDINAL_POSITION',
        parameters: [table],
      };
  }
}

const upserts = new Map<string, string>();

/**
 * The upsert of `rows` rows into `columns` (the first being `sys_id`), cached by shape:
 * `ON CONFLICT (sys_id) DO UPDATE` for SQLite and PostgreSQL, `ON DUPLICATE KEY UPDATE` for
 * MySQL. An update also sets the `clear` columns to `NULL` (`sys_deleted_at`: an upserted row is
 * live again). The PostgreSQL form returns one row per row written, `inserted` true for a new
 * one (`xmax = 0` marks a row version created by an insert rather than an update); counting them
 * in the client costs less than in a `WITH ... RETURNING` wrapper, which slows the upsert by a
 * quarter.
 */
export function upsertSql(
  dialect: SqlDialect,
  table: string,
  columns: readonly string[],
  rows: number,
  clear: readonly string[] = [],
): string {
  const key = `${dialect}\u0000${table}\u0000${rows}\u0000${columns.join(',')}\u0000${clear.join(',')}`;
  let sql = upserts.get(key);
  if (sql !== undefined) return sql;
  const q = (name: string) => quote(dialect, name);
  const updated = columns.length > 1 || clear.length > 0 ? columns.slice(1) : columns;
  const nulls = clear.map((c) => `${q(c)}=NULL`);
  const tuples: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const marks = columns.map(() => placeholder(dialect, ++n));
    tuples.push(`(${marks.join(',')})`);
  }
  const insert = `INSERT INTO ${q(table)} (${columns.map(q).join(',')}) VALUES ${tuples.join(',')}`;
  if (dialect === 'mysql') {
    const set = [...updated.map((c) => `${q(c)}=VALUES(${q(c)})`), ...nulls];
    sql = `${insert} ON DUPLICATE KEY UPDATE ${set.join(',')}`;
  } else {
    const set = [...updated.map((c) => `${q(c)}=excluded.${q(c)}`), ...nulls];
    sql = `${insert} ON CONFLICT (${q('sys_id')}) DO UPDATE SET ${set.join(',')}`;
    if (dialect === 'postgres') {
      sql = `${sql} RETURNING (xmax = 0) AS "inserted"`;
    }
  }
  if (upserts.size > 256) upserts.clear();
  upserts.set(key, sql);
  return sql;
}

/**
 * The statement counting which of `keys` already exist: SQLite reads them from one JSON
 * parameter (probing the key index once per key); MySQL lists them.
 */
export function countExistingStatement(
  dialect: SqlDialect,
  table: string,
  keys: readonly string[],
): Statement {
  const q = (name: string) => quote(dialect, name);
  if (dialect === 'sqlite') {
    return {
      sql:
        `SELECT count(*) AS n FROM json_each(?) AS "k" ` +
        `WHERE EXISTS (SELECT 1 FROM ${q(table)} WHERE ${q('sys_id')} = "k"."value")`,
      parameters: [JSON.stringify(keys)],
    };
  }
  const marks = keys.map((_, i) => placeholder(dialect, i + 1));
  return {
    sql: `SELECT count(*) AS n FROM ${q(table)} WHERE ${q('sys_id')} IN (${marks.join(',')})`,
    parameters: keys,
  };
}

/**
 * SQLite: whether new rows of `table` can be counted from its rowids, and its largest rowid.
 * Parameters: the table name four times. `unsafe` is 0 when every insert takes the rowid after
 * the largest one and an update keeps it: a rowid table whose only key is `sys_id` (not an
 * `INTEGER PRIMARY KEY` alias), no column named like the rowid, no other unique index (a
 * `REPLACE` conflict could delete rows), no trigger. `max` is `NULL` on an empty table.
 * Preparing it fails on a `WITHOUT ROWID` table.
 */
export function sqliteRowidProbeSql(table: string): string {
  return (
    'SELECT (SELECT count(*) FROM pragma_table_info(?) WHERE ' +
    `lower(name) IN ('rowid', '_rowid_', 'oid') OR (pk > 0 AND (name <> 'sys_id' OR upper(type) = 'INTEGER'))) + ` +
    `(SELECT count(*) FROM pragma_index_list(?) WHERE "unique" AND origin <> 'pk') + ` +
    `(SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND lower(tbl_name) = lower(?)) + ` +
    `(SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger' AND lower(tbl_name) = lower(?)) AS "unsafe", ` +
    `(SELECT max(rowid) FROM ${quote('sqlite', table)}) AS "max"`
  );
}

/** SQLite: the largest rowid of `table` (`NULL` when empty). */
export function sqliteMaxRowidSql(table: string): string {
  return `SELECT max(rowid) AS "m" FROM ${quote('sqlite', table)}`;
}

/** `DELETE ... WHERE sys_id IN (...)`. */
export function deleteStatement(
  dialect: SqlDialect,
  table: string,
  keys: readonly string[],
): Statement {
  const marks = keys.map((_, i) => placeholder(dialect, i + 1));
  return {
    sql: `DELETE FROM ${quote(dialect, table)} WHERE ${quote(dialect, 'sys_id')} IN (${marks.join(',')})`,
    parameters: keys,
  };
}

/** Why a value cannot be bound, for the caller's error. */
export class UnsupportedValue {
  constructor(readonly value: unknown) {}
}

/**
 * A row value as the driver binds it: booleans as 1/0 (SQLite, MySQL), date-times as UTC
 * `YYYY-MM-DD HH:MM:SS` text (milliseconds dropped), other values as they are. Returns an
 * {@link UnsupportedValue} for anything else (objects, non-finite numbers, invalid dates).
 */
export function bindValue(dialect: SqlDialect, value: RowValue | undefined): unknown {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : new UnsupportedValue(value);
    case 'boolean':
      return dialect === 'postgres' ? value : value ? 1 : 0;
    case 'undefined':
      return null;
    default:
      if (value === null) return null;
      if (value instanceof Date) {
        const time = value.getTime();
        if (Number.isNaN(time)) return new UnsupportedValue(value);
        try {
          return formatUtcDateTime(value);
        } catch {
          return new UnsupportedValue(value);
        }
      }
      return new UnsupportedValue(value);
  }
}

/** Estimated bytes a bound value adds to a statement (an upper bound for MySQL's escaping). */
export function valueBytes(value: unknown): number {
  return typeof value === 'string' ? value.length * 3 + 3 : 24;
}

/**
 * The column type for a column a transform derived, from its values: text, double precision,
 * boolean or date-time; text when every value is null.
 */
export function inferSqlTypes(values: Iterable<unknown>): SqlTypes {
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'number') return fields.decimal().sqlType;
    if (typeof value === 'boolean') return fields.boolean().sqlType;
    if (value instanceof Date) return fields.dateTime().sqlType;
    return fields.string().sqlType;
  }
  return fields.string().sqlType;
}
