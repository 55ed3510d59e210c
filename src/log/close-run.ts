/**
 * Closing the log rows of a run that will never finish itself: a dead run whose lock another
 * took over (`abandoned`), or a run ended by hand (`cancelled`).
 *
 * @module
 */
import type { Kysely } from 'kysely';
import type { ReplacedRun } from '../run/index.js';
import { type LogDatabase, utcTimestamp } from './log-schema.js';

/**
 * The statuses a run's log row is closed with when the run cannot close it itself: `abandoned`
 * for a dead run closed by the run that took its lock over, `cancelled` for a run ended by hand
 * (`unlockJob`, `cancelRun`).
 */
export type ClosedRunStatus = 'abandoned' | 'cancelled';

/** Which run to close: by execution id, or by the lock lease it registered with. */
export interface RunRowTarget {
  readonly executionId?: string | undefined;
  readonly lockOwner?: string | undefined;
}

/** How to close it. */
export interface RunClosing {
  readonly status: ClosedRunStatus;
  /** The run's `error_message`. */
  readonly message: string;
  /** The `error_message` of its tasks still `running`. */
  readonly taskMessage: string;
  readonly endedAt: Date;
}

/**
 * Closes the `running` log row of the target (and its `running` task rows); rows already
 * finished are left as they are. Resolves to the execution ids closed. @internal
 */
export async function closeRunRows(
  db: Kysely<LogDatabase>,
  target: RunRowTarget,
  closing: RunClosing,
): Promise<string[]> {
  const id = target.executionId === undefined ? undefined : Number(target.executionId);
  const byId = id !== undefined && Number.isSafeInteger(id) ? id : undefined;
  const owner = target.lockOwner;
  if (byId === undefined && owner === undefined) return [];
  const rows = await db
    .selectFrom('servicenow_execution_log')
    .select('id')
    .where('status', '=', 'running')
    .where((eb) => {
      const matches = [];
      if (byId !== undefined) matches.push(eb('id', '=', byId));
      if (owner !== undefined) matches.push(eb('lock_owner', '=', owner));
      return eb.or(matches);
    })
    .execute();
  const ids = rows.map((row) => Number(row.id));
  if (ids.length === 0) return [];
  const endedAt = utcTimestamp(closing.endedAt);
  await db
    .updateTable('servicenow_execution_log')
    .set({ status: closing.status, ended_at: endedAt, error_message: closing.message })
    .where('id', 'in', ids)
    .where('status', '=', 'running')
    .execute();
  await db
    .updateTable('servicenow_execution_task')
    .set({ status: closing.status, ended_at: endedAt, error_message: closing.taskMessage })
    .where('execution_id', 'in', ids)
    .where('status', '=', 'running')
    .execute();
  return ids.map(String);
}

/** What a re-run does after a run that did not finish, said at the end of each message. */
const RERUN = 'Committed rows were kept; the next run completes the data.';

/**
 * The message of a dead run closed by run `by`, which took its lock over: why it counts as
 * dead (its process gone on this host, no heartbeat since, or by hand). @internal
 */
export function abandonedMessage(dead: ReplacedRun, by: string): string {
  const process =
    dead.pid === undefined ? '' : `pid ${dead.pid}${dead.host ? ` on host ${dead.host}` : ''}`;
  switch (dead.reason) {
    case 'process-gone':
      return `Abandoned: its process (${process}) stopped without finishing; run ${by} took its lock over. ${RERUN}`;
    case 'stale':
      return `Abandoned: no heartbeat since ${dead.heartbeatAt} UTC${process ? ` (${process})` : ''}; run ${by} took its lock over. ${RERUN}`;
    case 'by-hand':
      return `Abandoned: run ${by} took its lock over by hand${process ? ` (${process})` : ''}. ${RERUN}`;
    default:
      return `Abandoned: run ${by} took its lock over (last heartbeat ${dead.heartbeatAt} UTC). ${RERUN}`;
  }
}

/** The closing of a run abandoned for run `by`, at `endedAt`. @internal */
export function abandonedClosing(dead: ReplacedRun, by: string, endedAt: Date): RunClosing {
  return {
    status: 'abandoned',
    message: abandonedMessage(dead, by),
    taskMessage: `Not finished: the run was abandoned (run ${by} took its lock over).`,
    endedAt,
  };
}

/** The closing of a run cancelled by hand, with the reason given, at `endedAt`. @internal */
export function cancelledClosing(reason: string, endedAt: Date): RunClosing {
  return {
    status: 'cancelled',
    message: `${reason} ${RERUN}`,
    taskMessage: 'Not finished: the run was cancelled by hand.',
    endedAt,
  };
}
