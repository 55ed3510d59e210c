/**
 * Upserts through Kysely with multi-row statements (PostgreSQL, MySQL/MariaDB, and SQLite
 * instances whose better-sqlite3 handle the sink cannot reach): a batch's rows bound straight into
 * flat parameter lists, split within the database's parameter and statement-size limits, run in
 * one transaction.
 *
 * @module
 */
import type { QueryResult } from 'kysely';
import {
  compiled,
  type SinkDatabase,
  type SinkQueryRunner,
  type SqlAdapter,
  type Statement,
  type UpsertCount,
  valueBytes,
} from '../database/index.js';
import type { Row } from '../fields/index.js';
import { bindRow } from './row-batch.js';

/** One statement's share of a batch: its row count and their values, row after row. */
export interface BoundChunk {
  readonly rows: number;
  readonly parameters: unknown[];
}

/** What the multi-row path needs to know of the batch at hand. */
export interface MultiRowBatch {
  readonly adapter: SqlAdapter;
  readonly table: string;
  /** The columns written, `sys_id` first. */
  readonly columns: readonly string[];
  /** Columns an update sets to `NULL` (`sys_deleted_at`). */
  readonly clear: readonly string[];
  /** The rows, unique by `sys_id`. */
  readonly rows: readonly Row[];
  /** Runs in the transaction after the rows (the sync state's save). */
  readonly after?: Statement | undefined;
  /** Runs `after` (wrapping its failure). */
  readonly runAfter: (runner: SinkQueryRunner, statement: Statement) => Promise<unknown>;
}

/**
 * Binds `rows` into statement-sized chunks: at most the adapter's parameter limit / columns rows
 * each (and its rows-per-statement cap: 200 on SQLite, where a bigger statement only costs more
 * to prepare), and at most `maxBytes` of estimated values, a row never split.
 *
 * @throws the binding's {@link SinkError} for a value that cannot be stored.
 */
export function bindChunks(
  adapter: SqlAdapter,
  table: string,
  columns: readonly string[],
  rows: readonly Row[],
  maxBytes: number,
): BoundChunk[] {
  const width = columns.length;
  const perStatement = Math.floor(adapter.maxParameters / width);
  const maxRows = Math.max(1, Math.min(adapter.maxRowsPerStatement, perStatement));
  const chunks: BoundChunk[] = [];
  let parameters: unknown[] = [];
  let count = 0;
  let bytes = 0;
  for (let r = 0; r < rows.length; r++) {
    if (count === maxRows) {
      chunks.push({ rows: count, parameters });
      parameters = [];
      count = 0;
      bytes = 0;
    }
    if (count === 0) parameters = new Array(Math.min(maxRows, rows.length - r) * width);
    const offset = count * width;
    bindRow(adapter, table, columns, rows[r] as Row, parameters, offset);
    let size = 0;
    for (let i = offset; i < offset + width; i++) size += valueBytes(parameters[i]);
    if (count > 0 && bytes + size > maxBytes) {
      // The row goes to a statement of its own making: move its values over.
      const moved = parameters.slice(offset, offset + width);
      parameters.length = offset;
      chunks.push({ rows: count, parameters });
      parameters = new Array(Math.min(maxRows, rows.length - r) * width);
      for (let i = 0; i < width; i++) parameters[i] = moved[i];
      count = 0;
      bytes = 0;
    }
    count++;
    bytes += size;
  }
  if (count > 0) {
    parameters.length = count * width;
    chunks.push({ rows: count, parameters });
  }
  return chunks;
}

/**
 * How far a batch's transaction went, for the caller to tell whether anything could have been
 * committed: `committing` is set once every statement ran, just before `COMMIT`.
 */
export interface TransactionProgress {
  committing: boolean;
}

/**
 * Upserts one batch in one transaction: the bound chunks, counted as the adapter counts new rows
 * (PostgreSQL from what its upsert returns, SQLite from its rowids, MySQL from the keys present),
 * then `after`. When a statement fails and the rollback fails too (a lost connection), the
 * statement's error is thrown, not the rollback's.
 */
export async function writeMultiRow(
  db: SinkDatabase,
  batch: MultiRowBatch,
  chunks: readonly BoundChunk[],
  progress: TransactionProgress = { committing: false },
): Promise<UpsertCount> {
  let failure: { readonly error: unknown } | undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      try {
        const counted = await writeStatements(trx, batch, chunks);
        progress.committing = true;
        return counted;
      } catch (error) {
        failure = { error };
        throw error;
      }
    });
  } catch (error) {
    throw failure === undefined ? error : failure.error;
  }
}

/** The statements of {@link writeMultiRow}, inside its transaction. */
async function writeStatements(
  trx: SinkQueryRunner,
  batch: MultiRowBatch,
  chunks: readonly BoundChunk[],
): Promise<UpsertCount> {
  const { adapter, table, columns, clear, rows, after } = batch;
  const write = async () => {
    const results: QueryResult<unknown>[] = [];
    for (const chunk of chunks) {
      const sql = adapter.upsertSql(table, columns, chunk.rows, clear);
      results.push(await trx.executeQuery(compiled({ sql, parameters: chunk.parameters })));
    }
    return results;
  };
  const counted = await adapter.countNewRows(trx, table, rows, write);
  if (after === undefined) return counted;
  await batch.runAfter(trx, after);
  return { inserted: counted.inserted, statements: counted.statements + 1 };
}
