/**
 * Writing one batch of rows in one transaction, through the database's fast path when it has one
 * (SQLite's prepared statement), else through multi-row statements.
 *
 * @module
 */
import createDebug from 'debug';
import type {
  BindRow,
  FastUpsert,
  SinkDatabase,
  SinkQueryRunner,
  SqlAdapter,
  Statement,
  UpsertCount,
} from '../database/index.js';
import type { Row } from '../fields/index.js';
import { bindChunks, type TransactionProgress, writeMultiRow } from './multi-row-path.js';
import {
  type IsolatedCount,
  isRowFault,
  type RowRejection,
  writeIsolating,
} from './row-isolation.js';
import { messageOf, SinkError } from './sink-error.js';

const debug = createDebug('servicenow-sync:sink');

/** A batch to upsert: unique keys, the columns written and cleared, the state's save. */
export interface UpsertBatch {
  readonly table: string;
  /** The columns written (SQL names), `sys_id` first. */
  readonly columns: readonly string[];
  /** The rows' keys of `columns`, in their order (the same names unless some are shortened). */
  readonly keys: readonly string[];
  /** Columns an update sets to `NULL` (`sys_deleted_at`). */
  readonly clear: readonly string[];
  /** The rows, unique by `sys_id`. */
  readonly rows: readonly Row[];
  /** Binds a row's values in `columns` order. */
  readonly bind: BindRow;
  /** Runs in the transaction after the rows (the sync state's save). */
  readonly after: Statement | undefined;
}

/** Upserts batches into one database. */
export class BatchWriter {
  readonly #db: SinkDatabase;
  readonly #adapter: SqlAdapter;
  readonly #fast: FastUpsert | undefined;
  readonly #runAfter: (runner: SinkQueryRunner, statement: Statement) => Promise<unknown>;
  #maxStatementBytes: Promise<number> | undefined;

  /**
   * @param db - The database written.
   * @param adapter - Its SQL adapter.
   * @param fast - Its fast path, when it has one.
   * @param runAfter - Runs a batch's `after` statement (wrapping its failure).
   */
  constructor(
    db: SinkDatabase,
    adapter: SqlAdapter,
    fast: FastUpsert | undefined,
    runAfter: (runner: SinkQueryRunner, statement: Statement) => Promise<unknown>,
  ) {
    this.#db = db;
    this.#adapter = adapter;
    this.#fast = fast;
    this.#runAfter = runAfter;
    debug('%s: %s', adapter.dialect, fast === undefined ? 'multi-row statements' : 'fast path');
  }

  /**
   * Upserts `batch` in transactions of at most `size` rows, each committed on its own; `after`
   * runs in the last one. Returns the new rows, the statements run and the rows rejected. A
   * transaction whose connection is lost before its commit (the adapter's `connectionLost`) is
   * written again, once, on a fresh connection from the pool; a transaction that failed for one
   * row's sake (a value that cannot be bound, a value or constraint the database refuses: the
   * adapter's `rowFault`) is written again with the rows at fault isolated and left out, its
   * `after` then run on its own.
   *
   * @throws {@link SinkError} when the database refuses a statement for any other reason (the
   * transactions before stay committed).
   */
  async writeAll(batch: UpsertBatch, size: number, signal?: AbortSignal): Promise<IsolatedCount> {
    const { rows, table } = batch;
    let inserted = 0;
    let statements = 0;
    const rejected: RowRejection[] = [];
    for (let start = 0; start < rows.length; start += size) {
      signal?.throwIfAborted();
      const last = start + size >= rows.length;
      const part = {
        ...batch,
        rows: rows.slice(start, start + size),
        after: last ? batch.after : undefined,
      };
      const result = await this.#writeRetrying(part, signal)
        .then((counted): IsolatedCount => ({ ...counted, rejected: [] }))
        .catch((error: unknown) => {
          if (!isRowFault(this.#adapter, error)) throw error;
          return this.#isolate(part, signal);
        })
        .catch((error: unknown) => {
          if (error instanceof SinkError) throw error;
          throw new SinkError(table, `upsert failed: ${messageOf(error)}`, { cause: error });
        });
      inserted += result.inserted;
      statements += result.statements;
      for (const rejection of result.rejected) rejected.push(rejection);
    }
    return { inserted, statements, rejected };
  }

  /**
   * Writes a batch that failed for a row's sake again, isolating the rows at fault (see
   * {@link writeIsolating}), then runs its `after` in a transaction of its own.
   */
  async #isolate(part: UpsertBatch, signal: AbortSignal | undefined): Promise<IsolatedCount> {
    debug('%s: a row of %d refused, isolating it', part.table, part.rows.length);
    const columnToKey = new Map(part.columns.map((column, i) => [column, part.keys[i] ?? column]));
    const isolated = await writeIsolating(
      this.#adapter,
      part.rows,
      (rows) => this.write({ ...part, rows, after: undefined }),
      (column) => columnToKey.get(column) ?? column,
      signal,
    );
    if (part.after === undefined) return isolated;
    await this.#runAfter(this.#db, part.after);
    return { ...isolated, statements: isolated.statements + 1 };
  }

  /**
   * {@link write}, again once on a fresh connection when the first attempt lost its connection
   * before `COMMIT` (so nothing of it was committed); a loss during the commit is not retried.
   */
  async #writeRetrying(batch: UpsertBatch, signal: AbortSignal | undefined): Promise<UpsertCount> {
    const progress: TransactionProgress = { committing: false };
    try {
      return await this.write(batch, progress);
    } catch (error) {
      if (progress.committing || !this.#adapter.connectionLost(error)) throw error;
      debug(
        '%s: connection lost before the commit (%s): again on a fresh connection',
        batch.table,
        messageOf(error),
      );
      signal?.throwIfAborted();
      return this.write(batch).catch((again: unknown) => {
        throw new SinkError(
          batch.table,
          `upsert failed after a lost connection and one retry on a fresh connection: ${messageOf(again)}`,
          { cause: again },
        );
      });
    }
  }

  /**
   * Upserts one batch in one transaction, `after` in that transaction after the rows;
   * `progress.committing` tells, on a failure, whether the commit had begun.
   */
  async write(batch: UpsertBatch, progress?: TransactionProgress): Promise<UpsertCount> {
    const fast = this.#fast;
    const { table, columns, keys, clear, rows, bind, after } = batch;
    if (fast !== undefined) {
      // Holding Kysely's connection while better-sqlite3 runs the batch directly.
      return this.#db
        .connection()
        .execute(async () => fast.upsert(table, columns, clear, rows, bind, after));
    }
    this.#maxStatementBytes ??= this.#adapter.statementBytes(this.#db);
    const maxBytes = await this.#maxStatementBytes;
    const chunks = bindChunks(this.#adapter, table, keys, rows, maxBytes);
    return writeMultiRow(
      this.#db,
      { adapter: this.#adapter, table, columns, clear, rows, after, runAfter: this.#runAfter },
      chunks,
      progress,
    );
  }

  /** Forgets cached statements. */
  clear(): void {
    this.#fast?.clear();
  }
}
