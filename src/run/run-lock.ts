/**
 * The `RunLock` extension point: one live run per job and instance at a time.
 *
 * @module
 */

/** What a lock is held for: a job against an instance. */
export interface RunLockKey {
  /** The job's name (a task list: `tasks:` and its task names). */
  readonly job: string;
  /** The normalised instance URL; `''` when the client does not tell it. */
  readonly instance: string;
}

/** Who holds a lock, as the lock recorded it. */
export interface RunLockHolder extends RunLockKey {
  /** A token unique to one acquisition. */
  readonly owner: string;
  /** Host name of the holder's machine. */
  readonly host: string;
  /** Process id of the holder. */
  readonly pid: number;
  /** The holder's execution id, once its run is registered. */
  readonly executionId: string | undefined;
  /** The holder's last heartbeat, UTC `YYYY-MM-DD HH:MM:SS`. */
  readonly heartbeatAt: string;
}

/**
 * Why an acquisition replaced the holder of a lock: its process is gone (a holder on this
 * host whose process id is no longer alive), its heartbeat went stale (a holder elsewhere), or
 * `takeOver` replaced it by hand.
 */
export type TakeoverReason = 'process-gone' | 'stale' | 'by-hand';

/** A holder replaced by an acquisition. */
export interface ReplacedHolder extends RunLockHolder {
  /** Why it was replaced; absent when the lock does not tell. */
  readonly reason?: TakeoverReason;
}

/** A held lock: what `heartbeat` and `release` take. */
export interface RunLease extends RunLockKey {
  /** The acquisition's token. */
  readonly owner: string;
  /** The run's execution id, recorded with the lock at the next heartbeat. */
  readonly executionId?: string;
  /** The dead holder this acquisition took the place of, when there was one. */
  readonly replaced?: ReplacedHolder;
}

/**
 * Keeps two runs of the same job against the same instance from interleaving. `startRun` drives
 * it: `acquire` before anything is read or written, `heartbeat` while the run lives (first with
 * the execution id), `release` when it ends. `KyselyRunLock` implements it in the data's
 * database; so can any user object (a Redis lock, an advisory lock).
 *
 * @example
 * ```ts
 * const lease = await lock.acquire({ job: 'incidents', instance: client.instanceUrl });
 * try {
 *   await lock.heartbeat({ ...lease, executionId: '42' });
 * } finally {
 *   await lock.release(lease);
 * }
 * ```
 */
export interface RunLock {
  /** How often `startRun` calls `heartbeat`, in milliseconds. */
  readonly heartbeatMs: number;
  /**
   * Takes the lock. Throws `RunInProgressError` while a live holder has it; takes a dead
   * holder's place (its process gone, or its heartbeat stale) and reports it in the lease's
   * `replaced`.
   */
  acquire(key: RunLockKey): Promise<RunLease>;
  /**
   * Refreshes the holder's heartbeat and records its execution id. Resolves to `false` when the
   * lease no longer holds the lock (another run took it over, or it was removed by hand):
   * `startRun` then stops the run. `true`, or no value (locks written before 0.2), means held.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: user locks typed Promise<void> stay valid
  heartbeat(lease: RunLease): Promise<boolean | void>;
  /** Gives the lock up; does nothing when the lease no longer holds it. */
  release(lease: RunLease): Promise<void>;
  /**
   * Takes the lock whoever holds it, live or not (by hand, for an operator who knows the holder
   * is gone). Reports the holder replaced, if any.
   */
  takeOver(key: RunLockKey): Promise<RunLease>;
}
