/**
 * Whether a lock holder's process still runs, as far as this machine can tell.
 *
 * @module
 */
import type { RunLockHolder } from '../run/index.js';

/**
 * Whether process `pid` of this machine is alive: `process.kill(pid, 0)` sends no signal, it
 * only checks. `ESRCH` (no such process) means gone; `EPERM` (another user's process) means
 * alive. A pid that is not a positive integer counts as alive (nothing is known of it).
 *
 * @example
 * ```ts
 * isProcessAlive(process.pid); // true
 * ```
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Whether the holder's process is alive: known only for a holder on `host` (this machine);
 * `undefined` for one elsewhere. @internal
 */
export function holderAlive(
  holder: Pick<RunLockHolder, 'host' | 'pid'>,
  host: string,
  isAlive: (pid: number) => boolean,
): boolean | undefined {
  return holder.host === host ? isAlive(holder.pid) : undefined;
}
