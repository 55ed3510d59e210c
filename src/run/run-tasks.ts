/**
 * `runTasks` / `startRun`: the scheduler that pages each task's table, decodes, transforms and
 * writes, with a pool of concurrent tasks isolated from each other's failures.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import createDebug from 'debug';
import PQueue from 'p-queue';
import { ConfigurationError } from '../client/errors.js';
import { HttpError } from '../client/http-errors.js';
import type {
  CountOptions,
  IntegrationUser,
  Page,
  PageCursor,
  PaginateOptions,
  TableRecord,
} from '../client/page.js';
import type { Row } from '../fields/field-codec.js';
import { parseUtcDateTime } from '../fields/utc-text.js';
import type { ExecutionLogger } from '../log/execution-logger.js';
import type { QueryInput } from '../query/index.js';
import type { Sink } from '../sink/sink.js';
import type { SyncState, SyncStateUpdate } from '../sink/sync-state.js';
import { applyTransform } from '../tasks/apply-transform.js';
import type { TaskDefinition } from '../tasks/define-task.js';
import { createDecoder } from '../tasks/record-decoder.js';
import { RecordRejectedError } from '../tasks/record-rejected-error.js';
import { type TaskWindow, windowRange } from '../tasks/task-window.js';
import { applyDeletes } from './apply-deletes.js';
import { summarize } from './error-summary.js';
import { InvalidWindowError, RunCancelledError } from './errors.js';
import type { ProgressEvent } from './progress.js';
import type { ErrorSummary, RunResult, RunStatus, TaskResult, TaskStatus } from './run-result.js';
import {
  type DeleteMode,
  deleteModeOf,
  isDeleteMode,
  minusMinutes,
  normalizeSince,
  planIncremental,
  type SyncMode,
  upperBound,
} from './sync-mode.js';
import { checkTimeZone } from './time-zone-guard.js';
import { validateWindow } from './window.js';

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
   * Incremental reads follow `sys_updated_on` order and are not partitioned.
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

const MAX_REJECT_SAMPLES = 20;

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

interface RunPlan {
  readonly window: TaskWindow | undefined;
  readonly concurrency: number;
  readonly executionType: string;
  readonly pageSize: number;
  readonly partitions: number;
  readonly mode: SyncMode;
  readonly since: string | undefined;
  readonly overlapMinutes: number;
  readonly softDelete: boolean;
  readonly audit: boolean;
  readonly checkTimeZone: boolean;
  readonly strictTimeZone: boolean;
}

function planRun(tasks: readonly TaskDefinition[], options: RunTasksOptions): RunPlan {
  if (tasks.length === 0)
    throw new ConfigurationError('runTasks needs at least one task', { option: 'tasks' });
  const names = new Set<string>();
  for (const task of tasks) {
    if (names.has(task.name)) {
      throw new ConfigurationError(
        `Two tasks are named ${JSON.stringify(task.name)}; task names must be unique`,
        {
          option: 'tasks',
        },
      );
    }
    names.add(task.name);
  }
  const mode = options.mode ?? 'full';
  if (mode !== 'full' && mode !== 'incremental') {
    throw new ConfigurationError(
      `mode must be 'full' or 'incremental', received ${JSON.stringify(mode)}`,
      { option: 'mode' },
    );
  }
  if (mode === 'incremental' && options.window !== undefined) {
    throw new InvalidWindowError(
      "An incremental run takes no window: it reads what changed since each task's watermark (use since for a first load)",
    );
  }
  if (options.since !== undefined && mode !== 'incremental') {
    throw new InvalidWindowError("since applies to incremental runs only (mode: 'incremental')");
  }
  const since = options.since === undefined ? undefined : normalizeSince(options.since);
  const overlapMinutes = options.overlapMinutes ?? 10;
  if (!Number.isInteger(overlapMinutes) || overlapMinutes < 0 || overlapMinutes > 10_080) {
    throw new ConfigurationError(
      `overlapMinutes must be an integer from 0 to 10080, received ${String(options.overlapMinutes)}`,
      { option: 'overlapMinutes' },
    );
  }
  checkDeletes(options, names);
  checkSinkAbilities(tasks, options, mode);
  let window: TaskWindow | undefined;
  if (options.window !== undefined) {
    const days = validateWindow(options.window);
    window =
      options.window.timeZone === undefined ? days : { ...days, timeZone: options.window.timeZone };
    windowRange(window); // checks the time zone
    for (const task of tasks) task.buildQuery(window); // a bad selection fails before any request
  } else {
    for (const task of tasks) task.buildQuery();
  }
  const concurrency = options.concurrency ?? tasks.length;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ConfigurationError(
      `concurrency must be a positive integer, received ${String(options.concurrency)}`,
      {
        option: 'concurrency',
      },
    );
  }
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) {
    throw new ConfigurationError(
      `pageSize must be an integer from 1 to 10000, received ${String(options.pageSize)}`,
      {
        option: 'pageSize',
      },
    );
  }
  const partitions = options.partitions ?? 1;
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 16) {
    throw new ConfigurationError(
      `partitions must be an integer from 1 to 16, received ${String(options.partitions)}`,
      { option: 'partitions' },
    );
  }
  return {
    window,
    concurrency,
    executionType: options.executionType ?? 'tasks',
    pageSize,
    partitions,
    mode,
    since,
    overlapMinutes,
    softDelete: options.softDelete === true,
    audit: options.audit !== false,
    checkTimeZone: options.checkTimeZone !== false || options.strictTimeZone === true,
    strictTimeZone: options.strictTimeZone === true,
  };
}

function checkDeletes(options: RunTasksOptions, names: ReadonlySet<string>): void {
  const deletes = options.deletes;
  if (deletes === undefined || isDeleteMode(deletes)) return;
  if (typeof deletes !== 'object' || deletes === null) {
    throw new ConfigurationError(
      `deletes must be 'none', 'audit', 'reconcile' or modes by task name, received ${JSON.stringify(deletes)}`,
      { option: 'deletes' },
    );
  }
  for (const [name, mode] of Object.entries(deletes)) {
    if (!names.has(name)) {
      throw new ConfigurationError(
        `deletes names an unknown task ${JSON.stringify(name)}; the run's tasks are ${[...names].join(', ')}`,
        { option: 'deletes' },
      );
    }
    if (!isDeleteMode(mode)) {
      throw new ConfigurationError(
        `deletes.${name} must be 'none', 'audit' or 'reconcile', received ${JSON.stringify(mode)}`,
        { option: 'deletes' },
      );
    }
  }
}

function checkSinkAbilities(
  tasks: readonly TaskDefinition[],
  options: RunTasksOptions,
  mode: SyncMode,
): void {
  const sink = options.sink;
  if (mode === 'incremental' && (sink.readState === undefined || sink.saveState === undefined)) {
    throw new ConfigurationError(
      'An incremental run needs a sink that keeps watermarks (readState and saveState), such as KyselySink',
      { option: 'sink' },
    );
  }
  for (const task of tasks) {
    const deletes = deleteModeOf(options.deletes, task.name);
    if (deletes === 'none') continue;
    if (sink.delete === undefined || sink.readState === undefined || sink.saveState === undefined) {
      throw new ConfigurationError(
        `deletes '${deletes}' (task ${task.name}) needs a sink with delete, readState and saveState, such as KyselySink`,
        { option: 'deletes' },
      );
    }
    if (deletes === 'reconcile' && sink.keys === undefined) {
      throw new ConfigurationError(
        `deletes 'reconcile' (task ${task.name}) needs a sink that lists its keys, such as KyselySink`,
        { option: 'deletes' },
      );
    }
  }
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

async function runTask(
  runId: string,
  task: TaskDefinition,
  options: RunTasksOptions,
  plan: RunPlan,
  signal: AbortSignal,
  until: string,
): Promise<TaskResult> {
  const startedAt = new Date();
  const counters = {
    recordsProcessed: 0,
    recordsRejected: 0,
    apiCalls: 0,
    dbOperations: 0,
    pages: 0,
  };
  let recordsRead = 0;
  let blankRows = 0;
  let expectedRecords: number | null = null;
  let recordsDeleted = 0;
  let watermark: PageCursor | null = null;
  const warnings: string[] = [];
  const rejects: ErrorSummary[] = [];
  let error: unknown;
  let stalled = false;
  const sink = options.sink;
  const deletes = deleteModeOf(options.deletes, task.name);
  const emit = (event: ProgressEvent) => {
    try {
      options.onProgress?.(event);
    } catch (listenerError) {
      debug('onProgress listener threw: %O', listenerError);
    }
  };
  const log = async (what: string, call: () => Promise<void>) => {
    try {
      await call();
    } catch (logError) {
      debug('run %s task %s: logger.%s failed: %O', runId, task.name, what, logError);
    }
  };
  emit({ type: 'taskStarted', task: task.name, table: task.table, at: startedAt });
  await log('taskStarted', () =>
    options.logger
      ? options.logger.taskStarted(runId, {
          name: task.name,
          table: task.table,
          target: task.target,
          startedAt,
        })
      : Promise.resolve(),
  );
  const incremental = plan.mode === 'incremental';
  // A full load of the whole selection also leaves a watermark, so the next incremental run
  // reads only what changed after it.
  const wholeSelection = plan.window === undefined || task.window === undefined;
  try {
    if (signal.aborted) throw cancelReason(signal);
    await sink.prepare(task, { signal });
    const keepsState = sink.readState !== undefined && sink.saveState !== undefined;
    const state: SyncState | undefined =
      keepsState && (incremental || deletes !== 'none' || wholeSelection)
        ? await sink.readState?.(task, { signal })
        : undefined;
    watermark = state?.watermark ?? null;
    const decode = createDecoder(task);
    const incrementalPlan = incremental
      ? planIncremental(task, state, {
          overlapMinutes: plan.overlapMinutes,
          until,
          ...(plan.since === undefined ? {} : { since: plan.since }),
        })
      : undefined;
    const query = incrementalPlan ? incrementalPlan.query : task.buildQuery(plan.window);
    // A full load of the whole selection leaves a watermark for later incremental runs: the
    // newest sys_updated_on at its start, as the instance's clock wrote it.
    const fullMark =
      !incremental && wholeSelection && keepsState
        ? await latestUpdate(options.client, task, query, signal, () => {
            counters.apiCalls += 1;
          }).catch((probeError: unknown) => {
            // Optional: without it the next incremental run reads the whole selection again.
            if (signal.aborted) throw probeError;
            debug('run %s task %s: no watermark probe: %O', runId, task.name, probeError);
            return undefined;
          })
        : undefined;
    if (incrementalPlan) {
      debug(
        'run %s task %s: incremental from %s to %s',
        runId,
        task.name,
        incrementalPlan.from ?? 'the beginning',
        until,
      );
    }
    const pages = options.client.paginate(task.table, {
      query,
      fields: task.fieldNames,
      displayValue: task.displayValue === 'all' ? 'all' : false,
      pageSize: task.pageSize ?? plan.pageSize,
      signal,
      ...(incrementalPlan
        ? { strategy: 'updated' as const }
        : plan.partitions > 1
          ? { partitions: plan.partitions }
          : {}),
      onResponse: (response) => {
        counters.apiCalls += response.attempts;
      },
    });
    for await (const page of pages) {
      counters.pages += 1;
      recordsRead += page.records.length;
      blankRows += page.blankRows;
      if (page.stalled) stalled = true;
      let rows: Row[] = [];
      for (const record of page.records) {
        try {
          rows.push(decode(record));
        } catch (decodeError) {
          if (!(decodeError instanceof RecordRejectedError)) throw decodeError;
          counters.recordsRejected += 1;
          if (rejects.length < MAX_REJECT_SAMPLES) rejects.push(summarize(decodeError));
        }
      }
      if (task.transform) rows = (await applyTransform(task, rows)) as Row[];
      const advance: SyncStateUpdate | undefined =
        incremental && page.cursor !== undefined ? { watermark: page.cursor } : undefined;
      if (rows.length > 0 || advance !== undefined) {
        const written = await sink.write(task, rows, {
          signal,
          ...(advance === undefined ? {} : { state: advance }),
        });
        counters.recordsProcessed += written.written;
        counters.dbOperations += written.dbOperations;
        if (advance?.watermark) watermark = advance.watermark;
      }
      rows = [];
      emit({
        type: 'taskProgress',
        task: task.name,
        table: task.table,
        counters: { ...counters },
        at: new Date(),
      });
      await log('taskProgress', () =>
        options.logger
          ? options.logger.taskProgress(runId, {
              name: task.name,
              table: task.table,
              target: task.target,
              startedAt,
              ...counters,
            })
          : Promise.resolve(),
      );
    }
    if (signal.aborted) throw cancelReason(signal);
    if (plan.audit && options.client.count !== undefined) {
      counters.apiCalls += 1;
      expectedRecords = await options.client
        .count(task.table, query, { signal })
        .catch((countError: unknown) => {
          // The Stats API may be closed to the integration user: no audit, not a failure.
          if (signal.aborted || !(countError instanceof HttpError)) throw countError;
          debug('run %s task %s: no completeness count: %O', runId, task.name, countError);
          return null;
        });
      const gap =
        expectedRecords === null ? undefined : auditGap(recordsRead, expectedRecords, blankRows);
      if (gap !== undefined) warnings.push(gap);
    }
    if (fullMark !== undefined && !stalled) {
      // Every row updated before the newest update seen at the start has been read.
      const mark = { updatedOn: fullMark, sysId: '' };
      if (watermark === null || compareCursor(mark, watermark) > 0) {
        await sink.saveState?.(task, { watermark: mark }, { signal });
        counters.dbOperations += 1;
        watermark = mark;
      }
    }
    if (deletes !== 'none') {
      const checked = state?.deletesCheckedAt ?? null;
      const outcome = await applyDeletes({
        client: options.client,
        sink,
        task,
        mode: deletes,
        soft: plan.softDelete,
        since: checked === null ? plan.since : minusMinutes(checked, plan.overlapMinutes),
        signal,
        onApiCalls: (calls) => {
          counters.apiCalls += calls;
        },
        onDbOperations: (operations) => {
          counters.dbOperations += operations;
        },
      });
      recordsDeleted = outcome.deleted;
      warnings.push(...outcome.warnings);
      // The audit checkpoint follows the instance's clock (the newest audit row read), never
      // this machine's, so a clock difference cannot hide deletes.
      if (outcome.auditedUpTo !== undefined && outcome.warnings.length === 0) {
        await sink.saveState?.(task, { deletesCheckedAt: outcome.auditedUpTo }, { signal });
        counters.dbOperations += 1;
      }
    }
    if (signal.aborted) throw cancelReason(signal);
  } catch (caught) {
    error = signal.aborted ? cancelReason(signal) : caught;
    debug('run %s task %s failed: %O', runId, task.name, caught);
  }
  const endedAt = new Date();
  if (stalled && error === undefined) {
    warnings.unshift(
      'Paging stopped on a page of unreadable rows (access rules hide them); later rows could not be reached. Compare with the instance count.',
    );
  }
  const status: TaskStatus =
    error !== undefined
      ? 'error'
      : counters.recordsRejected > 0 || warnings.length > 0
        ? 'partial'
        : 'success';
  const errorSummary: ErrorSummary | undefined =
    error !== undefined
      ? summarize(error)
      : stalled
        ? { name: 'PagingStalled', message: warnings.join(' ') }
        : warnings.length > 0
          ? { name: 'IncompleteTask', message: warnings.join(' ') }
          : undefined;
  const result: TaskResult = {
    name: task.name,
    table: task.table,
    target: task.target,
    status,
    recordsProcessed: counters.recordsProcessed,
    recordsRejected: counters.recordsRejected,
    apiCalls: counters.apiCalls,
    dbOperations: counters.dbOperations,
    startedAt,
    endedAt,
    durationSeconds: (endedAt.getTime() - startedAt.getTime()) / 1000,
    rejects,
    mode: plan.mode,
    recordsRead,
    expectedRecords,
    recordsDeleted,
    watermark,
    warnings,
    ...(errorSummary ? { error: errorSummary } : {}),
  };
  await log('taskFinished', () =>
    options.logger ? options.logger.taskFinished(runId, result) : Promise.resolve(),
  );
  emit({ type: 'taskFinished', task: task.name, table: task.table, result, at: endedAt });
  return result;
}

/** The completeness audit's verdict: `undefined` when the rows read match the instance's count. */
function auditGap(read: number, expected: number, blank: number): string | undefined {
  if (read === expected) return undefined;
  if (read < expected) {
    const hidden =
      blank > 0
        ? `${blank} row(s) came back blank: access rules hide them`
        : 'rows hidden by access rules (short pages) or inserted during the run';
    return `Read ${read} of the ${expected} rows the instance counts for this selection (${expected - read} missing): likely ${hidden}. Check the integration user's read access, then re-run.`;
  }
  return `Read ${read} rows but the instance now counts ${expected} for this selection (${read - expected} more): rows changed during the run (updated out of the selection or deleted); the next run catches up.`;
}

/** The newest `sys_updated_on` of a selection (one request), `undefined` when it is empty. */
async function latestUpdate(
  client: RunClient,
  task: TaskDefinition,
  selection: string,
  signal: AbortSignal,
  onApiCall: () => void,
): Promise<string | undefined> {
  const query =
    selection === '' ? 'ORDERBYDESCsys_updated_on' : `${selection}^ORDERBYDESCsys_updated_on`;
  for await (const page of client.paginate(task.table, {
    query,
    fields: ['sys_updated_on'],
    pageSize: 1,
    strategy: 'offset',
    readAhead: 0,
    signal,
    onResponse: onApiCall,
  })) {
    const value = page.records[0]?.sys_updated_on;
    const text = typeof value === 'object' ? value.value : value;
    return text !== undefined && !Number.isNaN(parseUtcDateTime(text)) ? text : undefined;
  }
  return undefined;
}

/** Orders two `(sys_updated_on, sys_id)` keys. */
function compareCursor(a: PageCursor, b: PageCursor): number {
  if (a.updatedOn !== b.updatedOn) return a.updatedOn < b.updatedOn ? -1 : 1;
  if (a.sysId === b.sysId) return 0;
  return a.sysId < b.sysId ? -1 : 1;
}

function overallStatus(results: readonly TaskResult[]): RunStatus {
  if (results.every((r) => r.status === 'success')) return 'success';
  if (results.every((r) => r.status === 'error')) return 'error';
  return 'partial';
}

function cancelReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof RunCancelledError) return reason;
  if (reason instanceof Error && reason.name !== 'AbortError') {
    return new RunCancelledError(`The run was cancelled: ${reason.message}`, { cause: reason });
  }
  return new RunCancelledError('The run was cancelled.');
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += pick(item);
  return total;
}
