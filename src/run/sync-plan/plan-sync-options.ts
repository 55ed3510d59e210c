/**
 * The options of {@link planSync}: the run options that shape what a run would read, and the
 * part of the client a dry run uses (GET requests only).
 *
 * @module
 */
import type { CountOptions, PeekOptions, TableRecord } from '../../client/index.js';
import type { QueryInput } from '../../query/index.js';
import type { Sink } from '../../sink/index.js';
import type { TaskWindow } from '../../tasks/index.js';
import type { DeleteMode, SyncMode } from '../sync-mode.js';

/** The part of `ServiceNowClient` a plan uses: counts and one-record reads, both GET. */
export interface PlanClient {
  /** The instance, normalised. */
  readonly instanceUrl?: string;
  /** The instance's count of a selection; without it the plan's counts are `null`. */
  count?(table: string, query?: QueryInput, options?: CountOptions): Promise<number>;
  /** One quick read (the `sys_audit_delete` probe); without it deletes are not probed. */
  peek?(table: string, options?: PeekOptions): Promise<TableRecord[]>;
}

/** Options of {@link planSync}. */
export interface PlanSyncOptions {
  /** Reads the instance (GET requests only). */
  readonly client: PlanClient;
  /**
   * The sink a run would write to. A `KyselySink` gives the plan its dialect, its target table
   * names, the stored watermarks (read without creating anything) and the DDL it would run
   * (`planPrepare`). Nothing is ever written to it.
   * @default none: the plan assumes a sink that keeps state and deletes rows (such as
   * `KyselySink`), shows SQLite types and no DDL
   */
  readonly sink?: Sink;
  /** As in `runTasks`. @default the job's mode; a task list: 'full' */
  readonly mode?: SyncMode;
  /** As in `runTasks`: incremental start of tasks without a watermark. @default none */
  readonly since?: string;
  /** As in `runTasks`: minutes re-read before a watermark. @default 10 */
  readonly overlapMinutes?: number;
  /** As in `runTasks`: sys_id ranges read at once in a full run. @default 1 */
  readonly partitions?: number;
  /** As in `runTasks`. @default 'audit' in incremental runs, 'none' in full runs */
  readonly deletes?: DeleteMode | Readonly<Record<string, DeleteMode>>;
  /** As in `runTasks`: the days a full run loads. @default the job's window; else none */
  readonly window?: TaskWindow;
  /** Records per page for tasks without their own (checked as a run checks it). @default 1000 */
  readonly pageSize?: number;
  /** Cancels the plan's requests. */
  readonly signal?: AbortSignal;
}
