/**
 * What a run reports: per task and overall.
 *
 * @module
 */

/** A run window: both days included, `YYYY-MM-DD`, read in UTC. */
export interface RunWindow {
  /** First day, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last day, `YYYY-MM-DD` (included). */
  readonly to: string;
}

/** Status of one task in a run. */
export type TaskStatus = 'success' | 'partial' | 'error';

/** Overall status of a run: `partial` when some tasks or records failed but not all. */
export type RunStatus = 'success' | 'partial' | 'error';

/** The error of a task or run, as a plain object safe to log (no secrets, no stack). */
export interface ErrorSummary {
  /** Error class name (`HttpError`, `RecordRejectedError`, ...). */
  readonly name: string;
  /** Stable code when the error is a `ServiceNowError`. */
  readonly code?: string;
  /** The message, with secrets redacted. */
  readonly message: string;
}

/** What one task did. */
export interface TaskResult {
  readonly name: string;
  /** The ServiceNow table read. */
  readonly table: string;
  /** The database table written. */
  readonly target: string;
  readonly status: TaskStatus;
  /** Rows written to the sink. */
  readonly recordsProcessed: number;
  /** Rows the field codecs refused (see `rejects`). */
  readonly recordsRejected: number;
  /** HTTP requests made for this task (retries included). */
  readonly apiCalls: number;
  /** Database statements executed for this task. */
  readonly dbOperations: number;
  readonly startedAt: Date;
  readonly endedAt: Date;
  /** Wall-clock seconds, with millisecond precision. */
  readonly durationSeconds: number;
  /** Set when the task failed or was cancelled. */
  readonly error?: ErrorSummary;
  /** The first rejected records (at most 20), for diagnosis. */
  readonly rejects: readonly ErrorSummary[];
}

/** What a run did: the value `runTasks` resolves to and `--json` prints. */
export interface RunResult {
  /** Execution id: the `servicenow_execution_log.id` when a database logger is used. */
  readonly id: string;
  /** `incidents`, `configurations`, or `tasks` for any other list. */
  readonly executionType: string;
  readonly window: RunWindow | null;
  readonly status: RunStatus;
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly durationSeconds: number;
  readonly totalRecordsProcessed: number;
  readonly apiCalls: number;
  readonly dbOperations: number;
  /** Results by task name, in the order the tasks were given. */
  readonly tasks: Readonly<Record<string, TaskResult>>;
  /** Set when the run as a whole failed or was cancelled. */
  readonly error?: ErrorSummary;
}
