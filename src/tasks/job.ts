/**
 * `Job`: a named list of tasks with the defaults a run of it takes (concurrency, mode, window).
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';
import type { TaskDefinition } from './define-task.js';
import type { TaskWindow } from './task-window.js';

/**
 * How a job reads by default: its whole selection (`full`) or what changed since each task's
 * watermark (`incremental`). The same values as the run's `SyncMode`.
 */
export type JobMode = 'full' | 'incremental';

/** Options of {@link defineJob}. */
export interface JobDefinition {
  /**
   * The job's name: the `execution_type` of its runs in the execution log, and the key of its
   * run lock (with the instance).
   */
  readonly name: string;
  /** The tasks, in order; names must be unique. */
  readonly tasks: readonly TaskDefinition[];
  /** Tasks running at once, as a pool. @default all the tasks */
  readonly concurrency?: number;
  /** How a run reads when it names no mode. @default 'full' */
  readonly mode?: JobMode;
  /**
   * The window of a full run given none (called at the run's start).
   * @default none: a full run without a window reads each task's whole selection
   */
  readonly window?: (now: Date) => TaskWindow;
}

/**
 * A job as a value: what `runTasks`, `startRun`, the wiring functions and the CLI read. Its
 * `tasks` are an array; the job itself iterates over them too (`for (const task of job)`).
 */
export interface Job extends Iterable<TaskDefinition> {
  readonly name: string;
  readonly tasks: readonly TaskDefinition[];
  /** Tasks at once; `undefined`: all of them. */
  readonly concurrency: number | undefined;
  readonly mode: JobMode;
  /** The default window of a full run; `undefined`: none. */
  readonly window: ((now: Date) => TaskWindow) | undefined;
}

/**
 * Builds a {@link Job}. The run checks the tasks and the concurrency (`ConfigurationError`);
 * `defineJob` checks the name.
 *
 * @example
 * ```ts
 * const nightly = defineJob({ name: 'nightly', tasks: [usersTask(), groupsTask()], concurrency: 2 });
 * await runTasks(nightly, { client, sink, lock });
 * ```
 */
export function defineJob(definition: JobDefinition): Job {
  if (typeof definition.name !== 'string' || definition.name.trim() === '') {
    throw new ConfigurationError(
      `A job needs a name, received ${JSON.stringify(definition.name)}`,
      { option: 'name' },
    );
  }
  const tasks = Object.freeze([...definition.tasks]);
  return Object.freeze({
    name: definition.name,
    tasks,
    concurrency: definition.concurrency,
    mode: definition.mode ?? 'full',
    window: definition.window,
    [Symbol.iterator]: () => tasks[Symbol.iterator](),
  });
}

/** True when `value` is a {@link Job} rather than a plain task list. */
export function isJob(value: Job | readonly TaskDefinition[]): value is Job {
  return !Array.isArray(value);
}
