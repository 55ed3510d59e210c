/**
 * Reading a table's columns (names, or names and types) and adding the columns it lacks (never
 * dropping or altering any), through the database's adapter.
 *
 * @module
 */
import createDebug from 'debug';
import type { SinkQueryRunner } from './sink-database.js';
import type { ColumnSpec, SqlAdapter } from './sql-adapter.js';
import { runStatement } from './statement.js';

const debug = createDebug('servicenow-sync:sink');

/**
 * The columns a table has, in order; empty when the table does not exist.
 *
 * @example
 * ```ts
 * await readColumns(db, adapterOf(db), 'incident'); // ['sys_id', 'number', ...]
 * ```
 */
export async function readColumns(
  runner: SinkQueryRunner,
  adapter: SqlAdapter,
  table: string,
): Promise<string[]> {
  const rows = await runStatement<{ name: string }>(runner, adapter.listColumnsStatement(table));
  return rows.map((row) => row.name);
}

/**
 * The columns a table has, in order, with their types as the database spells them
 * (`varchar(40)`, `character varying(40)`, `TEXT`); empty when the table does not exist.
 *
 * @example
 * ```ts
 * await readTableColumns(db, adapterOf(db), 'incident'); // [{ name: 'sys_id', type: 'varchar(255)' }, ...]
 * ```
 */
export async function readTableColumns(
  runner: SinkQueryRunner,
  adapter: SqlAdapter,
  table: string,
): Promise<ColumnSpec[]> {
  const rows = await runStatement<{ name: string; type: string | null }>(
    runner,
    adapter.listColumnsStatement(table),
  );
  return rows.map((row) => ({ name: row.name, type: String(row.type ?? '') }));
}

/**
 * Makes `table` have at least `wanted`: creates it when missing (`sys_id` its primary key), adds
 * missing columns. `existing` is what the caller knows of its columns (empty: read them first).
 * Returns the table's columns afterwards and the statements executed.
 *
 * @example
 * ```ts
 * await ensureColumns(db, adapterOf(db), 'incident', [], [{ name: 'sys_id', type: 'text' }]);
 * ```
 */
export async function ensureColumns(
  runner: SinkQueryRunner,
  adapter: SqlAdapter,
  table: string,
  existing: readonly string[],
  wanted: readonly ColumnSpec[],
): Promise<{ columns: string[]; statements: number }> {
  let statements = 0;
  if (existing.length === 0) {
    const current = await readColumns(runner, adapter, table);
    statements++;
    if (current.length === 0) {
      debug('create table %s (%d columns)', table, wanted.length);
      await runStatement(runner, { sql: adapter.createTableSql(table, wanted), parameters: [] });
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
      await runStatement(runner, { sql: adapter.addColumnSql(table, column), parameters: [] });
      statements++;
    } catch (error) {
      // Another writer may have added it meanwhile; anything else is a real failure.
      statements += 2;
      const now = await readColumns(runner, adapter, table);
      if (!now.includes(column.name)) throw error;
    }
    have.add(column.name);
    columns.push(column.name);
  }
  return { columns, statements };
}
