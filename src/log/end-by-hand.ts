/**
 * Ending a stuck run by hand: `unlockJob` (by job) and `cancelRun` (by execution id) remove its
 * lock and close its log rows as `cancelled`. What `servicenow-sync unlock` and `runs cancel` do.
 *
 * @module
 */
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { ConfigurationError } from '../core/index.js';
import { adapterOf } from '../database/index.js';
import type { RunLockHolder } from '../run/index.js';
import { cancelledClosing, closeRunRows } from './close-run.js';
import { deleteLockRow, readLockHolders, tableExists } from './lock-rows.js';
import { type AnyKysely, createLogTables, type LogDatabase } from './log-schema.js';
import { holderAlive, isProcessAlive } from './process-alive.js';

/** Options shared by {@link unlockJob} and {@link cancelRun}. */
export interface EndByHandOptions {
  /**
   * The message recorded with the run closed (`error_message`).
   * @default 'Cancelled by hand (unlockJob).' / 'Cancelled by hand (cancelRun).'
   */
  readonly reason?: string;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
  /** This machine's host name, to tell whether the holder's process lives. @default os.hostname() */
  readonly host?: string;
  /** Whether a process of this host is alive. @default isProcessAlive */
  readonly isProcessAlive?: (pid: number) => boolean;
}

/** Options of {@link unlockJob}. */
export interface UnlockJobOptions extends EndByHandOptions {
  /** The job's lock name (`incidents`, `tasks:groups,users`: see `lockJobOf`). */
  readonly job: string;
  /**
   * The normalised instance URL of the lock to remove. Needed only when the job is locked for
   * several instances.
   * @default the job's one lock, whatever its instance
   */
  readonly instance?: string;
}

/** What ending a run by hand did. */
export interface EndByHandResult {
  /** The lock removed, or `undefined` when there was none to remove. */
  readonly removedLock: RunLockHolder | undefined;
  /**
   * Whether the holder's process is still alive: known for a holder on this host only
   * (`undefined` otherwise). A live run stops at its next heartbeat.
   */
  readonly holderAlive: boolean | undefined;
  /** Execution ids of the runs closed as `cancelled` in the execution log. */
  readonly closedRuns: readonly string[];
}

/** What {@link cancelRun} found and did. */
export interface CancelRunResult extends EndByHandResult {
  /** The execution id. */
  readonly id: string;
  /**
   * The run's status before: `running` when it was cancelled now; a finished run's status
   * (`success`, `error`, `abandoned`...) when there was nothing to cancel.
   */
  readonly previousStatus: string;
  /** Whether the run was cancelled now (it was `running`). */
  readonly cancelled: boolean;
}

/**
 * Ends the run holding a job's lock, by hand: removes the lock (the next run starts at once),
 * and closes the holder's run in the execution log as `cancelled`, with `reason`. A holder
 * still alive stops at its next heartbeat. Resolves with `removedLock: undefined` when the job
 * holds no lock; throws `ConfigurationError` (option `instance`) when it holds several (one per
 * instance) and no `instance` is given.
 *
 * @example
 * ```ts
 * const { removedLock, closedRuns } = await unlockJob(db, { job: 'incidents' });
 * ```
 */
export async function unlockJob(
  anyDb: AnyKysely,
  options: UnlockJobOptions,
): Promise<EndByHandResult> {
  const db = anyDb as Kysely<LogDatabase>;
  const none: EndByHandResult = { removedLock: undefined, holderAlive: undefined, closedRuns: [] };
  if (!(await tableExists(db, 'servicenow_run_lock'))) return none;
  const holders = await readLockHolders(db, {
    job: options.job,
    ...(options.instance === undefined ? {} : { instance: options.instance }),
  });
  if (holders.length > 1) {
    const instances = holders.map((h) => h.instance || '(none)').join(', ');
    throw new ConfigurationError(
      `Job ${options.job} is locked for ${holders.length} instances (${instances}): give instance to choose one`,
      { option: 'instance' },
    );
  }
  const [holder] = holders;
  if (holder === undefined || !(await deleteLockRow(db, holder))) return none;
  const reason = options.reason ?? 'Cancelled by hand (unlockJob).';
  const closedRuns = await closeByHand(
    db,
    { executionId: holder.executionId, lockOwner: holder.owner },
    reason,
    options,
  );
  return { removedLock: holder, holderAlive: aliveOf(holder, options), closedRuns };
}

/**
 * Ends run `executionId` by hand: closes its log rows as `cancelled`, with `reason`, and
 * removes its lock when it still holds one (a live run stops at its next heartbeat). A run
 * that already finished is left as it is (`cancelled: false`, its status in
 * `previousStatus`). Throws `ConfigurationError` (option `executionId`) when the log has no
 * such run.
 *
 * @example
 * ```ts
 * const { cancelled, previousStatus } = await cancelRun(db, '57');
 * ```
 */
export async function cancelRun(
  anyDb: AnyKysely,
  executionId: string,
  options: EndByHandOptions = {},
): Promise<CancelRunResult> {
  const db = anyDb as Kysely<LogDatabase>;
  const id = /^\d+$/.test(executionId) ? Number(executionId) : Number.NaN;
  const row =
    Number.isSafeInteger(id) && (await tableExists(db, 'servicenow_execution_log'))
      ? await readRunRow(db, id)
      : undefined;
  if (row === undefined) {
    throw new ConfigurationError(`No run ${executionId} in the execution log`, {
      option: 'executionId',
    });
  }
  const base = { id: String(row.id), previousStatus: row.status };
  if (row.status !== 'running') {
    return {
      ...base,
      cancelled: false,
      removedLock: undefined,
      holderAlive: undefined,
      closedRuns: [],
    };
  }
  let removedLock: RunLockHolder | undefined;
  if (await tableExists(db, 'servicenow_run_lock')) {
    const held = [
      ...(await readLockHolders(db, { executionId: base.id })),
      ...(row.lock_owner ? await readLockHolders(db, { owner: row.lock_owner }) : []),
    ];
    for (const holder of held) {
      if (await deleteLockRow(db, holder)) removedLock = holder;
    }
  }
  const reason = options.reason ?? 'Cancelled by hand (cancelRun).';
  const closedRuns = await closeByHand(db, { executionId: base.id }, reason, options);
  return {
    ...base,
    cancelled: closedRuns.length > 0,
    removedLock,
    holderAlive: removedLock === undefined ? undefined : aliveOf(removedLock, options),
    closedRuns,
  };
}

async function readRunRow(
  db: Kysely<LogDatabase>,
  id: number,
): Promise<{ id: number; status: string; lock_owner: string | null } | undefined> {
  await createLogTables(db, adapterOf(db, { caller: 'cancelRun' }).dialect);
  return db
    .selectFrom('servicenow_execution_log')
    .select(['id', 'status', 'lock_owner'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Closes the target's `running` rows as cancelled, when the log exists. */
async function closeByHand(
  db: Kysely<LogDatabase>,
  target: { readonly executionId?: string | undefined; readonly lockOwner?: string },
  reason: string,
  options: EndByHandOptions,
): Promise<string[]> {
  if (!(await tableExists(db, 'servicenow_execution_log'))) return [];
  // An older log gains its lock_owner column first (the lookup by lease reads it).
  await createLogTables(db, adapterOf(db, { caller: 'unlockJob' }).dialect);
  const endedAt = new Date((options.now ?? Date.now)());
  return closeRunRows(db, target, cancelledClosing(reason, endedAt));
}

function aliveOf(holder: RunLockHolder, options: EndByHandOptions): boolean | undefined {
  return holderAlive(holder, options.host ?? hostname(), options.isProcessAlive ?? isProcessAlive);
}
