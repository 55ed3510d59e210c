/**
 * Counting a batch's new rows from the keys already present, taken before the rows are written
 * in the same transaction (MySQL, and SQLite tables whose rowids cannot tell).
 *
 * @module
 */
import type { QueryResult } from 'kysely';
import type { Row } from '../fields/index.js';
import type { SinkQueryRunner } from './sink-database.js';
import type { SqlAdapter, UpsertCount } from './sql-adapter.js';
import { runStatement } from './statement.js';

/** Counts the keys of `rows` present in `table`, runs `write`, and returns the new rows' count. */
export async function countByExistingKeys(
  adapter: Pick<SqlAdapter, 'countExistingStatement'>,
  runner: SinkQueryRunner,
  table: string,
  rows: readonly Row[],
  write: () => Promise<readonly QueryResult<unknown>[]>,
): Promise<UpsertCount> {
  const keys = rows.map((row) => row.sys_id as string);
  const [found] = await runStatement<{ n: number | string }>(
    runner,
    adapter.countExistingStatement(table, keys),
  );
  const results = await write();
  return { inserted: rows.length - Number(found?.n ?? 0), statements: results.length + 1 };
}
