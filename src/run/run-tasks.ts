/**
 * `runTasks` / `startRun`: the scheduler that pages each task's table, decodes, transforms and
 * writes, with a pool of concurrent tasks isolated from each other's failures.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import createDebug from 'debug';
import PQueue from 'p-queue';
import type {
  CountOptions,
  IntegrationUser,
  Page,
  PaginateOptions,
  TableRecord,
} from '../client/index.js';
import type { ExecutionLogger } from '../log/index.js';
import type { QueryInput } from '../query/index.js';
import type { Sink } from '../sink/index.js';
import type { TaskDefinition, TaskWindow } from '../tasks/index.js';
import { summarize } from './error-summary.js';
import { RunCancelledError } from './errors.js';
import type { ProgressEvent } from './progress.js';
import { planRun, type RunPlan } from './run-plan.js';
import type { RunResult, RunStatus, TaskResult } from './run-result.js';
import { cancelReason, runTask } from './run-task.js';
import { type DeleteMode, type SyncMode, upperBound } from './sync-mode.js';
import { checkTimeZone } from './time-zone-guard.js';

export { summarize } from './error-summary.js';

const debug = createDebug('servicenow-sync:run');

/** The part of `ServiceNowClient` a run uses; any object with it will do (tests, wrappers). */
export interface RunClient {
  paginate(table: string, options?: PaginateOptions): AsyncIterable<Page<TableRecord>>;
  /** The instance's count for a query (completeness audit); without it the audit is skipped. */
  count?(table: string, query?: QueryInput, options?: CountOptions): Promise<number>;
  /** The integration user and its time zone (time-zone guard); without it the guard is skipped. */
  integrationUser?(options?: {
    readonly signal?: AbortSignal;
  }): Promise<IntegrationUser | undefined>;
}

/** Options of {@link runTasks} and {@link startRun}. */
export interface RunTasksOptions {
  /** Reads ServiceNow. */
  readonly client: RunClient;
  /** Receives the rows. */
  readonly sink: Sink;
  /** Receives run events (execution log). @default none */
  readonly logger?: ExecutionLogger;
  /**
   * Tasks running at once, as a pool (a finished task frees its slot at once).
   * @default all the tasks
   */
  readonly concurrency?: number;
  /**
   * The days to load, both included, in UTC unless `timeZone` is set. Tasks with a `window`
   * field are restricted to it; tasks without one read their whole selection.
   * @default no window
   */
  readonly window?: TaskWindow;
  /** Stops the run: in-flight requests are aborted, committed batches stay. */
  readonly signal?: AbortSignal;
  /** Called for each progress event; must not throw. */
  readonly onProgress?: (event: ProgressEvent) => void;
  /**
   * The `execution_type` of the log: `incidents`, `configurations`, or `tasks`.
   * @default 'tasks'
   */
  readonly executionType?: string;
  /**
   * Records per page for tasks that do not set their own.
   * @default 1000
   */
  readonly pageSize?: number;
  /**
   * Full mode: split each task's sys_id keyspace into this many ranges read at once (client
   * `partitions`), within the client's in-flight cap. Big tables load faster when the instance,
   * not this process, is the bottleneck; memory grows with the ranges (each reads ahead).
   * Incremental runs follow `sys_updated_on` order and refuse it (`ConfigurationError`).
   * @default 1
   */
  readonly partitions?: number;
  /**
   * `full` reads each task's selection (narrowed by `window`); `incremental` reads what changed
   * since each task's watermark, kept in the sink's database (`servicenow_sync_state`), and
   * takes no window. See {@link SyncMode}.
   * @default 'full'
   */
  readonly mode?: SyncMode;
  /**
   * Incremental mode: where a task without a watermark starts (`YYYY-MM-DD` or
   * `YYYY-MM-DD HH:MM:SS`, UTC).
   * @default its whole selection
   */
  readonly since?: string;
  /**
   * Incremental mode: minutes before the watermark re-read at each run, for rows committed
   * late with an older `sys_updated_on`. 0 resumes exactly after the watermark.
   * @default 10
   */
  readonly overlapMinutes?: number;
  /**
   * How deleted records reach the database: one {@link DeleteMode} for every task, or modes
   * by task name (tasks not named: `none`).
   * @default 'none'
   */
  readonly deletes?: DeleteMode | Readonly<Record<string, DeleteMode>>;
  /**
   * Mark deleted records with `sys_deleted_at` instead of removing their rows.
   * @default false
   */
  readonly softDelete?: boolean;
  /**
   * Completeness audit: after each task, ask the instance's count for the same selection and
   * mark the task `partial` when it differs from the rows read (needs `client.count`).
   * @default true
   */
  readonly audit?: boolean;
  /**
   * Read the integration user's time zone once and warn when it is not GMT/UTC (needs
   * `client.integrationUser`).
   * @default true
   */
  readonly checkTimeZone?: boolean;
  /**
   * Refuse the run (`TimeZoneMismatchError`) when the integration user's time zone is not
   * GMT/UTC or cannot be read.
   * @default false
   */
  readonly strictTimeZone?: boolean;
}

/** A run that has started: answer at once, let the work go on. */
export interface RunHandle {
  /** Execution id (the log row id with a database logger). */
  readonly id: string;
  /** Resolves with the result when the run ends; never rejects. */
  readonly done: Promise<RunResult>;
  /** Stops the run; `done` then resolves with status `error` and a cancellation message. */
  cancel(reason?: string): void;
}

/**
 * Starts a run and resolves once it is registered (the logger accepted it), before any row is
 * read. Rejects with `InvalidWindowError`, `ConfigurationError` or `RunInProgressError` without
 * reading or writing anything.
 *
 * @example
 * ```ts
 * const run = await startRun(incidentsJob(), { client, sink, logger, window });
 * response.status(202).json({ id: run.id });
 * const result = await run.done;
 * ```
 */
export async function startRun(
  tasks: readonly TaskDefinition[],
  options: RunTasksOptions,
): Promise<RunHandle> {
  const plan = planRun(tasks, options);
  const warnings: string[] = [];
  if (plan.checkTimeZone) {
    const warning = await checkTimeZone(options.client, {
      strict: plan.strictTimeZone,
      signal: options.signal,
    });
    if (warning !== undefined) warnings.push(warning);
  }
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  const startedAt = new Date();
  const info = tasks.map((t) => ({ name: t.name, table: t.table, target: t.target }));
  const id = options.logger
    ? await options.logger.runStarted({
        executionType: plan.executionType,
        window: plan.window ? { from: plan.window.from, to: plan.window.to } : null,
        startedAt,
        tasks: info,
      })
    : randomUUID();
  debug('run %s started: %d task(s), concurrency %d', id, tasks.length, plan.concurrency);
  for (const warning of warnings) debug('run %s: %s', id, warning);
  const done = execute(id, tasks, options, plan, signal, startedAt, warnings);
  return {
    id,
    done,
    cancel(reason?: string) {
      controller.abort(new RunCancelledError(reason ?? 'The run was cancelled.'));
    },
  };
}

/**
 * Runs tasks to the end and resolves with what happened. One task's failure never stops the
 * others; the result says, per task, its status, records, rejects, API calls, database
 * operations, duration and error.
 *
 * @example
 * ```ts
 * const result = await runTasks([myTask], { client, sink: new KyselySink(db), concurrency: 2 });
 * if (result.status !== 'success') console.error(result.tasks);
 * ```
 */
export async function runTasks(
  tasks: readonly TaskDefinition[],
  options: RunTasksOptions,
): Promise<RunResult> {
  const handle = await startRun(tasks, options);
  return handle.done;
}

async function execute(
  id: string,
  tasks: readonly TaskDefinition[],
  options: RunTasksOptions,
  plan: RunPlan,
  signal: AbortSignal,
  startedAt: Date,
  warnings: readonly string[],
): Promise<RunResult> {
  const queue = new PQueue({ concurrency: plan.concurrency });
  const until = upperBound(startedAt);
  const results = await Promise.all(
    tasks.map((task) => queue.add(() => runTask(id, task, options, plan, signal, until))),
  );
  const endedAt = new Date();
  const byName: Record<string, TaskResult> = {};
  for (const r of results) byName[r.name] = r;
  const status = overallStatus(results);
  const cancelled = signal.aborted;
  const result: RunResult = {
    id,
    executionType: plan.executionType,
    window: plan.window ? { from: plan.window.from, to: plan.window.to } : null,
    status,
    startedAt,
    endedAt,
    durationSeconds: (endedAt.getTime() - startedAt.getTime()) / 1000,
    totalRecordsProcessed: sum(results, (r) => r.recordsProcessed),
    apiCalls: sum(results, (r) => r.apiCalls),
    dbOperations: sum(results, (r) => r.dbOperations),
    tasks: byName,
    mode: plan.mode,
    warnings,
    ...(cancelled ? { error: summarize(cancelReason(signal)) } : {}),
  };
  if (options.logger) {
    try {
      await options.logger.runFinished(id, result);
    } catch (error) {
      debug('run %s: logger.runFinished failed: %O', id, error);
    }
  }
  debug('run %s finished %s in %ss', id, status, result.durationSeconds.toFixed(3));
  return result;
}

function overallStatus(results: readonly TaskResult[]): RunStatus {
  if (results.every((r) => r.status === 'success')) return 'success';
  if (results.every((r) => r.status === 'error')) return 'error';
  return 'partial';
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += pick(item);
  return total;
}
