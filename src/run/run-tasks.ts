/**
 * `runTasks` / `startRun`: the scheduler that pages each task's table, decodes, transforms and
 * writes, with a pool of concurrent tasks isolated from each other's failures.
 *
 * @module
 */

import { randomUUID } from 'node:crypto';
import createDebug from 'debug';
import PQueue from 'p-queue';
import type { Job, TaskDefinition } from '../tasks/index.js';
import { cancelReason } from './cancel-reason.js';
import { deletesWarnings } from './deletes/index.js';
import { summarize } from './error-summary.js';
import { RunCancelledError } from './errors.js';
import { closeFailedStart } from './failed-start.js';
import { fullReadWarnings } from './full-read-warnings.js';
import { holdLock, replacedRunOf } from './hold-lock.js';
import { claimInstance } from './instance-guard.js';
import { preflight } from './preflight/index.js';
import type { RunLease } from './run-lock.js';
import { type RunHandle, type RunTasksOptions, runWork } from './run-options.js';
import { planRun, type RunPlan } from './run-plan.js';
import type { RunResult, RunStatus, TaskResult } from './run-result.js';
import { runTask } from './run-task.js';

export type { RunClient, RunHandle, RunTasksOptions } from './run-options.js';

import { upperBound } from './sync-mode.js';
import { checkTimeZone } from './time-zone-guard.js';

const debug = createDebug('servicenow-sync:run');

/**
 * Starts a run and resolves once it is registered (the lock taken, the logger told), before any
 * row is read. Takes a {@link Job} (its name, concurrency, mode and window are the defaults of
 * the options) or a task list. Rejects with `InvalidWindowError`, `ConfigurationError`
 * (`InstanceMismatchError` when the sink's tables hold another instance's data),
 * `PreflightError` (the instance, the credentials or the database failed the preflight),
 * `FilterFieldError` or `RunInProgressError` without writing anything. The lock is checked
 * before the time-zone probe, so a refused run learns it at once. A start that fails after the
 * lock is taken (the database refusing the log row or the lock's first heartbeat) releases the
 * lock and closes any log row it wrote as `error` before it rejects.
 *
 * @example
 * ```ts
 * const run = await startRun(incidentsJob(), { client, sink, logger, lock, window });
 * response.status(202).json({ id: run.id });
 * const result = await run.done;
 * ```
 */
export async function startRun(
  work: Job | readonly TaskDefinition[],
  options: RunTasksOptions,
): Promise<RunHandle> {
  const startedAt = new Date();
  const { tasks, options: runOptions, lockKey } = runWork(work, options, startedAt);
  const plan = planRun(tasks, runOptions);
  await preflight(tasks, runOptions);
  const lock = runOptions.lock;
  const lease = lock ? await lock.acquire(lockKey()) : undefined;
  let registered: Registered;
  try {
    registered = await register(tasks, runOptions, plan, startedAt, lease);
  } catch (error) {
    if (lock && lease) await lock.release(lease).catch((e: unknown) => debug('release: %O', e));
    throw error;
  }
  const { id, warnings } = registered;
  const controller = new AbortController();
  let stopHolding: (() => Promise<void>) | undefined;
  try {
    stopHolding =
      lock && lease
        ? await holdLock(lock, { ...lease, executionId: id }, (lost) => controller.abort(lost))
        : undefined;
  } catch (error) {
    await closeFailedStart(runOptions.logger, id, plan, startedAt, error);
    if (lock && lease) await lock.release(lease).catch((e: unknown) => debug('release: %O', e));
    throw error;
  }
  const signal = runOptions.signal
    ? AbortSignal.any([runOptions.signal, controller.signal])
    : controller.signal;
  debug('run %s started: %d task(s), concurrency %d', id, tasks.length, plan.concurrency);
  for (const warning of warnings) debug('run %s: %s', id, warning);
  const done = execute(id, tasks, runOptions, plan, signal, startedAt, warnings).finally(() =>
    stopHolding?.(),
  );
  return {
    id,
    window: plan.window ? { from: plan.window.from, to: plan.window.to } : null,
    done,
    cancel(reason?: string) {
      controller.abort(new RunCancelledError(reason ?? 'The run was cancelled.'));
    },
  };
}

/**
 * Runs a job or a task list to the end and resolves with what happened. One task's failure
 * never stops the others; the result says, per task, its status, records, rejects, API calls,
 * database operations, duration and error.
 *
 * @example
 * ```ts
 * const result = await runTasks([myTask], { client, sink: new KyselySink(db), concurrency: 2 });
 * if (result.status !== 'success') console.error(result.tasks);
 * ```
 */
export async function runTasks(
  work: Job | readonly TaskDefinition[],
  options: RunTasksOptions,
): Promise<RunResult> {
  const handle = await startRun(work, options);
  return handle.done;
}

interface Registered {
  readonly id: string;
  readonly warnings: readonly string[];
}

/**
 * The time-zone guard, the instance claim, then the logger's `runStarted` (which closes a
 * replaced dead run).
 */
async function register(
  tasks: readonly TaskDefinition[],
  options: RunTasksOptions,
  plan: RunPlan,
  startedAt: Date,
  lease: RunLease | undefined,
): Promise<Registered> {
  const warnings: string[] = fullReadWarnings(tasks, plan.mode);
  if (plan.checkTimeZone) {
    const warning = await checkTimeZone(options.client, {
      strict: plan.strictTimeZone,
      signal: options.signal,
    });
    if (warning !== undefined) warnings.push(warning);
  }
  warnings.push(...(await claimInstance(tasks, plan, options.signal)));
  if (!options.logger) return { id: randomUUID(), warnings };
  const id = await options.logger.runStarted({
    executionType: plan.executionType,
    window: plan.window ? { from: plan.window.from, to: plan.window.to } : null,
    startedAt,
    ...(plan.instance === undefined ? {} : { instance: plan.instance }),
    tasks: tasks.map((t) => ({ name: t.name, table: t.table, target: t.target })),
    ...(lease === undefined ? {} : { lockOwner: lease.owner }),
    ...(lease?.replaced === undefined ? {} : { replacedRun: replacedRunOf(lease.replaced) }),
  });
  return { id, warnings };
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
  const cancelled = signal.aborted && results.some((r) => r.status === 'cancelled');
  const status = cancelled ? 'cancelled' : overallStatus(results);
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
    warnings: [...warnings, ...deletesWarnings(results)],
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
