/**
 * What one task's delete pass works with, what it returns, and the two calls every pass makes
 * (a page of keys, a batch of removals).
 *
 * @module
 */
import type { PaginateOptions } from '../../client/index.js';
import type { KeyedSink } from '../../sink/index.js';
import type { TaskDefinition } from '../../tasks/index.js';
import type { RunClient } from '../run-options.js';
import type { DeleteMode } from '../sync-mode.js';

/** What applying deletes did. */
export interface DeleteOutcome {
  /** Rows removed (or marked `sys_deleted_at`). */
  readonly deleted: number;
  /** Problems the run log must show (the task is then `partial`). */
  readonly warnings: readonly string[];
  /**
   * Why no delete could be read at all (`sys_audit_delete` is not readable (HTTP 403)): the
   * task stays `success`, and the run says it once for every task in its `warnings`.
   */
  readonly notApplied?: string;
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

/** `extra` with the pass's signal and its API-call count. @internal */
export function pageOptions(context: DeleteContext, extra: PaginateOptions): PaginateOptions {
  return {
    ...extra,
    signal: context.signal,
    onResponse: (response) => context.onApiCalls(response.attempts),
  };
}

/** Removes (or marks) `keys`, counting the statements; resolves to the rows removed. @internal */
export async function removeRows(context: DeleteContext, keys: readonly string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const result = await context.sink.delete(context.task, keys, {
    signal: context.signal,
    soft: context.soft,
  });
  context.onDbOperations(result.dbOperations);
  return result.deleted;
}
