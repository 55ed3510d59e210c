/**
 * Deletes found by reconciling keys: every `sys_id` of the task's whole selection is read, and
 * the database rows the instance no longer has at all are removed.
 *
 * @module
 */
import { sysIdOf } from '../../client/index.js';
import { SYS_ID_PATTERN } from '../../core/index.js';
import { query } from '../../query/index.js';
import { countOrNull } from '../selection-count.js';
import {
  type DeleteContext,
  type DeleteOutcome,
  pageOptions,
  removeRows,
} from './delete-context.js';

/** Rows per key page when reconciling (sys_id only, so a page is small). */
const KEY_PAGE_SIZE = 5000;
/** sys_ids per `sys_idIN` confirmation request. */
const CONFIRM_BATCH = 100;
/** Rows per `delete` call, and keys per `keys` call. */
const DELETE_BATCH = 1000;
/** Longest key confirmed with `sys_idIN` (longer ones are kept). */
const MAX_KEY_LENGTH = 64;

/** The keys the instance shows for the selection, and how many rows came back unreadable. */
interface LiveKeys {
  readonly live: ReadonlySet<string>;
  readonly blank: number;
}

/** Removes the rows whose records the instance no longer has. @internal */
export async function reconcileDeletes(context: DeleteContext): Promise<DeleteOutcome> {
  const selection = context.task.buildQuery();
  const { live, blank } = await readLiveKeys(context, selection);
  if (blank > 0) {
    return {
      deleted: 0,
      warnings: [
        `Deletes were not reconciled: access rules hide some of ${context.task.table}'s keys (${blank} unreadable row(s)), so missing rows cannot be told from hidden ones.`,
      ],
    };
  }
  const refusal = await countRefusal(context, selection, live.size);
  if (refusal !== undefined) return { deleted: 0, warnings: [refusal] };
  return { deleted: await removeMissing(context, live), warnings: [] };
}

async function readLiveKeys(context: DeleteContext, selection: string): Promise<LiveKeys> {
  const live = new Set<string>();
  let blank = 0;
  for await (const page of context.client.paginate(
    context.task.table,
    pageOptions(context, { query: selection, fields: ['sys_id'], pageSize: KEY_PAGE_SIZE }),
  )) {
    for (const record of page.records) {
      const id = sysIdOf(record);
      if (id !== undefined) live.add(id);
    }
    blank += page.blankRows;
    if (page.stalled) blank += 1;
  }
  return { live, blank };
}

/**
 * Why the keys read cannot be trusted as the whole selection (the instance's count is unknown
 * or larger), or `undefined` when they can (or the client cannot count).
 */
async function countRefusal(
  context: DeleteContext,
  selection: string,
  readable: number,
): Promise<string | undefined> {
  const { client, task } = context;
  if (client.count === undefined) return undefined;
  context.onApiCalls(1);
  const expected = await countOrNull(client, task.table, selection, context.signal);
  if (expected === null) {
    return `Deletes were not reconciled: the instance's count of ${task.table}'s selection could not be read (Stats API refused), so keys hidden by access rules cannot be told from deleted ones.`;
  }
  if (expected > readable) {
    return `Deletes were not reconciled: the instance counts ${expected} rows in ${task.table}'s selection but only ${readable} keys were readable (access rules hide rows, or rows were inserted meanwhile).`;
  }
  return undefined;
}

/** Walks the database's keys; removes those not live and confirmed gone. */
async function removeMissing(context: DeleteContext, live: ReadonlySet<string>): Promise<number> {
  let deleted = 0;
  let after: string | undefined;
  let candidates: string[] = [];
  for (;;) {
    context.signal.throwIfAborted();
    const keys = await context.sink.keys(context.task, {
      ...(after === undefined ? {} : { after }),
      limit: DELETE_BATCH,
      signal: context.signal,
    });
    context.onDbOperations(1);
    for (const key of keys) if (!live.has(key)) candidates.push(key);
    const last = keys.length < DELETE_BATCH;
    if (candidates.length >= DELETE_BATCH || (last && candidates.length > 0)) {
      deleted += await removeRows(context, await confirmGone(context, candidates));
      candidates = [];
    }
    if (last) return deleted;
    after = keys[keys.length - 1];
  }
}

/**
 * The candidates the instance no longer has at all: rows outside the selection (moved out of
 * it, or loaded by another window or filter) still exist and are kept.
 */
async function confirmGone(
  context: DeleteContext,
  candidates: readonly string[],
): Promise<string[]> {
  const gone: string[] = [];
  // A key that could not be a sys_id (a comma or `^` would change the query) is kept.
  const checkable = candidates.filter(
    (key) => key.length <= MAX_KEY_LENGTH && SYS_ID_PATTERN.test(key),
  );
  for (let start = 0; start < checkable.length; start += CONFIRM_BATCH) {
    const batch = checkable.slice(start, start + CONFIRM_BATCH);
    const found = await existingKeys(context, batch);
    for (const key of batch) if (!found.has(key)) gone.push(key);
  }
  return gone;
}

/** Which of `batch` the instance still has (one `sys_idIN` read). */
async function existingKeys(
  context: DeleteContext,
  batch: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for await (const page of context.client.paginate(
    context.task.table,
    pageOptions(context, {
      query: query().in('sys_id', batch).toString(),
      fields: ['sys_id'],
      pageSize: CONFIRM_BATCH,
    }),
  )) {
    for (const record of page.records) {
      const id = sysIdOf(record);
      if (id !== undefined) found.add(id);
    }
  }
  return found;
}
