/**
 * Creating a task's table and adding the columns it gained (never dropping or altering any).
 *
 * @module
 */
import createDebug from 'debug';
import { CompiledQuery } from 'kysely';
import type { SqlDialect } from '../fields/index.js';
import {
  addColumnSql,
  type ColumnSpec,
  createTableSql,
  listColumnsStatement,
  type Statement,
} from './dialect-sql.js';
import type { SinkQueryRunner } from './sink-database.js';

const debug = createDebug('servicenow-sync:sink');

/** Runs a statement and returns its rows. */
export async function run<R>(runner: SinkQueryRunner, statement: Statement): Promise<R[]> {
  const result = await runner.executeQuery(
    CompiledQuery.raw(statement.sql, statement.parameters as unknown[]) as CompiledQuery<R>,
  );
  return result.rows;
}

/** The columns a table has, in order; empty when the table does not exist. */
export async function readColumns(
  runner: SinkQueryRunner,
  dialect: SqlDialect,
  table: string,
): Promise<string[]> {
  const rows = await run<{ name: string }>(runner, listColumnsStatement(dialect, table));
  return rows.map((row) => row.name);
}

/**
 * Makes `table` have at least `wanted`: creates it when missing, adds missing columns. Returns
 * the table's columns afterwards and the statements executed.
 */
export async function ensureColumns(
  runner: SinkQueryRunner,
  dialect: SqlDialect,
  table: string,
  existing: readonly string[],
  wanted: readonly ColumnSpec[],
): Promise<{ columns: string[]; statements: number }> {
  let statements = 0;
  if (existing.length === 0) {
    const current = await readColumns(runner, dialect, table);
    statements++;
    if (current.length === 0) {
      debug('create table %s (%d columns)', table, wanted.length);
      await run(runner, { sql: createTableSql(dialect, table, wanted), parameters: [] });
      statements++;
      return { columns: wanted.map((column) => column.name), statements };
    }
    existing = current;
  }
  const columns = [...existing];
  const have = new Set(existing);
  for (const column of wanted) {
    if (have.has(column.name)) continue;
    debug('add column %s.%s %s', table, column.name, column.type);
    try {
      await run(runner, { sql: addColumnSql(dialect, table, column), parameters: [] });
      statements++;
    } catch (error) {
      // Another writer may have added it meanwhile; anything else is a real failure.
      statements += 2;
      const now = await readColumns(runner, dialect, table);
      if (!now.includes(column.name)) throw error;
    }
    have.add(column.name);
    columns.push(column.name);
  }
  return { columns, statements };
}
