/**
 * A run's cancellation reason, as the error its tasks and result report.
 *
 * @module
 */
import { RunCancelledError } from './errors.js';

/** The run's cancellation reason as a `RunCancelledError`. @internal */
export function cancelReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof RunCancelledError) return reason;
  if (reason instanceof Error && reason.name !== 'AbortError') {
    return new RunCancelledError(`The run was cancelled: ${reason.message}`, { cause: reason });
  }
  return new RunCancelledError('The run was cancelled.');
}
