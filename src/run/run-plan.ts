/**
 * The validation of a run's options, before any request or write.
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';
import { isKeyedSink, isStatefulSink } from '../sink/index.js';
import type { TaskDefinition } from '../tasks/index.js';
import { type TaskWindow, windowRange } from '../tasks/index.js';
import { InvalidWindowError } from './errors.js';
import type { RunTasksOptions } from './run-options.js';
import { deleteModeOf, isDeleteMode, normalizeSince, type SyncMode } from './sync-mode.js';
import { validateWindow } from './window.js';

/** A run's options, validated. @internal */
export interface RunPlan {
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

/** Validates a run's tasks and options; throws before anything is read or written. @internal */
export function planRun(tasks: readonly TaskDefinition[], options: RunTasksOptions): RunPlan {
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
  const overlapMinutes = integerOption('overlapMinutes', options.overlapMinutes, 10, 0, 10_080);
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
  const pageSize = integerOption('pageSize', options.pageSize, 1000, 1, 10_000);
  const partitions = integerOption('partitions', options.partitions, 1, 1, 16);
  if (partitions > 1 && mode === 'incremental') {
    throw new ConfigurationError(
      "partitions apply to full runs: an incremental run reads in (sys_updated_on, sys_id) order, one sequence per task (use mode 'full' for a partitioned first load)",
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

/** An integer option from `min` to `max`, `fallback` when absent. */
function integerOption(
  option: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigurationError(
      `${option} must be an integer from ${min} to ${max}, received ${String(value)}`,
      { option },
    );
  }
  return n;
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
  if (mode === 'incremental' && !isStatefulSink(sink)) {
    throw new ConfigurationError(
      'An incremental run needs a sink that keeps watermarks (readState and saveState), such as KyselySink',
      { option: 'sink' },
    );
  }
  for (const task of tasks) {
    const batchSize: unknown = sink.batchSizeFor?.(task);
    if (batchSize !== undefined && !(Number.isInteger(batchSize) && (batchSize as number) >= 1)) {
      throw new ConfigurationError(
        `The sink's batchSizeFor(${task.name}) must be a positive integer, got ${String(batchSize)}`,
        { option: 'sink' },
      );
    }
    const deletes = deleteModeOf(options.deletes, task.name);
    if (deletes === 'none') continue;
    if (!isKeyedSink(sink)) {
      throw new ConfigurationError(
        `deletes '${deletes}' (task ${task.name}) needs a sink that keeps state and lists, counts and deletes its keys (a KeyedSink), such as KyselySink`,
        { option: 'deletes' },
      );
    }
  }
}
