/**
 * Reading and removing rows of `servicenow_run_lock`, for the lock and for unlocking by hand.
 *
 * @module
 */
import type { Kysely } from 'kysely';
import type { RunLockHolder, RunLockKey } from '../run/index.js';
import { type LogDatabase, readTimestamp } from './log-schema.js';

/** Which lock rows to read; every field given must match. */
export interface LockRowFilter {
  readonly job?: string;
  readonly instance?: string;
  readonly owner?: string;
  readonly executionId?: string;
}

/** The holders of the lock rows matching `filter`, by job then instance. @internal */
export async function readLockHolders(
  db: Kysely<LogDatabase>,
  filter: LockRowFilter,
): Promise<RunLockHolder[]> {
  const rows = await db
    .selectFrom('servicenow_run_lock')
    .selectAll()
    .$if(filter.job !== undefined, (q) => q.where('job', '=', filter.job as string))
    .$if(filter.instance !== undefined, (q) => q.where('instance', '=', filter.instance as string))
    .$if(filter.owner !== undefined, (q) => q.where('owner', '=', filter.owner as string))
    .$if(filter.executionId !== undefined, (q) =>
      q.where('execution_id', '=', filter.executionId as string),
    )
    .orderBy('job')
    .orderBy('instance')
    .execute();
  return rows.map((row) => ({
    job: row.job,
    instance: row.instance,
    owner: row.owner,
    host: row.host,
    pid: Number(row.pid),
    executionId:
      row.execution_id === null || row.execution_id === undefined
        ? undefined
        : String(row.execution_id),
    heartbeatAt: readTimestamp(row.heartbeat_at) ?? '',
  }));
}

/** Removes the lock row of `holder`, if it still holds the key; resolves to whether it did. @internal */
export async function deleteLockRow(
  db: Kysely<LogDatabase>,
  holder: RunLockKey & { readonly owner: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('servicenow_run_lock')
    .where('job', '=', holder.job)
    .where('instance', '=', holder.instance)
    .where('owner', '=', holder.owner)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Whether `table` exists (reading by hand must not create anything). @internal */
export async function tableExists(db: Kysely<LogDatabase>, table: string): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === table);
}
