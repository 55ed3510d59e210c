/**
 * A task's live rows (those not marked deleted by a soft delete): delete or mark deleted, list
 * keys, count; the statements and their execution for `KyselySink`.
 *
 * @module
 */
import { ConfigurationError, formatUtcDateTime } from '../core/index.js';
import {
  compiled,
  runStatement,
  type SinkDatabase,
  type SinkQueryRunner,
  type SqlAdapter,
  type Statement,
} from '../database/index.js';
import { fields } from '../fields/index.js';
import type { DeleteResult, SinkKeysOptions } from './sink.js';
import { messageOf, SinkError } from './sink-error.js';
import type { SinkTables, TableState } from './sink-tables.js';
import type { SyncStateStore } from './sync-state-store.js';

/** What the operations on live rows use of a sink. @internal */
export interface LiveRowsContext {
  readonly db: SinkDatabase;
  readonly adapter: SqlAdapter;
  readonly tables: SinkTables;
  readonly state: SyncStateStore;
}

/** Options of {@link deleteRows}. @internal */
export interface DeleteRowsOptions {
  /** Mark the rows deleted instead of removing them. */
  readonly soft: boolean;
  /** The state's save, run in the last batch's transaction (alone when there are no keys). */
  readonly save: { readonly statement: Statement; readonly statements: number } | undefined;
  /** Keys per statement and transaction. */
  readonly batchSize: number;
  readonly signal?: AbortSignal;
}

/** The column a soft delete sets; `NULL` on live rows. */
export const DELETED_AT_COLUMN = 'sys_deleted_at';

/**
 * `options` of `KyselySink.keys` checked.
 *
 * @throws {@link ConfigurationError} for a `limit` that is not a positive integer or an `after`
 * that is not a string.
 */
export function checkKeysOptions(options: SinkKeysOptions): SinkKeysOptions {
  const { after, limit } = options;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new ConfigurationError(
      `KyselySink.keys: limit must be a positive integer, got ${String(limit)}`,
      { option: 'limit' },
    );
  }
  if (after !== undefined && typeof after !== 'string') {
    throw new ConfigurationError(`KyselySink.keys: after must be a string, got ${typeof after}`, {
      option: 'after',
    });
  }
  return options;
}

/**
 * The keys of `KyselySink.delete` checked.
 *
 * @throws {@link ConfigurationError} for a key that is not a string.
 */
export function checkSysIds(sysIds: readonly unknown[]): void {
  if (sysIds.some((sysId) => typeof sysId !== 'string')) {
    throw new ConfigurationError('KyselySink.delete: every sys_id must be a string', {
      option: 'sysIds',
    });
  }
}

/** `DELETE ... WHERE sys_id IN (...)`. */
export function deleteStatement(
  adapter: SqlAdapter,
  table: string,
  keys: readonly string[],
): Statement {
  const q = (name: string) => adapter.quote(name);
  const marks = keys.map((_, i) => adapter.placeholder(i + 1));
  return {
    sql: `DELETE FROM ${q(table)} WHERE ${q('sys_id')} IN (${marks.join(',')})`,
    parameters: keys,
  };
}

/**
 * `UPDATE ... SET sys_deleted_at = <at> WHERE sys_id IN (...) AND sys_deleted_at IS NULL`: rows
 * already marked keep their time and are not counted.
 */
export function softDeleteStatement(
  adapter: SqlAdapter,
  table: string,
  keys: readonly string[],
  at: string,
): Statement {
  const q = (name: string) => adapter.quote(name);
  const marks = keys.map((_, i) => adapter.placeholder(i + 2));
  return {
    sql:
      `UPDATE ${q(table)} SET ${q(DELETED_AT_COLUMN)} = ${adapter.placeholder(1)} ` +
      `WHERE ${q('sys_id')} IN (${marks.join(',')}) AND ${q(DELETED_AT_COLUMN)} IS NULL`,
    parameters: [at, ...keys],
  };
}

/**
 * The live `sys_id`s after `after` (all when `undefined`), in the key's order, at most `limit`
 * (a validated positive integer). `softDeletes` says whether the table has the column.
 */
export function keysStatement(
  adapter: SqlAdapter,
  table: string,
  softDeletes: boolean,
  after: string | undefined,
  limit: number,
): Statement {
  const q = (name: string) => adapter.quote(name);
  const where: string[] = [];
  const parameters: unknown[] = [];
  if (softDeletes) where.push(`${q(DELETED_AT_COLUMN)} IS NULL`);
  if (after !== undefined) {
    parameters.push(after);
    where.push(`${q('sys_id')} > ${adapter.placeholder(parameters.length)}`);
  }
  const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  return {
    sql: `SELECT ${q('sys_id')} AS ${q('sys_id')} FROM ${q(table)}${filter} ORDER BY ${q('sys_id')} LIMIT ${limit}`,
    parameters,
  };
}

/** `SELECT count(*) AS n` of the live rows. */
export function countRowsStatement(
  adapter: SqlAdapter,
  table: string,
  softDeletes: boolean,
): Statement {
  const q = (name: string) => adapter.quote(name);
  const filter = softDeletes ? ` WHERE ${q(DELETED_AT_COLUMN)} IS NULL` : '';
  return { sql: `SELECT count(*) AS n FROM ${q(table)}${filter}`, parameters: [] };
}

/**
 * Deletes rows by `sys_id` (or marks them deleted, adding the column when missing), in batches,
 * one transaction per batch; `save` runs in the last batch's transaction. @internal
 */
export async function deleteRows(
  live: LiveRowsContext,
  table: TableState,
  sysIds: readonly string[],
  options: DeleteRowsOptions,
): Promise<DeleteResult> {
  const { soft, batchSize, signal } = options;
  const save = options.save?.statement;
  let dbOperations = options.save?.statements ?? 0;
  if (soft && !table.columns.includes(DELETED_AT_COLUMN) && sysIds.length > 0) {
    dbOperations += await live.tables.alter(table, [
      { name: DELETED_AT_COLUMN, type: live.adapter.columnType(fields.dateTime().sqlType) },
    ]);
  }
  const at = formatUtcDateTime(new Date());
  const keys = [...new Set(sysIds)];
  let deleted = 0;
  for (let start = 0; start < keys.length; start += batchSize) {
    signal?.throwIfAborted();
    const batch = keys.slice(start, start + batchSize);
    const statement = soft
      ? softDeleteStatement(live.adapter, table.name, batch, at)
      : deleteStatement(live.adapter, table.name, batch);
    const then = start + batchSize >= keys.length ? save : undefined;
    const execute = async (runner: SinkQueryRunner) => {
      const result = await runner.executeQuery(compiled(statement));
      if (then !== undefined) await runner.executeQuery(compiled(then));
      return result;
    };
    const result = await (then !== undefined
      ? live.db.transaction().execute(execute)
      : execute(live.db)
    ).catch((error: unknown) => {
      throw new SinkError(table.name, `delete failed: ${messageOf(error)}`, { cause: error });
    });
    deleted += Number(result.numAffectedRows ?? 0);
    dbOperations += then !== undefined ? 2 : 1;
  }
  if (keys.length === 0 && save !== undefined) {
    await live.state.run(live.db, save, 'save');
    dbOperations++;
  }
  return { deleted, dbOperations };
}

/** The live keys of a table after `after`, at most `limit` (validated by the caller). @internal */
export async function liveKeys(
  live: LiveRowsContext,
  table: TableState,
  after: string | undefined,
  limit: number,
): Promise<string[]> {
  const softDeletes = table.columns.includes(DELETED_AT_COLUMN);
  const statement = keysStatement(live.adapter, table.name, softDeletes, after, limit);
  const rows = await runStatement<{ sys_id: string }>(live.db, statement).catch(
    (error: unknown) => {
      throw new SinkError(table.name, `cannot list keys: ${messageOf(error)}`, { cause: error });
    },
  );
  return rows.map((row) => row.sys_id);
}

/** How many live rows a table holds. @internal */
export async function countLiveRows(live: LiveRowsContext, table: TableState): Promise<number> {
  const softDeletes = table.columns.includes(DELETED_AT_COLUMN);
  const [row] = await runStatement<{ n: number | string }>(
    live.db,
    countRowsStatement(live.adapter, table.name, softDeletes),
  ).catch((error: unknown) => {
    throw new SinkError(table.name, `cannot count rows: ${messageOf(error)}`, { cause: error });
  });
  return Number(row?.n ?? 0);
}
