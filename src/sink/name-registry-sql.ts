/**
 * The statements of `servicenow_sync_columns`, the registry of the names a sink shortened: for
 * each target table, the full name of the table or of a column and the SQL name it is stored
 * under.
 *
 * @module
 */
import { formatUtcDateTime } from '../core/index.js';
import type { SqlAdapter, Statement } from '../database/index.js';

/** The registry's name (fixed, never prefixed). */
export const NAME_REGISTRY_TABLE = 'servicenow_sync_columns';

/** Longest full name stored (`MAX_NAME_LENGTH` of the identifiers accepted, with room). */
const MAX_FULL_NAME = 255;

/** What a registry row names: the table itself, or one of its columns. */
export type ShortenedKind = 'table' | 'column';

/** One row of `servicenow_sync_columns`. */
export interface NameRow {
  /** The table's SQL name (shortened when its full name was too long). */
  readonly target_table: string;
  readonly kind: ShortenedKind;
  /** The full name: the table's (prefix included), or the column's (the task's row key). */
  readonly full_name: string;
  /** The name in SQL. */
  readonly sql_name: string;
}

/** `CREATE TABLE IF NOT EXISTS servicenow_sync_columns`. */
export function createNameRegistrySql(adapter: SqlAdapter): string {
  const q = (name: string) => adapter.quote(name);
  const { text, timestamp } = adapter.types;
  const columns = [
    `${q('target_table')} ${text(64)} NOT NULL`,
    `${q('kind')} ${text(16)} NOT NULL`,
    `${q('full_name')} ${text(MAX_FULL_NAME)} NOT NULL`,
    `${q('sql_name')} ${text(64)} NOT NULL`,
    `${q('recorded_at')} ${timestamp} NOT NULL`,
    `PRIMARY KEY (${q('target_table')}, ${q('kind')}, ${q('full_name')})`,
  ];
  return `CREATE TABLE IF NOT EXISTS ${q(NAME_REGISTRY_TABLE)} (${columns.join(', ')})${adapter.tableOptions}`;
}

/** The rows of `targetTable` (every row when absent), ordered. */
export function selectNamesStatement(adapter: SqlAdapter, targetTable?: string): Statement {
  const q = (name: string) => adapter.quote(name);
  const select = `SELECT ${['target_table', 'kind', 'full_name', 'sql_name'].map(q).join(', ')} FROM ${q(NAME_REGISTRY_TABLE)}`;
  const order = ` ORDER BY ${q('target_table')}, ${q('kind')} DESC, ${q('full_name')}`;
  if (targetTable === undefined) return { sql: select + order, parameters: [] };
  return {
    sql: `${select} WHERE ${q('target_table')} = ${adapter.placeholder(1)}${order}`,
    parameters: [targetTable],
  };
}

/** Records `rows`; a row already there keeps its SQL name. */
export function insertNamesStatement(
  adapter: SqlAdapter,
  rows: readonly NameRow[],
  now: Date,
): Statement {
  const q = (name: string) => adapter.quote(name);
  const columns = ['target_table', 'kind', 'full_name', 'sql_name', 'recorded_at'];
  const at = formatUtcDateTime(now);
  const tuples = rows.map((_, r) => {
    const marks = columns.map((_, c) => adapter.placeholder(r * columns.length + c + 1));
    return `(${marks.join(', ')})`;
  });
  return {
    sql:
      `INSERT INTO ${q(NAME_REGISTRY_TABLE)} (${columns.map(q).join(', ')}) VALUES ${tuples.join(', ')} ` +
      adapter.upsertClause(['target_table', 'kind', 'full_name'], ['target_table']),
    parameters: rows.flatMap((row) => [
      row.target_table,
      row.kind,
      row.full_name,
      row.sql_name,
      at,
    ]),
  };
}
