/**
 * The `ExecutionLogger` extension point: what a run tells the outside world as it goes.
 *
 * @module
 */
import type { TakeoverReason } from './run-lock.js';
import type { RunResult, RunWindow, TaskResult } from './run-result.js';

/** What a logger learns when a run starts. */
export interface RunStartInfo {
  /** `incidents`, `configurations`, or `tasks` for any other list. */
  readonly executionType: string;
  readonly window: RunWindow | null;
  readonly startedAt: Date;
  /**
   * The instance read (`RunTasksOptions.instance`, else the client's normalised URL); absent
   * when neither tells it.
   */
  readonly instance?: string;
  /** The tasks of the run, in order. */
  readonly tasks: readonly TaskInfo[];
  /**
   * The dead run whose lock this run took over (its process is gone, or it stopped
   * heartbeating): a logger closes that run's record as `abandoned`. Absent when no run was
   * replaced.
   */
  readonly replacedRun?: ReplacedRun;
  /**
   * The token of this run's lock lease (`RunLease.owner`), when the run holds a lock. A logger
   * records it with the run, so that the run that takes a dead one's place finds its record by
   * it, even when the dead one died before its execution id reached the lock.
   */
  readonly lockOwner?: string;
}

/** A dead run replaced by the one starting, as its lock recorded it. */
export interface ReplacedRun {
  /** Its execution id; absent when it died before recording it with the lock. */
  readonly executionId?: string | undefined;
  /** The token of its lock lease: the record of a run registered with `lockOwner` carries it. */
  readonly lockOwner?: string;
  /** Host name of its machine. */
  readonly host?: string;
  /** Its process id. */
  readonly pid?: number;
  /** Why its lock was taken over; absent when the lock does not tell. */
  readonly reason?: TakeoverReason;
  /** Its last heartbeat, UTC `YYYY-MM-DD HH:MM:SS`. */
  readonly heartbeatAt: string;
}

/** A task as the logger sees it. */
export interface TaskInfo {
  readonly name: string;
  /** ServiceNow table read. */
  readonly table: string;
  /** Database table written. */
  readonly target: string;
}

/** A task's counters while it runs. */
export interface TaskProgress extends TaskInfo {
  readonly recordsProcessed: number;
  readonly recordsRejected: number;
  readonly apiCalls: number;
  readonly dbOperations: number;
  /** Pages read so far. */
  readonly pages: number;
  readonly startedAt: Date;
}

/**
 * Receives the events of a run. `KyselyExecutionLogger` (database tables) and `debugLogger()`
 * (the `debug` package) implement it; so can any user object.
 *
 * `runStarted` may refuse the run by throwing; nothing has been read from the tables at that
 * point. (Overlapping runs are refused before it, by the run's `RunLock`.)
 * Errors thrown by the other methods are reported by the run but do not stop it.
 *
 * @example
 * ```ts
 * const logger: ExecutionLogger = {
 *   async runStarted() { return crypto.randomUUID(); },
 *   async taskStarted() {},
 *   async taskProgress() {},
 *   async taskFinished(_id, task) { console.log(task.name, task.status); },
 *   async runFinished() {},
 * };
 * ```
 */
export interface ExecutionLogger {
  /** A run starts; resolves to its execution id. */
  runStarted(run: RunStartInfo): Promise<string>;
  /** A task starts. */
  taskStarted(runId: string, task: TaskInfo & { readonly startedAt: Date }): Promise<void>;
  /** A task made progress (called after each written page; loggers may throttle). */
  taskProgress(runId: string, progress: TaskProgress): Promise<void>;
  /** A task ended, successfully or not. */
  taskFinished(runId: string, result: TaskResult): Promise<void>;
  /** The run ended. Called exactly once for every successful `runStarted`. */
  runFinished(runId: string, result: RunResult): Promise<void>;
  /** Release what the logger holds (timers, connections it owns). */
  close?(): Promise<void>;
}
