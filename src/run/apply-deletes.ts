/**
 * Deletes: records removed in ServiceNow leave the database, from the `sys_audit_delete`
 * table or by reconciling keys (servicenow-api.md section 7.3).
 *
 * @module
 */
import { HttpError, type PaginateOptions, rawValueOf, sysIdOf } from '../client/index.js';
import { SYS_ID_PATTERN } from '../core/index.js';
import type { KeyedSink } from '../sink/index.js';
import type { TaskDefinition } from '../tasks/index.js';
import type { RunClient } from './run-options.js';
import { countOrNull } from './selection-count.js';
import type { DeleteMode } from './sync-mode.js';

/** Rows per key page when reconciling (sys_id only, so a page is small). */
const KEY_PAGE_SIZE = 5000;
/** sys_ids per `sys_idIN` confirmation request. */
const CONFIRM_BATCH = 100;
/** Rows per `delete` call. */
const DELETE_BATCH = 1000;
/** Longest key confirmed with `sys_idIN` (longer ones are kept). */
const MAX_KEY_LENGTH = 64;

/** What applying deletes did. */
export interface DeleteOutcome {
  /** Rows removed (or marked `sys_deleted_at`). */
  readonly deleted: number;
  /** Problems the run log must show (the task is then `partial`). */
  readonly warnings: readonly string[];
  /**
   * Audit: the newest `sys_created_on` among the audit rows read (the instance's clock), where
   * the next pass starts (minus the overlap); `undefined` when none was read.
   */
  readonly auditedUpTo?: string;
}

/** The context of one task's delete pass. */
export interface DeleteContext {
  readonly client: RunClient;
  readonly sink: KeyedSink;
  readonly task: TaskDefinition;
  readonly mode: Exclude<DeleteMode, 'none'>;
  readonly soft: boolean;
  /** Audit: read deletes recorded at or after this UTC time; `undefined` = the whole audit. */
  readonly since: string | undefined;
  readonly signal: AbortSignal;
  /** Counts every API call and database statement. */
  readonly onApiCalls: (calls: number) => void;
  readonly onDbOperations: (operations: number) => void;
}

/** Applies the task's deletes; throws only on errors that stop the task (network, database). */
export async function applyDeletes(context: DeleteContext): Promise<DeleteOutcome> {
  return context.mode === 'audit' ? fromAudit(context) : reconcile(context);
}

function pageOptions(context: DeleteContext, extra: PaginateOptions): PaginateOptions {
  return {
    ...extra,
    signal: context.signal,
    onResponse: (response) => context.onApiCalls(response.attempts),
  };
}

async function remove(context: DeleteContext, keys: readonly string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const result = await context.sink.delete(context.task, keys, {
    signal: context.signal,
    soft: context.soft,
  });
  context.onDbOperations(result.dbOperations);
  return result.deleted;
}

async function fromAudit(context: DeleteContext): Promise<DeleteOutcome> {
  const { client, task } = context;
  const query =
    `tablename=${task.table}` +
    (context.since === undefined ? '' : `^sys_created_on>=${context.since}`);
  let listed = 0;
  let deleted = 0;
  let pending: string[] = [];
  let newest: string | undefined;
  try {
    for await (const page of client.paginate(
      'sys_audit_delete',
      pageOptions(context, {
        query,
        fields: ['documentkey', 'sys_created_on'],
        pageSize: KEY_PAGE_SIZE,
      }),
    )) {
      for (const record of page.records) {
        const key = rawValueOf(record, 'documentkey');
        if (key !== undefined) pending.push(key);
        const at = rawValueOf(record, 'sys_created_on');
        if (at !== undefined && at.length === 19 && (newest === undefined || at > newest)) {
          newest = at;
        }
      }
      listed += page.records.length;
      if (pending.length >= DELETE_BATCH) {
        deleted += await remove(context, pending);
        pending = [];
      }
      if (page.stalled) {
        return {
          deleted: deleted + (await remove(context, pending)),
          warnings: [
            `sys_audit_delete is only partly readable (access rules hide some of its rows): deletes of ${task.table} may be missing; use deletes 'reconcile'.`,
          ],
        };
      }
    }
  } catch (error) {
    if (error instanceof HttpError && (error.status === 403 || error.status === 401)) {
      return {
        deleted,
        warnings: [
          `sys_audit_delete is not readable (HTTP ${error.status}): deletes of ${task.table} were not applied; grant read access to sys_audit_delete or use deletes 'reconcile'.`,
        ],
      };
    }
    throw error;
  }
  deleted += await remove(context, pending);
  const warnings: string[] = [];
  const gap = await unexplainedRows(context);
  if (gap !== undefined && gap > 0) {
    warnings.push(
      `After the ${listed} delete(s) sys_audit_delete lists for ${task.table}${
        context.since === undefined ? '' : ` since ${context.since}`
      }, the database still holds ${gap} row(s) more than the instance's selection: deletes of this table may not be audited (no_audit_delete, glide.db.audit.ignore.delete) or rows left the selection; use deletes 'reconcile'.`,
    );
  }
  return newest === undefined ? { deleted, warnings } : { deleted, warnings, auditedUpTo: newest };
}

/** Database rows minus the instance's count of the task's whole selection, when both are known. */
async function unexplainedRows(context: DeleteContext): Promise<number | undefined> {
  const { client, sink, task } = context;
  if (client.count === undefined) return undefined;
  context.onApiCalls(1);
  const instance = await countOrNull(client, task.table, task.buildQuery(), context.signal);
  if (instance === null) return undefined;
  const database = await sink.countRows(task, { signal: context.signal });
  context.onDbOperations(1);
  return database - instance;
}

async function reconcile(context: DeleteContext): Promise<DeleteOutcome> {
  const { client, sink, task } = context;
  const selection = task.buildQuery();
  const live = new Set<string>();
  let blank = 0;
  for await (const page of client.paginate(
    task.table,
    pageOptions(context, { query: selection, fields: ['sys_id'], pageSize: KEY_PAGE_SIZE }),
  )) {
    for (const record of page.records) {
      const id = sysIdOf(record);
      if (id !== undefined) live.add(id);
    }
    blank += page.blankRows;
    if (page.stalled) blank += 1;
  }
  if (blank > 0) {
    return {
      deleted: 0,
      warnings: [
        `Deletes were not reconciled: access rules hide some of ${task.table}'s keys (${blank} unreadable row(s)), so missing rows cannot be told from hidden ones.`,
      ],
    };
  }
  if (client.count !== undefined) {
    context.onApiCalls(1);
    const expected = await countOrNull(client, task.table, selection, context.signal);
    if (expected === null) {
      return {
        deleted: 0,
        warnings: [
          `Deletes were not reconciled: the instance's count of ${task.table}'s selection could not be read (Stats API refused), so keys hidden by access rules cannot be told from deleted ones.`,
        ],
      };
    }
    if (expected > live.size) {
      return {
        deleted: 0,
        warnings: [
          `Deletes were not reconciled: the instance counts ${expected} rows in ${task.table}'s selection but only ${live.size} keys were readable (access rules hide rows, or rows were inserted meanwhile).`,
        ],
      };
    }
  }
  let deleted = 0;
  let after: string | undefined;
  let candidates: string[] = [];
  for (;;) {
    context.signal.throwIfAborted();
    const keys = await sink.keys(task, {
      ...(after === undefined ? {} : { after }),
      limit: DELETE_BATCH,
      signal: context.signal,
    });
    context.onDbOperations(1);
    for (const key of keys) if (!live.has(key)) candidates.push(key);
    if (
      candidates.length >= DELETE_BATCH ||
      (keys.length < DELETE_BATCH && candidates.length > 0)
    ) {
      deleted += await remove(context, await confirmGone(context, candidates));
      candidates = [];
    }
    if (keys.length < DELETE_BATCH) break;
    after = keys[keys.length - 1];
  }
  return { deleted, warnings: [] };
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
    const found = new Set<string>();
    for await (const page of context.client.paginate(
      context.task.table,
      pageOptions(context, {
        query: `sys_idIN${batch.join(',')}`,
        fields: ['sys_id'],
        pageSize: CONFIRM_BATCH,
      }),
    )) {
      for (const record of page.records) {
        const id = sysIdOf(record);
        if (id !== undefined) found.add(id);
      }
    }
    for (const key of batch) if (!found.has(key)) gone.push(key);
  }
  return gone;
}
