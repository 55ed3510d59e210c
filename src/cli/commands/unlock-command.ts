/**
 * `servicenow-sync unlock JOB` and `servicenow-sync runs cancel ID`: end a stuck run by hand.
 *
 * @module
 */
import {
  cancelRun,
  type EndByHandResult,
  KyselyRunLock,
  lockJobOf,
  normalizeInstanceUrl,
  type RunLockHolder,
  unlockJob,
} from '../../index.js';
import { type CliIo, line } from '../io.js';
import { UsageError } from '../usage-error.js';
import { openExistingDatabase } from './existing-database.js';
import { targetRequestOf, workOf } from './sync-targets.js';

/** Flags of the `unlock` command. */
export interface UnlockFlags {
  readonly instance?: string;
  readonly db?: string;
  readonly json?: boolean;
}

/** Flags of the `runs cancel` command. */
export interface RunsCancelFlags {
  readonly db?: string;
  readonly json?: boolean;
}

/**
 * Removes the lock of the job the targets name (as `sync` takes them, or a lock name such as
 * `tasks:groups,users`) and closes its run as `cancelled`. Exit 0 when it unlocked, and when
 * there was nothing to unlock (said so); 2 when the job is locked for several instances and no
 * `--instance` chooses one.
 */
export async function unlockCommand(
  targets: readonly string[],
  flags: UnlockFlags,
  io: CliIo,
): Promise<number> {
  const job = lockNameOf(targets);
  const instance = flags.instance === undefined ? undefined : normalizeInstanceUrl(flags.instance);
  const db = openExistingDatabase(flags.db, io);
  try {
    const all = await new KyselyRunLock(db).holders();
    const held = all.filter(
      (h) => h.job === job && (instance === undefined || h.instance === instance),
    );
    if (held.length > 1) {
      throw new UsageError(
        `Job ${job} is locked for ${held.length} instances (${held.map((h) => h.instance || '(none)').join(', ')}): give --instance URL`,
      );
    }
    const [holder] = held;
    const result: EndByHandResult = holder
      ? await unlockJob(db, {
          job,
          instance: holder.instance,
          reason: `Cancelled by hand (servicenow-sync unlock ${targets.join(' ')}).`,
        })
      : { removedLock: undefined, holderAlive: undefined, closedRuns: [] };
    if (flags.json) {
      io.stdout.write(`${JSON.stringify({ job, ...result }, null, 2)}\n`);
      return 0;
    }
    if (result.removedLock === undefined) {
      const where = instance === undefined ? '' : ` on ${instance}`;
      line(io.stdout, `No lock held for job ${job}${where}: nothing to unlock.`);
      if (all.length > 0) line(io.stdout, `Locks held: ${all.map(describeLock).join('; ')}`);
      return 0;
    }
    reportRemoved(result, io);
    return 0;
  } finally {
    await db.destroy();
  }
}

/**
 * Closes run `id` as `cancelled` and removes its lock. Exit 0 when cancelled, and when the run
 * had already finished (said so); 2 for an id the log does not have.
 */
export async function runsCancelCommand(
  id: string,
  flags: RunsCancelFlags,
  io: CliIo,
): Promise<number> {
  const db = openExistingDatabase(flags.db, io);
  try {
    const result = await cancelRun(db, id, {
      reason: `Cancelled by hand (servicenow-sync runs cancel ${id}).`,
    });
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    if (!result.cancelled) {
      line(io.stdout, `Run ${id} already finished (${result.previousStatus}): nothing to cancel.`);
      return 0;
    }
    line(io.stdout, `Run ${id} is now cancelled in the execution log.`);
    if (result.removedLock === undefined) {
      line(io.stdout, 'It held no lock (released already, or run without one).');
    } else {
      reportRemoved({ ...result, closedRuns: [] }, io);
    }
    return 0;
  } finally {
    await db.destroy();
  }
}

/** A lock name as typed, or the lock name of the job or task list the targets name. */
function lockNameOf(targets: readonly string[]): string {
  const [first] = targets;
  if (targets.length === 1 && first?.startsWith('tasks:')) return first;
  return lockJobOf(workOf(targetRequestOf(targets, {}), {}));
}

/** What was removed and closed, and whether the holder may still be running. */
function reportRemoved(result: EndByHandResult, io: CliIo): void {
  const holder = result.removedLock;
  if (holder === undefined) return;
  line(io.stdout, `Removed the lock of ${describeLock(holder)}.`);
  for (const id of result.closedRuns) {
    line(io.stdout, `Run ${id} is now cancelled in the execution log.`);
  }
  if (result.holderAlive === true) {
    line(
      io.stdout,
      `Its process (pid ${holder.pid}) still runs on this host: it stops at its next heartbeat.`,
    );
  } else if (result.holderAlive === undefined) {
    line(
      io.stdout,
      `If its process (pid ${holder.pid} on host ${holder.host}) still runs, it stops at its next heartbeat.`,
    );
  }
}

function describeLock(h: RunLockHolder): string {
  const instance = h.instance === '' ? '' : ` on ${h.instance}`;
  const run = h.executionId === undefined ? '' : `execution ${h.executionId}, `;
  return `job ${h.job}${instance} (${run}pid ${h.pid} on host ${h.host}, last heartbeat ${h.heartbeatAt} UTC)`;
}
