/**
 * The `Sink` extension point: where decoded rows go.
 *
 * @module
 */
import type { Row } from '../fields/field-codec.js';
import type { TaskDefinition } from '../tasks/define-task.js';

/** Options of every sink call. */
export interface SinkCallOptions {
  /** Aborts the call between statements; rows of committed batches stay committed. */
  readonly signal?: AbortSignal;
}

/** What one {@link Sink.write} did. */
export interface WriteResult {
  /** Rows upserted, after removing duplicate `sys_id`s (the last one wins). */
  readonly written: number;
  /** Rows that were new, when the sink can tell. */
  readonly inserted?: number;
  /** Rows that replaced an existing row, when the sink can tell. */
  readonly updated?: number;
  /** Database statements executed (DDL included, `BEGIN`/`COMMIT` not). */
  readonly dbOperations: number;
}

/** What one {@link Sink.delete} did. */
export interface DeleteResult {
  /** Rows removed. */
  readonly deleted: number;
  /** Database statements executed. */
  readonly dbOperations: number;
}

/**
 * Receives a task's rows. A run calls `prepare` once per task before its first page, `write`
 * for each decoded (and transformed) batch, in order, and `close` when the sink is no longer
 * needed. `KyselySink` implements it; so can any object (a file writer, a message queue).
 *
 * Contract: `write` upserts by `sys_id` (a row written twice leaves one row, the later one),
 * commits what it returns for, and throws when it could not write. Rows may carry columns the
 * task does not list (from its transform).
 *
 * @example
 * ```ts
 * const seen = new Map<string, Row>();
 * const memorySink: Sink = {
 *   async prepare() {},
 *   async write(_task, rows) {
 *     for (const row of rows) seen.set(row.sys_id as string, row);
 *     return { written: rows.length, dbOperations: 0 };
 *   },
 * };
 * ```
 */
export interface Sink {
  /** Makes the task's destination ready (creates or extends its table). */
  prepare(task: TaskDefinition, options?: SinkCallOptions): Promise<void>;
  /** Upserts a batch of rows by `sys_id`. */
  write(
    task: TaskDefinition,
    rows: readonly Row[],
    options?: SinkCallOptions,
  ): Promise<WriteResult>;
  /** Removes rows by `sys_id` (records deleted in ServiceNow), when the sink supports it. */
  delete?(
    task: TaskDefinition,
    sysIds: readonly string[],
    options?: SinkCallOptions,
  ): Promise<DeleteResult>;
  /** Releases what the sink holds. */
  close?(): Promise<void>;
}
