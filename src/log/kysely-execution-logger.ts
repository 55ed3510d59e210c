/**
 * `KyselyExecutionLogger`: the execution log in the same database as the data, with a run lock.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
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
import { RunInProgressError } from '../run/index.js';
import {
  type AnyKysely,
  createLogTables,
  type LogDatabase,
  readTimestamp,
  utcTimestamp,
} from './log-schema.js';

const debug = createDebug('servicenow-sync:log');

/** Options of {@link KyselyExecutionLogger}. */
export interface KyselyExecutionLoggerOptions {
  /**
   * How often a live run refreshes its heartbeat, in milliseconds.
   * @default 15000
   */
  readonly heartbeatMs?: number;
  /**
   * A `running` run whose heartbeat is older than this (milliseconds) is considered dead: it no
   * longer blocks new runs and is marked `error`.
   * @default 120000
   */
  readonly staleAfterMs?: number;
  /**
   * Minimum interval between two progress writes of one task, in milliseconds.
   * @default 2000
   */
  readonly progressIntervalMs?: number;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
}

interface LiveRun {
  readonly executionType: string;
  readonly owner: string;
  readonly timer: NodeJS.Timeout;
  readonly lastProgress: Map<string, number>;
}

/** Longest error message stored, in characters. */
const MAX_MESSAGE = 4000;

/**
 * Writes `servicenow_execution_log` and `servicenow_execution_task` (created when missing) and
 * keeps one run per job alive at a time through `servicenow_sync_lock`.
 *
 * The run row is written `running` when the run starts and completed when it ends; each task
 * row is written when the task starts and completed when it ends. While a run is alive its
 * heartbeat is refreshed; a second run of the same job is refused with
 * {@link RunInProgressError} until the first ends or its heartbeat goes stale (the process
 * died), in which case the dead run is marked `error`.
 *
 * @example
 * ```ts
 * const db = createDatabase('sqlite:./servicenow.db');
 * const logger = new KyselyExecutionLogger(db);
 * await runTasks(tasks, { client, sink: new KyselySink(db), logger });
 * ```
 */
export class KyselyExecutionLogger implements ExecutionLogger {
  readonly #db: Kysely<LogDatabase>;
  readonly #dialect: SqlDialect;
  readonly #heartbeatMs: number;
  readonly #staleAfterMs: number;
  readonly #progressIntervalMs: number;
  readonly #now: () => number;
  readonly #live = new Map<string, LiveRun>();
  #ready: Promise<void> | undefined;

  constructor(db: AnyKysely, options: KyselyExecutionLoggerOptions = {}) {
    this.#db = db as Kysely<LogDatabase>;
    this.#dialect = adapterOf(db, { caller: 'KyselyExecutionLogger' }).dialect;
    this.#heartbeatMs = positive(options.heartbeatMs, 15_000, 'heartbeatMs');
    this.#staleAfterMs = positive(options.staleAfterMs, 120_000, 'staleAfterMs');
    this.#progressIntervalMs = positive(options.progressIntervalMs, 2_000, 'progressIntervalMs');
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
    const owner = randomUUID();
    await this.#acquire(run.executionType, owner);
    let id: number;
    try {
      id = await this.#insertRun(run);
      await this.#db
        .updateTable('servicenow_sync_lock')
        .set({ execution_id: id })
        .where('execution_type', '=', run.executionType)
        .where('owner', '=', owner)
        .execute();
    } catch (error) {
      await this.#release(run.executionType, owner).catch(() => undefined);
      throw error;
    }
    const runId = String(id);
    const timer = setInterval(() => {
      this.#beat(runId).catch((error: unknown) =>
        debug('heartbeat of run %s failed: %O', runId, error),
      );
    }, this.#heartbeatMs);
    timer.unref();
    this.#live.set(runId, {
      executionType: run.executionType,
      owner,
      timer,
      lastProgress: new Map(),
    });
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
      })
      .execute();
  }

  async taskProgress(runId: string, progress: TaskProgress): Promise<void> {
    const live = this.#live.get(runId);
    const now = this.#now();
    const last = live?.lastProgress.get(progress.name) ?? 0;
    if (now - last < this.#progressIntervalMs) return;
    live?.lastProgress.set(progress.name, now);
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
      })
      .where('execution_id', '=', Number(runId))
      .where('task_name', '=', t.name)
      .execute();
  }

  async runFinished(runId: string, r: RunResult): Promise<void> {
    const live = this.#live.get(runId);
    if (live) clearInterval(live.timer);
    this.#live.delete(runId);
    try {
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
    } finally {
      if (live) await this.#release(live.executionType, live.owner);
    }
    debug('run %s finished %s', runId, r.status);
  }

  /** Stops heartbeats of runs still open (their lock goes stale); does not close the database. */
  async close(): Promise<void> {
    for (const live of this.#live.values()) clearInterval(live.timer);
    this.#live.clear();
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
    };
    const db = this.#db as unknown as Kysely<SyncTables>;
    return adapterFor(this.#dialect).insertReturningId(db, 'servicenow_execution_log', values);
  }

  /** Takes the job's lock, or throws RunInProgressError; a stale holder is marked dead. */
  async #acquire(executionType: string, owner: string): Promise<void> {
    const now = utcTimestamp(new Date(this.#now()));
    try {
      await this.#db
        .insertInto('servicenow_sync_lock')
        .values({ execution_type: executionType, owner, execution_id: null, heartbeat_at: now })
        .execute();
      return;
    } catch (insertError) {
      const staleBefore = utcTimestamp(new Date(this.#now() - this.#staleAfterMs));
      const holder = await this.#db
        .selectFrom('servicenow_sync_lock')
        .selectAll()
        .where('execution_type', '=', executionType)
        .executeTakeFirst();
      if (!holder) throw insertError;
      const taken = await this.#db
        .updateTable('servicenow_sync_lock')
        .set({ owner, execution_id: null, heartbeat_at: now })
        .where('execution_type', '=', executionType)
        .where('owner', '=', holder.owner)
        .where('heartbeat_at', '<', staleBefore)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== 1) {
        throw new RunInProgressError(
          executionType,
          holder.execution_id === null ? undefined : String(holder.execution_id),
          readTimestamp(holder.heartbeat_at) ?? undefined,
        );
      }
      await this.#markStaleRuns(executionType, staleBefore, now);
    }
  }

  async #markStaleRuns(executionType: string, staleBefore: string, now: string): Promise<void> {
    const result = await this.#db
      .updateTable('servicenow_execution_log')
      .set({
        status: 'error',
        ended_at: now,
        error_message: `The run stopped without finishing (no heartbeat since before ${staleBefore} UTC); the process probably died. Committed rows were kept; re-run to complete the data.`,
      })
      .where('execution_type', '=', executionType)
      .where('status', '=', 'running')
      .where((eb) => eb.or([eb('heartbeat_at', '<', staleBefore), eb('heartbeat_at', 'is', null)]))
      .executeTakeFirst();
    debug('marked %d stale %s run(s) as failed', Number(result.numUpdatedRows), executionType);
  }

  async #beat(runId: string): Promise<void> {
    const live = this.#live.get(runId);
    if (!live) return;
    const now = utcTimestamp(new Date(this.#now()));
    await this.#db
      .updateTable('servicenow_sync_lock')
      .set({ heartbeat_at: now })
      .where('execution_type', '=', live.executionType)
      .where('owner', '=', live.owner)
      .execute();
    await this.#db
      .updateTable('servicenow_execution_log')
      .set({ heartbeat_at: now })
      .where('id', '=', Number(runId))
      .execute();
  }

  async #release(executionType: string, owner: string): Promise<void> {
    await this.#db
      .deleteFrom('servicenow_sync_lock')
      .where('execution_type', '=', executionType)
      .where('owner', '=', owner)
      .execute();
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

function clip(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 1)}…`;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function positive(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(
      `KyselyExecutionLogger option ${option} must be a positive number, received ${String(value)}`,
    );
  }
  return value;
}
