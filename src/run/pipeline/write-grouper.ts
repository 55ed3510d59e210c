/**
 * The write stage: consecutive pages of a task written together, up to the sink's batch size,
 * with the watermark of the last of them.
 *
 * @module
 */
import type { Row } from '../../fields/index.js';
import type { Sink, SyncStateUpdate } from '../../sink/index.js';
import type { TaskDefinition } from '../../tasks/index.js';
import type { TaskTally } from './task-tally.js';

/** What a {@link WriteGrouper} writes to and how much it holds. @internal */
export interface WriteGrouperOptions {
  readonly sink: Sink;
  readonly task: TaskDefinition;
  /** Most rows of one write (a page is never split, so one page may exceed it). */
  readonly groupRows: number;
  /** Rows of a full page: the group is written when one more would not fit. */
  readonly pageSize: number;
  readonly signal: AbortSignal;
  /** Receives the rows written, the statements run and the watermarks committed. */
  readonly tally: TaskTally;
}

/**
 * Holds the rows of consecutive pages and the state change that goes with them, and writes
 * them as one `sink.write`: fewer, larger transactions where commits are dear (SQLite), the
 * watermark of the group's last page committed with its rows. @internal
 */
export class WriteGrouper {
  readonly #options: WriteGrouperOptions;
  #pending: Row[] = [];
  #advance: SyncStateUpdate | undefined;

  constructor(options: WriteGrouperOptions) {
    this.#options = options;
  }

  /** `true` while rows wait for a write. */
  get hasPendingRows(): boolean {
    return this.#pending.length > 0;
  }

  /**
   * Adds a page's rows, and the state change saved with them (the page's watermark), then
   * writes the group when one more full page would not fit.
   */
  async add(rows: Row[], advance: SyncStateUpdate | undefined): Promise<void> {
    if (this.#pending.length === 0) this.#pending = rows;
    else for (const row of rows) this.#pending.push(row);
    if (advance !== undefined) this.#advance = advance;
    const { groupRows, pageSize } = this.#options;
    if (this.#pending.length + pageSize > groupRows) await this.flush();
  }

  /** Writes what is held (rows and state change); nothing when nothing is. */
  async flush(): Promise<void> {
    if (this.#pending.length === 0 && this.#advance === undefined) return;
    const rows = this.#pending;
    const advance = this.#advance;
    this.#pending = [];
    this.#advance = undefined;
    const { sink, task, signal, tally } = this.#options;
    const written = await sink.write(task, rows, {
      signal,
      ...(advance === undefined ? {} : { state: advance }),
    });
    tally.addWritten(written.written);
    for (const rejected of written.rejected ?? []) tally.addReject(rejected);
    tally.addDbOperations(written.dbOperations);
    if (written.schemaChanges !== undefined) tally.addSchemaChanges(written.schemaChanges);
    if (advance?.watermark) tally.commitWatermark(advance.watermark);
  }
}
