/**
 * Errors raised by runs.
 *
 * @module
 */
import { ServiceNowError } from '../core/index.js';

/**
 * Another run of the same job is alive against the same database; the new run was refused
 * before reading or writing anything.
 */
export class RunInProgressError extends ServiceNowError {
  override readonly code: string = 'RUN_IN_PROGRESS';

  constructor(
    /** The job, as its lock names it (`incidents`, `configurations`, `tasks:groups,users`). */
    readonly executionType: string,
    /** Execution id of the run that holds the lock, when known. */
    readonly runningExecutionId: string | undefined,
    /** Last heartbeat of that run, UTC `YYYY-MM-DD HH:MM:SS`. */
    readonly heartbeatAt: string | undefined,
  ) {
    super(
      `A ${executionType} run is already in progress` +
        (runningExecutionId ? ` (execution ${runningExecutionId}` : ' (') +
        (heartbeatAt ? `, last heartbeat ${heartbeatAt} UTC)` : ')') +
        `; wait for it to finish, or end it by hand if it is stuck (servicenow-sync unlock ${executionType}).`,
    );
  }
}

/** A run window or another run option is invalid. Thrown before any request or write. */
export class InvalidWindowError extends ServiceNowError {
  override readonly code: string = 'INVALID_WINDOW';
}

/** The run was cancelled through its signal or `cancel()`. */
export class RunCancelledError extends ServiceNowError {
  override readonly code: string = 'RUN_CANCELLED';
}

/**
 * The integration user's time zone is not GMT/UTC (or could not be verified) and the run was
 * started with `strictTimeZone: true`. Thrown before any row is read.
 */
export class TimeZoneMismatchError extends ServiceNowError {
  override readonly code: string = 'TIME_ZONE_MISMATCH';
}
