/**
 * What one task has done so far, as its stages report it: the counters of its progress events,
 * what it read, the rejects sampled, and the watermark last committed.
 *
 * @module
 */
import type { Page } from '../../client/index.js';
import type { PageCursor } from '../../core/index.js';
import type { SchemaChange } from '../../sink/index.js';
import { summarize } from '../error-summary.js';
import type { TaskCounters } from '../progress.js';
import type { ErrorSummary } from '../run-result.js';

/** Rejected records kept in the result for diagnosis. */
const MAX_REJECT_SAMPLES = 20;

/** What the pages read showed, beyond the counters. @internal */
export interface ReadTally {
  /** Readable rows received (rejected rows included). */
  readonly recordsRead: number;
  /** `{}` rows (unreadable under access rules) skipped. */
  readonly blankRows: number;
  /** Paging stopped on a page it could not get past. */
  readonly stalled: boolean;
  /** The first rejected records. */
  readonly rejects: readonly ErrorSummary[];
}

/**
 * The running totals of one task. It survives a failed stage, so a failed task still reports
 * what it read, wrote and committed. Only stages add to it; readers get copies. @internal
 */
export class TaskTally {
  #recordsProcessed = 0;
  #recordsRejected = 0;
  #apiCalls = 0;
  #dbOperations = 0;
  #pages = 0;
  #recordsRead = 0;
  #blankRows = 0;
  #stalled = false;
  readonly #rejects: ErrorSummary[] = [];
  #watermark: PageCursor | null = null;
  #schemaChanges: readonly SchemaChange[] = [];

  /** Counts HTTP requests (retries included). */
  addApiCalls(calls: number): void {
    this.#apiCalls += calls;
  }

  /** Counts database statements. */
  addDbOperations(operations: number): void {
    this.#dbOperations += operations;
  }

  /** Counts rows written to the sink. */
  addWritten(rows: number): void {
    this.#recordsProcessed += rows;
  }

  /** Counts a page read. */
  addPage(page: Pick<Page, 'records' | 'blankRows' | 'stalled'>): void {
    this.#pages += 1;
    this.#recordsRead += page.records.length;
    this.#blankRows += page.blankRows;
    if (page.stalled) this.#stalled = true;
  }

  /** Counts a record the codecs or the sink refused, keeping the first ones. */
  addReject(error: unknown): void {
    this.#recordsRejected += 1;
    if (this.#rejects.length < MAX_REJECT_SAMPLES) this.#rejects.push(summarize(error));
  }

  /** Records what the sink's `prepare` changed in the task's destination. */
  setSchemaChanges(changes: readonly SchemaChange[]): void {
    this.#schemaChanges = changes;
  }

  /** What the sink's `prepare` changed (empty until it said). */
  /** Adds changes a write made (a column widened for a longer value). */
  addSchemaChanges(changes: readonly SchemaChange[]): void {
    this.#schemaChanges = [...this.#schemaChanges, ...changes];
  }

  get schemaChanges(): readonly SchemaChange[] {
    return this.#schemaChanges;
  }

  /** Records the task's watermark as now committed (or read from the sink's state). */
  commitWatermark(watermark: PageCursor | null): void {
    this.#watermark = watermark;
  }

  /** The counters so far (a copy). */
  get counters(): TaskCounters {
    return {
      recordsProcessed: this.#recordsProcessed,
      recordsRejected: this.#recordsRejected,
      apiCalls: this.#apiCalls,
      dbOperations: this.#dbOperations,
      pages: this.#pages,
    };
  }

  /** What the pages showed so far (a copy). */
  get read(): ReadTally {
    return {
      recordsRead: this.#recordsRead,
      blankRows: this.#blankRows,
      stalled: this.#stalled,
      rejects: [...this.#rejects],
    };
  }

  /** The watermark last committed, `null` when there is none. */
  get watermark(): PageCursor | null {
    return this.#watermark;
  }
}
