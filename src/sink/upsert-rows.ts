/**
 * One `KyselySink.write` of rows, after the sync state's statement is ready: dedupe by `sys_id`,
 * give the table the columns a transform derived, widen a bounded column a value outgrows, then
 * upsert in batches with the state saved in the last one.
 *
 * @module
 */
import createDebug from 'debug';
import type { SqlAdapter, Statement } from '../database/index.js';
import type { Row } from '../fields/index.js';
import { RecordRejectedError, type TaskDefinition } from '../tasks/index.js';
import type { BatchWriter } from './batch-writer.js';
import { DELETED_AT_COLUMN } from './live-rows.js';
import { bindRow, dedupe, keysOf } from './row-batch.js';
import type { RowRejection } from './row-isolation.js';
import type { WriteResult } from './sink.js';
import type { SinkTables, TableState } from './sink-tables.js';

const debug = createDebug('servicenow-sync:sink');

/** The sink's parts a write uses. @internal */
export interface UpsertParts {
  readonly tables: SinkTables;
  readonly writer: BatchWriter;
  readonly adapter: SqlAdapter;
}

/** What one write upserts. @internal */
export interface UpsertBatch {
  readonly task: TaskDefinition;
  /** The task's table, prepared. */
  readonly state: TableState;
  /** At least one row. */
  readonly rows: readonly Row[];
  /** The sync state's save, run in the transaction of the last batch. */
  readonly save: Statement | undefined;
  /** Rows per transaction. */
  readonly batchSize: number;
}

/**
 * Upserts `batch.rows` (see {@link UpsertBatch}); resolves to what was written and the
 * statements run (DDL included). @internal
 */
export async function upsertRows(
  parts: UpsertParts,
  batch: UpsertBatch,
  signal: AbortSignal | undefined,
): Promise<WriteResult> {
  const { tables, writer, adapter } = parts;
  const { task, state, rows, save, batchSize } = batch;
  const table = state.name;
  const unique = dedupe(table, rows);
  const present = keysOf(unique);
  let dbOperations = await tables.addDerived(task, state, unique, present);
  const fitted = await tables.fitValues(state, unique);
  dbOperations += fitted.statements;
  const keyOf = state.keyOf;
  const columns =
    keyOf.size === 0
      ? state.columns.filter((c) => c === 'sys_id' || present.includes(c))
      : state.columns.filter((c) => c === 'sys_id' || present.includes(keyOf.get(c) ?? c));
  // The rows' keys of the columns, where some SQL names are shortened.
  const keys = keyOf.size === 0 ? columns : columns.map((c) => keyOf.get(c) ?? c);
  const clear =
    state.columns.includes(DELETED_AT_COLUMN) && !columns.includes(DELETED_AT_COLUMN)
      ? [DELETED_AT_COLUMN]
      : [];
  const bind = (row: Row, into: unknown[]) => bindRow(adapter, table, keys, row, into);
  const { inserted, statements, rejected } = await writer.writeAll(
    { table, columns, keys, clear, rows: unique, bind, after: save },
    batchSize,
    signal,
  );
  dbOperations += statements;
  const written = unique.length - rejected.length;
  debug('%s: wrote %d rows (%d new, %d rejected)', table, written, inserted, rejected.length);
  return {
    written,
    inserted,
    updated: written - inserted,
    dbOperations,
    ...(fitted.changes.length === 0 ? {} : { schemaChanges: fitted.changes }),
    ...(rejected.length === 0
      ? {}
      : { rejected: rejected.map((r) => rejectionError(task.table, r)) }),
  };
}

/** A rejected row as the run reports a record its codecs refused. */
function rejectionError(table: string, rejection: RowRejection): RecordRejectedError {
  const { row, field, reason } = rejection;
  return new RecordRejectedError({
    table,
    sysId: String(row.sys_id),
    field: field ?? '*',
    value: field === undefined ? row : row[field],
    reason,
  });
}
