/**
 * Upserts through Kysely with multi-row statements (PostgreSQL, MySQL/MariaDB, and SQLite
 * instances not built by `createDatabase`): a batch's rows bound straight into flat parameter
 * lists, split within the dialect's parameter and statement-size limits, run in one transaction.
 *
 * @module
 */
import { CompiledQuery } from 'kysely';
import type { Row, SqlDialect } from '../fields/index.js';
import {
  countExistingStatement,
  MAX_PARAMETERS,
  type Statement,
  sqliteMaxRowidSql,
  sqliteRowidProbeSql,
  upsertSql,
  valueBytes,
} from './dialect-sql.js';
import { bindRow } from './row-batch.js';
import type { SinkDatabase, SinkQueryRunner } from './sink-database.js';
import { run } from './table-schema.js';

/** One statement's share of a batch: its row count and their values, row after row. */
export interface BoundChunk {
  readonly rows: number;
  readonly parameters: unknown[];
}

/** What the multi-row path needs to know of the batch at hand. */
export interface MultiRowBatch {
  readonly dialect: SqlDialect;
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
 * Binds `rows` into statement-sized chunks: at most `MAX_PARAMETERS / columns` rows each (200 on
 * SQLite, where a bigger statement only costs more to prepare), and at most `maxBytes` of
 * estimated values, a row never split.
 *
 * @throws the binding's {@link SinkError} for a value that cannot be stored.
 */
export function bindChunks(
  dialect: SqlDialect,
  table: string,
  columns: readonly string[],
  rows: readonly Row[],
  maxBytes: number,
): BoundChunk[] {
  const width = columns.length;
  const cap = dialect === 'sqlite' ? 200 : Number.POSITIVE_INFINITY;
  const maxRows = Math.max(1, Math.min(cap, Math.floor(MAX_PARAMETERS[dialect] / width)));
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
    bindRow(dialect, table, columns, rows[r] as Row, parameters, offset);
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
 * Upserts one batch in one transaction: the bound chunks, then `after`. New rows are counted from
 * what PostgreSQL's upsert returns (`xmax = 0` per row), or, on MySQL and SQLite, from a count of
 * the keys present taken first in the same transaction.
 */
export async function writeMultiRow(
  db: SinkDatabase,
  batch: MultiRowBatch,
  chunks: readonly BoundChunk[],
): Promise<{ inserted: number; statements: number }> {
  const { dialect, table, columns, clear, rows, after } = batch;
  return db.transaction().execute(async (trx) => {
    let statements = 0;
    let inserted = 0;
    let before: number | undefined;
    if (dialect === 'sqlite') {
      before = await maxRowidBefore(trx, table, rows.length);
      statements++;
    }
    if (dialect !== 'postgres' && before === undefined) {
      const keys = rows.map((row) => row.sys_id as string);
      const [found] = await run<{ n: number | string }>(
        trx,
        countExistingStatement(dialect, table, keys),
      );
      inserted = rows.length - Number(found?.n ?? 0);
      statements++;
    }
    for (const chunk of chunks) {
      const sql = upsertSql(dialect, table, columns, chunk.rows, clear);
      const result = await trx.executeQuery(CompiledQuery.raw(sql, chunk.parameters));
      if (dialect === 'postgres') {
        for (const row of result.rows as { inserted?: unknown }[]) {
          if (row.inserted === true || row.inserted === 't') inserted++;
        }
      }
      statements++;
    }
    if (before !== undefined) {
      const [found] = await run<{ m: number | null }>(trx, {
        sql: sqliteMaxRowidSql(table),
        parameters: [],
      });
      inserted = Number(found?.m ?? 0) - before;
      statements++;
    }
    if (after !== undefined) {
      await batch.runAfter(trx, after);
      statements++;
    }
    return { inserted, statements };
  });
}

/**
 * SQLite: the table's largest rowid before a batch of `rows` rows, when new rows can be counted
 * from it (see {@link sqliteRowidProbeSql}); `undefined` when they cannot.
 */
async function maxRowidBefore(
  runner: SinkQueryRunner,
  table: string,
  rows: number,
): Promise<number | undefined> {
  try {
    const [probe] = await run<{ unsafe: number; max: number | null }>(runner, {
      sql: sqliteRowidProbeSql(table),
      parameters: [table, table, table, table],
    });
    const max = Number(probe?.max ?? 0);
    return probe?.unsafe === 0 && max + rows < Number.MAX_SAFE_INTEGER ? max : undefined;
  } catch {
    // A WITHOUT ROWID table: count the keys instead.
    return undefined;
  }
}
