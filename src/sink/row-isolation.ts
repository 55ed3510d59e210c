/**
 * Isolating the rows a database refuses: a batch that failed for one row's sake is split in
 * halves, each written in its own transaction, until every refused row stands alone; the others
 * are written, the refused ones reported.
 *
 * @module
 */
import type { SqlAdapter, UpsertCount } from '../database/index.js';
import type { Row } from '../fields/index.js';
import { RowValueError } from './row-value-error.js';

/** One row a write left out, and why. @internal */
export interface RowRejection {
  /** The row refused. */
  readonly row: Row;
  /** The row's key (field) at fault; `undefined` when the database did not name a column. */
  readonly field: string | undefined;
  /** Why: the binding's reason or the database's message. */
  readonly reason: string;
}

/** What an isolating write did. @internal */
export interface IsolatedCount extends UpsertCount {
  /** The rows left out, in batch order. */
  readonly rejected: readonly RowRejection[];
}

/**
 * The row `error` blames, when it is a row's fault: a value that cannot be bound names its row;
 * a database refusal of a row's values names none (the batch is split to find it).
 */
function blame(
  adapter: SqlAdapter,
  error: unknown,
  fieldOf: (column: string) => string,
): { sysId?: string; field: string | undefined; reason: string } | undefined {
  if (error instanceof RowValueError) {
    return { sysId: error.sysId, field: error.field, reason: error.reason };
  }
  const fault = adapter.rowFault(error);
  if (fault === undefined) return undefined;
  return {
    field: fault.column === undefined ? undefined : fieldOf(fault.column),
    reason: `was refused by the database: ${fault.reason}`,
  };
}

/** `true` when `error` is one row's fault (its value, or the database refusing it). @internal */
export function isRowFault(adapter: SqlAdapter, error: unknown): boolean {
  return error instanceof RowValueError || adapter.rowFault(error) !== undefined;
}

/**
 * Writes `rows` with `write` (one transaction a call), isolating the rows at fault: a row a
 * binding names is left out and the rest written again; a batch the database refused for a row's
 * values is split in halves, down to single rows, so that every good row is written and each
 * bad one reported. Any other error is thrown (the parts written before stay committed).
 * @internal
 */
export async function writeIsolating(
  adapter: SqlAdapter,
  rows: readonly Row[],
  write: (rows: readonly Row[]) => Promise<UpsertCount>,
  fieldOf: (column: string) => string,
  signal?: AbortSignal,
): Promise<IsolatedCount> {
  let inserted = 0;
  let statements = 0;
  const rejected: RowRejection[] = [];
  const attempt = async (part: readonly Row[]): Promise<void> => {
    signal?.throwIfAborted();
    try {
      const counted = await write(part);
      inserted += counted.inserted;
      statements += counted.statements;
      return;
    } catch (error) {
      const fault = blame(adapter, error, fieldOf);
      if (fault === undefined) throw error;
      const { sysId, field, reason } = fault;
      if (sysId !== undefined) {
        const at = part.findIndex((row) => row.sys_id === sysId);
        if (at >= 0) {
          rejected.push({ row: part[at] as Row, field, reason });
          const rest = [...part.slice(0, at), ...part.slice(at + 1)];
          if (rest.length > 0) await attempt(rest);
          return;
        }
      }
      if (part.length === 1) {
        rejected.push({ row: part[0] as Row, field, reason });
        return;
      }
      const middle = Math.ceil(part.length / 2);
      await attempt(part.slice(0, middle));
      await attempt(part.slice(middle));
    }
  };
  await attempt(rows);
  rejected.sort((a, b) => rows.indexOf(a.row) - rows.indexOf(b.row));
  return { inserted, statements, rejected };
}
