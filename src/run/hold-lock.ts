/**
 * Holding a run's lock while the run lives: the heartbeat, what a lost lock does, and what the
 * logger learns of a replaced holder.
 *
 * @module
 */
import createDebug from 'debug';
import { RunCancelledError } from './errors.js';
import type { ReplacedRun } from './execution-logger.js';
import type { ReplacedHolder, RunLease, RunLock } from './run-lock.js';

const debug = createDebug('servicenow-sync:run');

/**
 * Records the execution id with the lock (the first heartbeat, before any row is read) and
 * keeps the heartbeat on an unref'd interval. When a heartbeat reports the lock lost (taken
 * over, or removed by hand), calls `onLost` once with the reason and stops beating; a failed
 * later heartbeat (the database briefly away) is only reported to the debug log. Resolves to
 * the function that stops the heartbeat and releases the lock.
 *
 * @throws the error of the first heartbeat: the lock is then still held (the caller releases
 * it). @internal
 */
export async function holdLock(
  lock: RunLock,
  lease: RunLease,
  onLost: (reason: RunCancelledError) => void,
): Promise<() => Promise<void>> {
  let timer: ReturnType<typeof setInterval> | undefined;
  let lost = false;
  const beat = async (): Promise<void> => {
    if (lost) return;
    let held: boolean | undefined;
    try {
      held = (await lock.heartbeat(lease)) ?? true;
    } catch (error) {
      debug('run %s: lock heartbeat failed: %O', lease.executionId, error);
      return;
    }
    if (held || lost) return;
    lost = true;
    clearInterval(timer);
    debug('run %s: lock %s@%s lost', lease.executionId, lease.job, lease.instance);
    onLost(new RunCancelledError(lostLockMessage(lease)));
  };
  // The first beat records the execution id: a database refusing it fails the start (the
  // caller releases the lock and closes the log row) rather than leaving a lock row without it.
  if (!((await lock.heartbeat(lease)) ?? true)) {
    lost = true;
    onLost(new RunCancelledError(lostLockMessage(lease)));
  }
  if (!lost) {
    timer = setInterval(() => void beat(), lock.heartbeatMs);
    timer.unref();
  }
  return async () => {
    lost = true;
    clearInterval(timer);
    try {
      await lock.release(lease);
    } catch (error) {
      debug('run %s: lock release failed: %O', lease.executionId, error);
    }
  };
}

/** Why a run whose heartbeat found its lock gone stopped. */
function lostLockMessage(lease: RunLease): string {
  const where = lease.instance === '' ? '' : ` on ${lease.instance}`;
  return (
    `The run stopped: it no longer holds its lock (job ${lease.job}${where}); another run ` +
    'took the lock over, or it was removed by hand (servicenow-sync unlock or runs cancel).'
  );
}

/** The replaced holder of a lease as the logger's `replacedRun`. @internal */
export function replacedRunOf(holder: ReplacedHolder): ReplacedRun {
  return {
    ...(holder.executionId === undefined ? {} : { executionId: holder.executionId }),
    lockOwner: holder.owner,
    host: holder.host,
    pid: holder.pid,
    ...(holder.reason === undefined ? {} : { reason: holder.reason }),
    heartbeatAt: holder.heartbeatAt,
  };
}
