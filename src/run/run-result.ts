/**
 * What a run reports: per task and overall.
 *
 * @module
 */
import type { PageCursor } from '../core/index.js';
import type { SchemaChange } from '../sink/index.js';

/** A run window: both days included, `YYYY-MM-DD`, read in UTC. */
export interface RunWindow {
  /** First day, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last day, `YYYY-MM-DD` (included). */
  readonly to: string;
}

/**
 * Status of one task in a run: `cancelled` when the run's cancellation stopped it (the reason is
 * the run's `error`, not repeated per task); a task that ended before keeps its own status.
 */
export type TaskStatus = 'success' | 'partial' | 'error' | 'cancelled';

/**
 * Overall status of a run: `partial` when some tasks or records failed but not all; `cancelled`
 * when its signal or `cancel()` stopped a task that was still running (the run's `error` holds
 * the one reason).
 */
export type RunStatus = 'success' | 'partial' | 'error' | 'cancelled';

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
  /** Rows the field codecs or the sink refused (see `rejects`). */
  readonly recordsRejected: number;
  /** HTTP requests made for this task (retries included). */
  readonly apiCalls: number;
  /** Database statements executed for this task. */
  readonly dbOperations: number;
  readonly startedAt: Date;
  readonly endedAt: Date;
  /** Wall-clock seconds, with millisecond precision. */
  readonly durationSeconds: number;
  /** Set when the task failed or is incomplete; a cancelled task has none (see the run's). */
  readonly error?: ErrorSummary;
  /** The first rejected records (at most 20), for diagnosis. */
  readonly rejects: readonly ErrorSummary[];
  /** How the task read: its selection (`full`) or what changed since its watermark. */
  readonly mode: 'full' | 'incremental';
  /** Readable rows received from the instance (rejected rows included, `{}` rows not). */
  readonly recordsRead: number;
  /**
   * The instance's count for the same selection, asked after the task read it (completeness
   * audit); `null` when it was not asked or could not be read. A difference makes the task
   * `partial` and is explained in `warnings`.
   */
  readonly expectedRecords: number | null;
  /** Rows removed (or marked `sys_deleted_at`) because the records were deleted in ServiceNow. */
  readonly recordsDeleted: number;
  /**
   * The task's watermark after the run (incremental mode and whole-selection full loads):
   * the `(sys_updated_on, sys_id)` of the last committed row; `null` when there is none.
   */
  readonly watermark: PageCursor | null;
  /**
   * What the run log must show although the task ran (audit differences, a partly readable
   * audit table); any makes the task `partial`.
   */
  readonly warnings: readonly string[];
  /**
   * Why the task's deletes were not applied at all (`sys_audit_delete is not readable (HTTP
   * 403)`); absent when they were, or when the task applies none. The task stays `success`
   * and the run's `warnings` say it once for every such task.
   */
  readonly deletesNotApplied?: string;
  /**
   * What the sink's `prepare` changed in the task's destination (table created, columns added or
   * widened, names shortened, type mismatches kept), in order; empty when nothing changed or the
   * sink does not tell.
   */
  readonly schemaChanges: readonly SchemaChange[];
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
  /** Set when the run was cancelled: the one reason (a `RunCancelledError`). */
  readonly error?: ErrorSummary;
  /** `full` or `incremental`. */
  readonly mode: 'full' | 'incremental';
  /**
   * Run-wide warnings, each said once: the integration user's time zone, deletes not applied
   * because `sys_audit_delete` is not readable (naming every task concerned).
   */
  readonly warnings: readonly string[];
}
