/**
 * The options of a run (`runTasks`, `startRun`), the part of the client it uses, and the handle
 * of a started run.
 *
 * @module
 */
import type {
  CountOptions,
  IntegrationUser,
  Page,
  PaginateOptions,
  TableRecord,
} from '../client/index.js';
import type { QueryInput } from '../query/index.js';
import type { Sink } from '../sink/index.js';
import type { TaskWindow } from '../tasks/index.js';
import type { ExecutionLogger } from './execution-logger.js';
import type { ProgressEvent } from './progress.js';
import type { RunResult } from './run-result.js';
import type { DeleteMode, SyncMode } from './sync-mode.js';

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
