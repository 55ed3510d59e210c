/**
 * The validation of a run's options, before any request or write.
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';
import type { TaskDefinition } from '../tasks/index.js';
import { type TaskWindow, windowRange } from '../tasks/index.js';
import { InvalidWindowError } from './errors.js';
import { runInstance } from './instance-guard.js';
import type { RunTasksOptions } from './run-options.js';
import { type RunSinks, resolveRunSinks } from './run-sinks.js';
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
  /** The instance the run reads (`instance`, else the client's URL); `undefined` when unknown. */
  readonly instance: string | undefined;
  /** The sink, resolved once into the interfaces it implements. */
  readonly sinks: RunSinks;
  /** Rows per sink write of each task, by task name: the sink's `batchSizeFor`, else 1. */
  readonly writeGroups: ReadonlyMap<string, number>;
}

/** Validates a run's tasks and options; throws before anything is read or written. @internal */
export function planRun(tasks: readonly TaskDefinition[], options: RunTasksOptions): RunPlan {
  const names = taskNames(tasks);
  const mode = modeOf(options);
  const since = options.since === undefined ? undefined : normalizeSince(options.since);
  const overlapMinutes = integerOption('overlapMinutes', options.overlapMinutes, 10, 0, 10_080);
  checkDeletes(options, names);
  const sinks = resolveRunSinks(options.sink);
  const writeGroups = checkSinkAbilities(tasks, options, mode, sinks);
  const window = windowOf(tasks, options);
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
    instance: runInstance(options),
    sinks,
    writeGroups,
  };
}

/** The task names, checked: at least one task, no name twice. */
function taskNames(tasks: readonly TaskDefinition[]): ReadonlySet<string> {
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
  return names;
}

/** The run's mode, checked with the options that depend on it (window, since). */
function modeOf(options: RunTasksOptions): SyncMode {
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
  return mode;
}

/** The run window, validated, and every task's selection built once to fail before any request. */
function windowOf(
  tasks: readonly TaskDefinition[],
  options: RunTasksOptions,
): TaskWindow | undefined {
  if (options.window === undefined) {
    for (const task of tasks) task.buildQuery();
    return undefined;
  }
  const days = validateWindow(options.window);
  const window =
    options.window.timeZone === undefined ? days : { ...days, timeZone: options.window.timeZone };
  windowRange(window); // checks the time zone
  for (const task of tasks) task.buildQuery(window); // a bad selection fails before any request
  return window;
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

/** Checks the `deletes` option: one mode, or modes of the run's own tasks. */
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

/** Checks the sink has what the run asks of it; returns each task's rows per write. */
function checkSinkAbilities(
  tasks: readonly TaskDefinition[],
  options: RunTasksOptions,
  mode: SyncMode,
  sinks: RunSinks,
): ReadonlyMap<string, number> {
  if (mode === 'incremental' && sinks.stateful === undefined) {
    throw new ConfigurationError(
      'An incremental run needs a sink that keeps watermarks (readState and saveState), such as KyselySink',
      { option: 'sink' },
    );
  }
  const writeGroups = new Map<string, number>();
  for (const task of tasks) {
    const batchSize: unknown = sinks.sink.batchSizeFor?.(task);
    if (batchSize !== undefined && !(Number.isInteger(batchSize) && (batchSize as number) >= 1)) {
      throw new ConfigurationError(
        `The sink's batchSizeFor(${task.name}) must be a positive integer, got ${String(batchSize)}`,
        { option: 'sink' },
      );
    }
    writeGroups.set(task.name, (batchSize as number | undefined) ?? 1);
    const deletes = deleteModeOf(options.deletes, task.name);
    if (deletes !== 'none' && sinks.keyed === undefined) {
      throw new ConfigurationError(
        `deletes '${deletes}' (task ${task.name}) needs a sink that keeps state and lists, counts and deletes its keys (a KeyedSink), such as KyselySink`,
        { option: 'deletes' },
      );
    }
  }
  return writeGroups;
}
