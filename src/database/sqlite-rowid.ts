/**
 * SQLite: counting a batch's new rows from the table's largest rowid before and after it.
 *
 * @module
 */

import type { SinkQueryRunner } from './sink-database.js';
import { doubleQuoted } from './sql-text.js';
import { runStatement } from './statement.js';

/** What the rowid probe returns. */
export interface RowidProbe {
  readonly unsafe: number;
  readonly max: number | null;
}

/**
 * Whether new rows of `table` can be counted from its rowids, and its largest rowid.
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
    `(SELECT max(rowid) FROM ${doubleQuoted(table)}) AS "max"`
  );
}

/** The largest rowid of `table` (`m`, `NULL` when empty). */
export function sqliteMaxRowidSql(table: string): string {
  return `SELECT max(rowid) AS "m" FROM ${doubleQuoted(table)}`;
}

/**
 * The largest rowid a probe found, when `rows` new rows can be counted from it; `undefined` when
 * they cannot.
 */
export function countableMax(probe: RowidProbe | undefined, rows: number): number | undefined {
  const max = Number(probe?.max ?? 0);
  return probe?.unsafe === 0 && max + rows < Number.MAX_SAFE_INTEGER ? max : undefined;
}

/**
 * The table's largest rowid before a batch of `rows` rows, when new rows can be counted from it
 * (see {@link sqliteRowidProbeSql}); `undefined` when they cannot.
 */
export async function maxRowidBefore(
  runner: SinkQueryRunner,
  table: string,
  rows: number,
): Promise<number | undefined> {
  try {
    const [probe] = await runStatement<RowidProbe>(runner, {
      sql: sqliteRowidProbeSql(table),
      parameters: [table, table, table, table],
    });
    return countableMax(probe, rows);
  } catch {
    // A WITHOUT ROWID table: count the keys instead.
    return undefined;
  }
}

/** The table's largest rowid now (0 when empty). */
export async function maxRowid(runner: SinkQueryRunner, table: string): Promise<number> {
  const [found] = await runStatement<{ m: number | null }>(runner, {
    sql: sqliteMaxRowidSql(table),
    parameters: [],
  });
  return Number(found?.m ?? 0);
}
