/**
 * The sync state of a database as an operator sees it, outside any run: every task's watermark
 * and instance (`servicenow-sync state`), and clearing watermarks so the next run is full
 * (`servicenow-sync state reset`).
 *
 * @module
 */
import { ConfigurationError, formatUtcDateTime } from '../core/index.js';
import {
  adapterOf,
  readColumns,
  runStatement,
  type SinkDatabase,
  type SqlAdapter,
  type Statement,
} from '../database/index.js';
import { SYNC_STATE_TABLE, type SyncState } from './sync-state.js';
import { type StateRow, stateOfRow } from './sync-state-sql.js';

/** One row of `servicenow_sync_state`: a task's {@link SyncState} and whom it belongs to. */
export interface StoredSyncState extends SyncState {
  /** The task's name. */
  readonly task: string;
  /** The database table the task writes. */
  readonly targetTable: string;
  /** The ServiceNow table the task reads. */
  readonly table: string;
  /** The instance whose data the target table holds; `null` when not recorded yet. */
  readonly instance: string | null;
}

/** Options of {@link readSyncStates} and {@link resetSyncState}. */
export interface StoredSyncStateOptions {
  /** Aborts between statements. */
  readonly signal?: AbortSignal;
}

interface StoredRow extends StateRow {
  readonly task_name: string;
  readonly target_table: string;
  readonly table_name: string;
  readonly instance: string | null;
}

/**
 * Every task's stored sync state, by task name then target table; `[]` when the state table
 * does not exist. Creates and changes nothing.
 *
 * @example
 * ```ts
 * for (const s of await readSyncStates(db)) console.log(s.task, s.instance, s.watermark?.updatedOn);
 * ```
 */
export async function readSyncStates(
  db: SinkDatabase,
  options: StoredSyncStateOptions = {},
): Promise<StoredSyncState[]> {
  const adapter = adapterOf(db, { caller: 'readSyncStates' });
  options.signal?.throwIfAborted();
  const columns = await readColumns(db, adapter, SYNC_STATE_TABLE);
  if (columns.length === 0) return [];
  const rows = await runStatement<StoredRow>(
    db,
    selectAllStatement(adapter, columns.includes('instance')),
  );
  return rows.map((row) => ({
    task: row.task_name,
    targetTable: row.target_table,
    table: row.table_name,
    instance: row.instance ?? null,
    ...stateOfRow(row),
  }));
}

/**
 * Clears the watermark and the deletes checkpoint of the named tasks (every target table of
 * each), in one transaction: their next incremental run reads their whole selection (or from
 * `since`), as a first run does. The instance recorded stays. Resolves to the states as they
 * were before the reset.
 *
 * @throws {@link ConfigurationError} (nothing changed) when no task is named, or a name has no
 * stored state; the message lists the tasks that have one.
 *
 * @example
 * ```ts
 * await resetSyncState(db, ['users', 'groups']);
 * ```
 */
export async function resetSyncState(
  db: SinkDatabase,
  tasks: readonly string[],
  options: StoredSyncStateOptions = {},
): Promise<StoredSyncState[]> {
  const adapter = adapterOf(db, { caller: 'resetSyncState' });
  const states = await readSyncStates(db, options);
  const known = [...new Set(states.map((s) => s.task))];
  const unknown = tasks.filter((task) => !known.includes(task));
  if (tasks.length === 0 || unknown.length > 0) {
    const which =
      tasks.length === 0
        ? 'no task named'
        : `no sync state for ${unknown.map((t) => JSON.stringify(t)).join(', ')}`;
    throw new ConfigurationError(
      `resetSyncState: ${which}; ${known.length === 0 ? 'no task has a sync state yet' : `the tasks with a sync state are ${known.join(', ')}`}`,
      { option: 'tasks' },
    );
  }
  options.signal?.throwIfAborted();
  const names = [...new Set(tasks)];
  await db
    .transaction()
    .execute((trx) => runStatement(trx, resetStatement(adapter, names, new Date())));
  return states.filter((s) => names.includes(s.task));
}

function selectAllStatement(adapter: SqlAdapter, hasInstance: boolean): Statement {
  const q = (name: string) => adapter.quote(name);
  const time = (column: string) => adapter.selectUtcText(column);
  const instance = hasInstance ? q('instance') : `NULL AS ${q('instance')}`;
  return {
    sql:
      `SELECT ${q('task_name')}, ${q('target_table')}, ${q('table_name')}, ${instance}, ` +
      `${time('watermark_time')}, ${q('watermark_sys_id')}, ${time('deletes_checked_at')}, ` +
      `${time('updated_at')} FROM ${q(SYNC_STATE_TABLE)} ORDER BY ${q('task_name')}, ${q('target_table')}`,
    parameters: [],
  };
}

function resetStatement(adapter: SqlAdapter, tasks: readonly string[], now: Date): Statement {
  const q = (name: string) => adapter.quote(name);
  const marks = tasks.map((_, i) => adapter.placeholder(i + 2));
  return {
    sql:
      `UPDATE ${q(SYNC_STATE_TABLE)} SET ${q('watermark_time')} = NULL, ${q('watermark_sys_id')} = NULL, ` +
      `${q('deletes_checked_at')} = NULL, ${q('updated_at')} = ${adapter.placeholder(1)} ` +
      `WHERE ${q('task_name')} IN (${marks.join(', ')})`,
    parameters: [formatUtcDateTime(now), ...tasks],
  };
}
