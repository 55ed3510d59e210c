/**
 * Deletes read from `sys_audit_delete`: the rows it lists for the task's table since the last
 * check are removed, then the database's row count is compared with the instance's.
 *
 * @module
 */
import { HttpError, rawValueOf, type TableRecord } from '../../client/index.js';
import { query } from '../../query/index.js';
import { countOrNull } from '../selection-count.js';
import {
  type DeleteContext,
  type DeleteOutcome,
  pageOptions,
  removeRows,
} from './delete-context.js';
import { unreadableAudit } from './deletes-warning.js';

/** Rows per audit page (two short fields, so a page is small). */
const AUDIT_PAGE_SIZE = 5000;
/** Rows per `delete` call. */
const DELETE_BATCH = 1000;

/** How far the audit was read. */
interface AuditScan {
  /** Rows removed. */
  readonly deleted: number;
  /** Audit rows read. */
  readonly listed: number;
  /** The newest `sys_created_on` read. */
  readonly newest: string | undefined;
  /** Why the scan stopped short (the pass then ends with this one warning). */
  readonly warning?: string;
  /** Why nothing could be read: the audit table is not readable (the run says it once). */
  readonly notApplied?: string;
}

/** Applies the deletes `sys_audit_delete` lists for the task's table. @internal */
export async function deletesFromAudit(context: DeleteContext): Promise<DeleteOutcome> {
  const scan = await scanAudit(context);
  if (scan.notApplied !== undefined) {
    return { deleted: scan.deleted, warnings: [], notApplied: scan.notApplied };
  }
  if (scan.warning !== undefined) return { deleted: scan.deleted, warnings: [scan.warning] };
  const warnings: string[] = [];
  const gap = await unexplainedRows(context);
  if (gap !== undefined && gap > 0) {
    const { task, since } = context;
    warnings.push(
      `After the ${scan.listed} delete(s) sys_audit_delete lists for ${task.table}${
        since === undefined ? '' : ` since ${since}`
      }, the database still holds ${gap} row(s) more than the instance's selection: deletes of this table may not be audited (no_audit_delete, glide.db.audit.ignore.delete) or rows left the selection; use deletes 'reconcile'.`,
    );
  }
  const { deleted, newest } = scan;
  return newest === undefined ? { deleted, warnings } : { deleted, warnings, auditedUpTo: newest };
}

/** `tablename=<table>`, and `^sys_created_on>=<since>` after a previous check. */
function auditQuery(context: DeleteContext): string {
  const ofTable = query().equals('tablename', context.task.table);
  const since = context.since;
  return (
    since === undefined ? ofTable : ofTable.greaterOrEqual('sys_created_on', since)
  ).toString();
}

/** Reads the audit rows and removes the rows they name, a batch at a time. */
async function scanAudit(context: DeleteContext): Promise<AuditScan> {
  const { table } = context.task;
  const options = { query: auditQuery(context), fields: ['documentkey', 'sys_created_on'] };
  let listed = 0;
  let deleted = 0;
  let pending: string[] = [];
  let newest: string | undefined;
  try {
    for await (const page of context.client.paginate(
      'sys_audit_delete',
      pageOptions(context, { ...options, pageSize: AUDIT_PAGE_SIZE }),
    )) {
      for (const key of keysOf(page.records)) pending.push(key);
      newest = newestOf(page.records, newest);
      listed += page.records.length;
      if (pending.length >= DELETE_BATCH) {
        deleted += await removeRows(context, pending);
        pending = [];
      }
      if (page.stalled) {
        deleted += await removeRows(context, pending);
        const warning = `sys_audit_delete is only partly readable (access rules hide some of its rows): deletes of ${table} may be missing; use deletes 'reconcile'.`;
        return { deleted, listed, newest, warning };
      }
    }
  } catch (error) {
    if (!(error instanceof HttpError && (error.status === 403 || error.status === 401)))
      throw error;
    return { deleted, listed, newest, notApplied: unreadableAudit(error.status) };
  }
  deleted += await removeRows(context, pending);
  return { deleted, listed, newest };
}

/** The `documentkey`s of audit rows. */
function keysOf(records: readonly TableRecord[]): string[] {
  const keys: string[] = [];
  for (const record of records) {
    const key = rawValueOf(record, 'documentkey');
    if (key !== undefined) keys.push(key);
  }
  return keys;
}

/** The newest `sys_created_on` (UTC date-time text) of `records` and `newest`. */
function newestOf(records: readonly TableRecord[], newest: string | undefined): string | undefined {
  let found = newest;
  for (const record of records) {
    const at = rawValueOf(record, 'sys_created_on');
    if (at !== undefined && at.length === 19 && (found === undefined || at > found)) found = at;
  }
  return found;
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
