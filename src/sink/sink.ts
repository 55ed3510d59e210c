/**
 * The `Sink` extension point: where decoded rows go.
 *
 * @module
 */
import type { Row } from '../fields/index.js';
import type { RecordRejectedError, TaskDefinition } from '../tasks/index.js';
import type { PrepareResult, SchemaChange } from './schema-change.js';
import type { SyncState, SyncStateUpdate } from './sync-state.js';

/** Options of every sink call. */
export interface SinkCallOptions {
  /** Aborts the call between statements; rows of committed batches stay committed. */
  readonly signal?: AbortSignal;
  /**
   * `write` and `delete`: a change to the task's {@link SyncState}, saved in the same transaction
   * as the call's last rows (a watermark never runs ahead of committed rows). With no rows, only
   * the state is saved.
   */
  readonly state?: SyncStateUpdate;
}

/** Options of {@link KeyedSink.delete}. */
export interface SinkDeleteOptions extends SinkCallOptions {
  /**
   * Mark the rows deleted (`sys_deleted_at` set to the current UTC time; the column is added when
   * missing) instead of removing them. A later upsert of the same `sys_id` clears the mark.
   * @default false
   */
  readonly soft?: boolean;
}

/** Options of {@link KeyedSink.keys}. */
export interface SinkKeysOptions {
  /** Only keys strictly after this one, in the database's order. @default from the first key */
  readonly after?: string;
  /** Most keys returned (a positive integer). */
  readonly limit: number;
  /** Aborts the call. */
  readonly signal?: AbortSignal;
}

/** What one {@link Sink.write} did. */
export interface WriteResult {
  /** Rows upserted, after removing duplicate `sys_id`s (the last one wins) and `rejected` rows. */
  readonly written: number;
  /** Rows that were new, when the sink can tell. */
  readonly inserted?: number;
  /** Rows that replaced an existing row, when the sink can tell. */
  readonly updated?: number;
  /** Database statements executed (DDL included, `BEGIN`/`COMMIT` not). */
  readonly dbOperations: number;
  /**
   * Changes the write made to the table first (a bounded column widened for a longer value);
   * absent when none. A run adds them to the task's `schemaChanges`.
   */
  readonly schemaChanges?: readonly SchemaChange[];
  /**
   * Rows left out because they cannot be stored (a string holding NUL, a value or constraint the
   * database refuses), each with its `sys_id`, field (`*` when the database did not name one) and
   * reason; the other rows were written. Absent when none. A run counts them as rejected records
   * (`recordsRejected`, `rejects`), as it does records its codecs refuse.
   */
  readonly rejected?: readonly RecordRejectedError[];
}

/** What one {@link KeyedSink.delete} did. */
export interface DeleteResult {
  /** Rows removed, or marked deleted (rows already marked are not counted again). */
  readonly deleted: number;
  /** Database statements executed. */
  readonly dbOperations: number;
}

/**
 * Receives a task's rows. A run calls `prepare` once per task before its first page, `write`
 * for each decoded (and transformed) page, or group of pages (`batchSizeFor`), in order, and
 * `close` when the sink is no longer needed. `KyselySink` implements it; so can any object (a
 * file writer, a message queue).
 *
 * Contract: `write` upserts by `sys_id` (a row written twice leaves one row, the later one),
 * commits what it returns for, and throws when it could not write. Rows may carry columns the
 * task does not list (from its transform).
 *
 * Incremental runs need a {@link StatefulSink} (watermarks), deletes a {@link KeyedSink}; a run
 * refuses those modes with a `ConfigurationError` on a sink without them.
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
  /**
   * Most rows of `task` the sink writes best in one `write` (a positive integer). A run groups
   * consecutive pages of the task into one `write` of at most this many rows (at least one page:
   * a page is never split), with the watermark of the group's last page. Without it, each page
   * is one `write`.
   */
  batchSizeFor?(task: TaskDefinition): number;
  /**
   * Makes the task's destination ready (creates or extends its table). May resolve to the
   * `SchemaChange`s it made, which a run reports (`TaskResult.schemaChanges`, the execution
   * log); resolving to nothing reports none.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a sink whose prepare returns Promise<void> must still compile
  prepare(task: TaskDefinition, options?: SinkCallOptions): Promise<void | PrepareResult>;
  /** Upserts a batch of rows by `sys_id`. */
  write(
    task: TaskDefinition,
    rows: readonly Row[],
    options?: SinkCallOptions,
  ): Promise<WriteResult>;
  /** Releases what the sink holds. */
  close?(): Promise<void>;
}

/**
 * A sink that keeps each task's {@link SyncState} (the watermark of incremental runs and the
 * deletes checkpoint) and saves `state` of `write` in the same transaction as the rows.
 */
export interface StatefulSink extends Sink {
  /** The task's stored {@link SyncState}, `undefined` when none was saved. */
  readState(task: TaskDefinition, options?: SinkCallOptions): Promise<SyncState | undefined>;
  /** Saves a change to the task's {@link SyncState} (absent keys keep their values). */
  saveState(
    task: TaskDefinition,
    update: SyncStateUpdate,
    options?: SinkCallOptions,
  ): Promise<void>;
}

/** A stateful sink that can list, count and remove its rows by `sys_id`: what deletes need. */
export interface KeyedSink extends StatefulSink {
  /**
   * Removes rows by `sys_id` (records deleted in ServiceNow), or marks them deleted with
   * `soft: true`.
   */
  delete(
    task: TaskDefinition,
    sysIds: readonly string[],
    options?: SinkDeleteOptions,
  ): Promise<DeleteResult>;
  /**
   * Live (not soft-deleted) `sys_id`s of the task's table, in the database's order, strictly
   * after `after`, at most `limit`.
   */
  keys(task: TaskDefinition, options: SinkKeysOptions): Promise<string[]>;
  /** How many live (not soft-deleted) rows the task's table holds. */
  countRows(task: TaskDefinition, options?: SinkCallOptions): Promise<number>;
}

/** What {@link InstanceSink.claimInstance} did. */
export interface InstanceClaim {
  /**
   * Target tables that held rows or sync state with no recorded instance (written by a version
   * that did not record it), now recorded as the run's instance's. A run reports them in a
   * warning.
   */
  readonly adopted: readonly string[];
}

/**
 * A sink that records which instance its tables hold, so that one database never mixes two
 * instances' data. A run calls `claimInstance` once, after its checks and before its first write
 * (before the execution log hears of it); a sink without it is not checked.
 *
 * `KyselySink` implements it: each target table (and its sync state rows) belongs to the first
 * instance that claims it (`servicenow_sync_tables`), and a claim by another one is refused.
 */
export interface InstanceSink extends Sink {
  /**
   * Checks that every target table of `tasks` holds no other instance's data, then records them
   * as `instance`'s. A refused claim writes nothing.
   *
   * @throws `InstanceMismatchError` when a table or its state holds another instance's data.
   */
  claimInstance(
    instance: string,
    tasks: readonly TaskDefinition[],
    options?: SinkCallOptions,
  ): Promise<InstanceClaim>;
}

/** `true` when `sink` records which instance its tables hold ({@link InstanceSink}). */
export function isInstanceSink(sink: Sink): sink is InstanceSink {
  return typeof (sink as Partial<InstanceSink>).claimInstance === 'function';
}

/** `true` when `sink` keeps sync state ({@link StatefulSink}). */
export function isStatefulSink(sink: Sink): sink is StatefulSink {
  const s = sink as Partial<StatefulSink>;
  return typeof s.readState === 'function' && typeof s.saveState === 'function';
}

/** `true` when `sink` can list, count and remove rows ({@link KeyedSink}). */
export function isKeyedSink(sink: Sink): sink is KeyedSink {
  const s = sink as Partial<KeyedSink>;
  return (
    isStatefulSink(sink) &&
    typeof s.delete === 'function' &&
    typeof s.keys === 'function' &&
    typeof s.countRows === 'function'
  );
}
