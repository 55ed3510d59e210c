/**
 * `runTasks` / `startRun`: the scheduler that pages each task's table, decodes, transforms and
 * writes, with a pool of concurrent tasks isolated from each other's failures.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import createDebug from 'debug';
import PQueue from 'p-queue';
import type { TaskDefinition } from '../tasks/index.js';
import { cancelReason } from './cancel-reason.js';
import { summarize } from './error-summary.js';
import { RunCancelledError } from './errors.js';
import type { RunHandle, RunTasksOptions } from './run-options.js';
import { planRun, type RunPlan } from './run-plan.js';
import type { RunResult, RunStatus, TaskResult } from './run-result.js';
import { runTask } from './run-task.js';

export type { RunClient, RunHandle, RunTasksOptions } from './run-options.js';

import { upperBound } from './sync-mode.js';
import { checkTimeZone } from './time-zone-guard.js';

const debug = createDebug('servicenow-sync:run');

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
