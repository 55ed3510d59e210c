/**
 * Writing one batch of rows in one transaction, through the database's fast path when it has one
 * (SQLite's prepared statement), else through multi-row statements.
 *
 * @module
 */
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
import { bindChunks, writeMultiRow } from './multi-row-path.js';

/** A batch to upsert: unique keys, the columns written and cleared, the state's save. */
export interface UpsertBatch {
  readonly table: string;
  /** The columns written, `sys_id` first. */
  readonly columns: readonly string[];
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
  }

  /** Upserts one batch in one transaction, `after` in that transaction after the rows. */
  async write(batch: UpsertBatch): Promise<UpsertCount> {
    const fast = this.#fast;
    const { table, columns, clear, rows, bind, after } = batch;
    if (fast !== undefined) {
      // Holding Kysely's connection while better-sqlite3 runs the batch directly.
      return this.#db
        .connection()
        .execute(async () => fast.upsert(table, columns, clear, rows, bind, after));
    }
    this.#maxStatementBytes ??= this.#adapter.statementBytes(this.#db);
    const maxBytes = await this.#maxStatementBytes;
    const chunks = bindChunks(this.#adapter, table, columns, rows, maxBytes);
    return writeMultiRow(
      this.#db,
      { adapter: this.#adapter, table, columns, clear, rows, after, runAfter: this.#runAfter },
      chunks,
    );
  }

  /** Forgets cached statements. */
  clear(): void {
    this.#fast?.clear();
  }
}
