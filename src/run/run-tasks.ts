/**
 * `runTasks` / `startRun`: the scheduler that pages each task's table, decodes, transforms and
 * writes, with a pool of concurrent tasks isolated from each other's failures.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import createDebug from 'debug';
import PQueue from 'p-queue';
import { ConfigurationError, ServiceNowError } from '../client/errors.js';
import type { Page, PaginateOptions, TableRecord } from '../client/page.js';
import type { Row } from '../fields/field-codec.js';
import type { ExecutionLogger } from '../log/execution-logger.js';
import type { Sink } from '../sink/sink.js';
import { applyTransform } from '../tasks/apply-transform.js';
import type { TaskDefinition } from '../tasks/define-task.js';
import { createDecoder } from '../tasks/record-decoder.js';
import { RecordRejectedError } from '../tasks/record-rejected-error.js';
import { type TaskWindow, windowRange } from '../tasks/task-window.js';
import { RunCancelledError } from './errors.js';
import type { ProgressEvent } from './progress.js';
import type { ErrorSummary, RunResult, RunStatus, TaskResult, TaskStatus } from './run-result.js';
import { validateWindow } from './window.js';

const debug = createDebug('servicenow-sync:run');

/** The part of `ServiceNowClient` a run uses; any object with it will do (tests, wrappers). */
export interface RunClient {
  paginate(table: string, options?: PaginateOptions): AsyncIterable<Page<TableRecord>>;
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
  const done = execute(id, tasks, options, plan, signal, startedAt);
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
  return { window, concurrency, executionType: options.executionType ?? 'tasks', pageSize };
}

async function execute(
  id: string,
  tasks: readonly TaskDefinition[],
  options: RunTasksOptions,
  plan: RunPlan,
  signal: AbortSignal,
  startedAt: Date,
): Promise<RunResult> {
  const queue = new PQueue({ concurrency: plan.concurrency });
  const results = await Promise.all(
    tasks.map((task) => queue.add(() => runTask(id, task, options, plan, signal))),
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
): Promise<TaskResult> {
  const startedAt = new Date();
  const counters = {
    recordsProcessed: 0,
    recordsRejected: 0,
    apiCalls: 0,
    dbOperations: 0,
    pages: 0,
  };
  const rejects: ErrorSummary[] = [];
  let error: unknown;
  let stalled = false;
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
  try {
    if (signal.aborted) throw cancelReason(signal);
    await options.sink.prepare(task, { signal });
    const decode = createDecoder(task);
    const pages = options.client.paginate(task.table, {
      query: task.buildQuery(plan.window),
      fields: task.fieldNames,
      displayValue: task.displayValue === 'all' ? 'all' : false,
      pageSize: task.pageSize ?? plan.pageSize,
      signal,
      onResponse: (response) => {
        counters.apiCalls += response.attempts;
      },
    });
    for await (const page of pages) {
      counters.pages += 1;
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
      if (task.transform) rows = applyTransform(task, rows) as Row[];
      if (rows.length > 0) {
        const written = await options.sink.write(task, rows, { signal });
        counters.recordsProcessed += written.written;
        counters.dbOperations += written.dbOperations;
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
  } catch (caught) {
    error = signal.aborted ? cancelReason(signal) : caught;
    debug('run %s task %s failed: %O', runId, task.name, caught);
  }
  const endedAt = new Date();
  const status: TaskStatus =
    error !== undefined ? 'error' : counters.recordsRejected > 0 || stalled ? 'partial' : 'success';
  const stallNote: ErrorSummary | undefined =
    stalled && error === undefined
      ? {
          name: 'PagingStalled',
          message:
            'Paging stopped on a page of unreadable rows (access rules hide them); later rows could not be reached. Compare with the instance count.',
        }
      : undefined;
  const errorSummary = error !== undefined ? summarize(error) : stallNote;
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
    ...(errorSummary ? { error: errorSummary } : {}),
  };
  await log('taskFinished', () =>
    options.logger ? options.logger.taskFinished(runId, result) : Promise.resolve(),
  );
  emit({ type: 'taskFinished', task: task.name, table: task.table, result, at: endedAt });
  return result;
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

/** A loggable summary of an error: name, code, message; never a stack or a secret-bearing object. */
export function summarize(error: unknown): ErrorSummary {
  if (error instanceof ServiceNowError)
    return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += pick(item);
  return total;
}
