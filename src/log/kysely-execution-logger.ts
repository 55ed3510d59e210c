/**
 * `KyselyExecutionLogger`: the execution log in the same database as the data.
 *
 * @module
 */
import createDebug from 'debug';
import type { Kysely } from 'kysely';
import { adapterFor, adapterOf, type SyncTables } from '../database/index.js';
import type { SqlDialect } from '../fields/index.js';
import type {
  ExecutionLogger,
  RunResult,
  RunStartInfo,
  TaskInfo,
  TaskProgress,
  TaskResult,
} from '../run/index.js';
import type { SchemaChange } from '../sink/index.js';
import { abandonedClosing, closeRunRows } from './close-run.js';
import { type AnyKysely, createLogTables, type LogDatabase, utcTimestamp } from './log-schema.js';
import { positiveOption } from './positive-option.js';

const debug = createDebug('servicenow-sync:log');

/** Options of {@link KyselyExecutionLogger}. */
export interface KyselyExecutionLoggerOptions {
  /**
   * Minimum interval between two progress writes of one task, in milliseconds.
   * @default 2000
   */
  readonly progressIntervalMs?: number;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
}

/** Longest error message stored, in characters. */
const MAX_MESSAGE = 4000;

/**
 * Writes `servicenow_execution_log` and `servicenow_execution_task` (created when missing).
 *
 * The run row is written `running` when the run starts (with its instance) and completed when it ends; each task
 * row is written when the task starts and completed when it ends. When the run took over the
 * lock of a dead run (`RunStartInfo.replacedRun`), that run's row and its unfinished task rows
 * are closed as `abandoned`, with a message saying why (found by execution id, or by the lock
 * lease recorded in `lock_owner` when the dead run died before its id reached the lock).
 * Overlapping runs are kept apart by the run's `RunLock` (`KyselyRunLock`), not by the logger.
 *
 * @example
 * ```ts
 * const db = createDatabase('sqlite:./servicenow.db');
 * const logger = new KyselyExecutionLogger(db);
 * await runTasks(tasks, { client, sink: new KyselySink(db), logger, lock: new KyselyRunLock(db) });
 * ```
 */
export class KyselyExecutionLogger implements ExecutionLogger {
  readonly #db: Kysely<LogDatabase>;
  readonly #dialect: SqlDialect;
  readonly #progressIntervalMs: number;
  readonly #now: () => number;
  /** Last progress write of each task of each live run, by run id then task name. */
  readonly #live = new Map<string, Map<string, number>>();
  #ready: Promise<void> | undefined;

  constructor(db: AnyKysely, options: KyselyExecutionLoggerOptions = {}) {
    this.#db = db as Kysely<LogDatabase>;
    this.#dialect = adapterOf(db, { caller: 'KyselyExecutionLogger' }).dialect;
    this.#progressIntervalMs = positiveOption(
      'KyselyExecutionLogger',
      'progressIntervalMs',
      options.progressIntervalMs,
      2_000,
    );
    this.#now = options.now ?? Date.now;
  }

  /** Creates the log tables when missing (done automatically on first use). */
  ensureTables(): Promise<void> {
    this.#ready ??= createLogTables(this.#db, this.#dialect).catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async runStarted(run: RunStartInfo): Promise<string> {
    await this.ensureTables();
    const runId = String(await this.#insertRun(run));
    if (run.replacedRun) {
      const closing = abandonedClosing(run.replacedRun, runId, new Date(this.#now()));
      try {
        const closed = await closeRunRows(this.#db, run.replacedRun, closing);
        debug('run %s closed %d abandoned run(s): %s', runId, closed.length, closed.join(', '));
      } catch (error) {
        await this.#failStart(runId, error);
        throw error;
      }
    }
    this.#live.set(runId, new Map());
    debug('run %s (%s) started', runId, run.executionType);
    return runId;
  }

  async taskStarted(runId: string, task: TaskInfo & { readonly startedAt: Date }): Promise<void> {
    await this.#db
      .insertInto('servicenow_execution_task')
      .values({
        execution_id: Number(runId),
        task_name: task.name,
        table_name: task.table,
        target_table: task.target,
        status: 'running',
        records_processed: 0,
        records_rejected: 0,
        api_calls: 0,
        db_operations: 0,
        started_at: utcTimestamp(task.startedAt),
        ended_at: null,
        duration_seconds: null,
        error_message: null,
        sync_mode: null,
        expected_records: null,
        records_deleted: null,
        schema_changes: null,
      })
      .execute();
  }

  async taskProgress(runId: string, progress: TaskProgress): Promise<void> {
    const live = this.#live.get(runId);
    const now = this.#now();
    const last = live?.get(progress.name) ?? 0;
    if (now - last < this.#progressIntervalMs) return;
    live?.set(progress.name, now);
    await this.#db
      .updateTable('servicenow_execution_task')
      .set({
        records_processed: progress.recordsProcessed,
        records_rejected: progress.recordsRejected,
        api_calls: progress.apiCalls,
        db_operations: progress.dbOperations,
      })
      .where('execution_id', '=', Number(runId))
      .where('task_name', '=', progress.name)
      .execute();
  }

  async taskFinished(runId: string, t: TaskResult): Promise<void> {
    await this.#db
      .updateTable('servicenow_execution_task')
      .set({
        status: t.status,
        records_processed: t.recordsProcessed,
        records_rejected: t.recordsRejected,
        api_calls: t.apiCalls,
        db_operations: t.dbOperations,
        ended_at: utcTimestamp(t.endedAt),
        duration_seconds: round3(t.durationSeconds),
        error_message: t.error ? clip(`${t.error.name}: ${t.error.message}`) : null,
        sync_mode: t.mode,
        expected_records: t.expectedRecords,
        records_deleted: t.recordsDeleted,
        schema_changes: schemaChangesText(t.schemaChanges),
      })
      .where('execution_id', '=', Number(runId))
      .where('task_name', '=', t.name)
      .execute();
  }

  async runFinished(runId: string, r: RunResult): Promise<void> {
    this.#live.delete(runId);
    await this.#db
      .updateTable('servicenow_execution_log')
      .set({
        status: r.status,
        ended_at: utcTimestamp(r.endedAt),
        duration_seconds: round3(r.durationSeconds),
        total_records_processed: r.totalRecordsProcessed,
        api_calls: r.apiCalls,
        db_operations: r.dbOperations,
        error_message: runErrorMessage(r),
        heartbeat_at: utcTimestamp(new Date(this.#now())),
      })
      .where('id', '=', Number(runId))
      .execute();
    debug('run %s finished %s', runId, r.status);
  }

  /** Forgets the runs still open; does not close the database. */
  async close(): Promise<void> {
    this.#live.clear();
  }

  /** A start refused after its row was inserted: the row is closed as `error`, if it can be. */
  async #failStart(runId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    try {
      await this.#db
        .updateTable('servicenow_execution_log')
        .set({
          status: 'error',
          ended_at: utcTimestamp(new Date(this.#now())),
          error_message: clip(`The run could not start: ${message}`),
        })
        .where('id', '=', Number(runId))
        .execute();
    } catch (closing) {
      debug('run %s: closing the refused start failed: %O', runId, closing);
    }
  }

  async #insertRun(run: RunStartInfo): Promise<number> {
    const started = utcTimestamp(run.startedAt);
    const values = {
      execution_type: run.executionType,
      start_date: run.window?.from ?? null,
      end_date: run.window?.to ?? null,
      started_at: started,
      ended_at: null,
      duration_seconds: null,
      status: 'running',
      total_records_processed: 0,
      api_calls: 0,
      db_operations: 0,
      error_message: null,
      heartbeat_at: started,
      lock_owner: run.lockOwner ?? null,
      instance: run.instance ?? null,
    };
    const db = this.#db as unknown as Kysely<SyncTables>;
    return adapterFor(this.#dialect).insertReturningId(db, 'servicenow_execution_log', values);
  }
}

function runErrorMessage(r: RunResult): string | null {
  const parts: string[] = [];
  if (r.error) parts.push(`${r.error.name}: ${r.error.message}`);
  for (const warning of r.warnings) parts.push(`Warning: ${warning}`);
  for (const t of Object.values(r.tasks)) {
    if (t.error) parts.push(`[${t.name}] ${t.error.name}: ${t.error.message}`);
    else if (t.recordsRejected > 0)
      parts.push(`[${t.name}] ${t.recordsRejected} record(s) rejected`);
  }
  return parts.length === 0 ? null : clip(parts.join('\n'));
}

/** The changes as stored in `schema_changes`: a JSON array, `null` when there are none. */
function schemaChangesText(changes: readonly SchemaChange[] | undefined): string | null {
  return changes === undefined || changes.length === 0 ? null : JSON.stringify(changes);
}

function clip(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 1)}…`;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
