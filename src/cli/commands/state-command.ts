/**
 * `servicenow-sync state` and `state reset`: every task's watermark and instance, and clearing
 * watermarks so that the next run of those tasks is a full one.
 *
 * @module
 */
import type { StoredSyncState } from '../../index.js';
import { createDatabase, readSyncStates, resetSyncState } from '../../index.js';
import { type CliIo, line } from '../io.js';
import { UsageError } from '../usage-error.js';
import { existingDatabaseUrl, shownDatabase } from './existing-database.js';

/** Flags of the `state` command. */
export interface StateFlags {
  readonly db?: string;
  readonly json?: boolean;
}

/** Prints every task's sync state; resolves to the exit code. */
export async function stateCommand(flags: StateFlags, io: CliIo): Promise<number> {
  const url = existingDatabaseUrl(flags.db, io);
  const states = await withDatabase(url, (db) => readSyncStates(db));
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(states, null, 2)}\n`);
    return 0;
  }
  if (states.length === 0) {
    line(io.stdout, `No sync state in ${shownDatabase(url)} yet (incremental runs record it).`);
    return 0;
  }
  for (const state of states) printState(io, state);
  return 0;
}

/** Clears the watermarks of `tasks`; resolves to the exit code. */
export async function stateResetCommand(
  tasks: readonly string[],
  flags: StateFlags,
  io: CliIo,
): Promise<number> {
  const url = existingDatabaseUrl(flags.db, io);
  const reset = await withDatabase(url, async (db) => {
    const known = new Set((await readSyncStates(db)).map((s) => s.task));
    const unknown = tasks.filter((task) => !known.has(task));
    if (unknown.length > 0) {
      throw new UsageError(
        `Unknown task ${unknown.map((t) => JSON.stringify(t)).join(', ')} in ${shownDatabase(url)}: ${known.size === 0 ? 'no task has a sync state yet' : `the tasks with a sync state are ${[...known].join(', ')}`}`,
      );
    }
    return resetSyncState(db, tasks);
  });
  const names = reset.map((s) => `${s.task} (${s.targetTable})`).join(', ');
  line(
    io.stdout,
    `Reset ${names} in ${shownDatabase(url)}: watermark and deletes checkpoint cleared; the next incremental run reads everything (or from --since).`,
  );
  return 0;
}

async function withDatabase<T>(
  url: string,
  work: (db: ReturnType<typeof createDatabase>) => Promise<T>,
): Promise<T> {
  const db = createDatabase(url);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

function printState(io: CliIo, state: StoredSyncState): void {
  const instance = state.instance ?? 'instance not recorded';
  line(io.stdout, `${state.task} (${state.table} -> ${state.targetTable}) ${instance}`);
  const watermark = state.watermark
    ? `watermark ${state.watermark.updatedOn} UTC, sys_id ${state.watermark.sysId}`
    : 'no watermark (the next incremental run reads everything)';
  const deletes = state.deletesCheckedAt
    ? `deletes checked ${state.deletesCheckedAt} UTC`
    : 'deletes never checked';
  line(io.stdout, `    ${watermark}; ${deletes}; updated ${state.updatedAt} UTC`);
}
