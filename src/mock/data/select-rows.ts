/**
 * A compiled query run on a served table, or on a base table (`task`, `cmdb_ci`) as the merge
 * of its child tables' answers.
 *
 * @module
 */
import type { MockRecord, MockSelectResult } from '../types.js';
import type { CompiledQuery } from './engine/compile-query.js';
import type { ExecuteContext } from './engine/execute-context.js';
import { executeQuery } from './engine/execute-query.js';
import { compareKeyed, keyed, tieSalt } from './engine/sort-keys.js';
import type { TableData } from './engine/table-data.js';

/** The slice of the answer a select asks for. @internal */
export interface SelectSlice {
  readonly limit: number;
  readonly offset: number;
  readonly count: boolean;
  /** Seed of the shuffled order of ties (`MockSelectOptions.tieSeed`); else sys_id order. */
  readonly tieSeed?: number | undefined;
}

/**
 * The rows of `table` (served by `parts`: the table itself, or the children of a base table)
 * that match a compiled query, sorted and sliced.
 * @internal
 */
export function selectRows(
  table: string,
  parts: readonly TableData[],
  compiled: CompiledQuery,
  slice: SelectSlice,
  ctx: ExecuteContext,
): MockSelectResult {
  const { limit, offset, count } = slice;
  const salt = slice.tieSeed === undefined ? undefined : tieSalt(slice.tieSeed, offset);
  if (parts.length === 1 && parts[0]?.name === table) {
    const result = executeQuery(parts[0], compiled, { limit, offset, count, tieSalt: salt }, ctx);
    const rows = result.views.map((view): MockRecord => view.table.recordOf(view));
    return result.total === undefined ? { rows } : { rows, total: result.total };
  }
  // A base table (task, cmdb_ci): the first offset+limit rows of each child table, merged.
  let total = 0;
  const keyedRows = parts.flatMap((data) => {
    const options = { limit: offset + limit, offset: 0, count, tieSalt: salt };
    const result = executeQuery(data, compiled, options, ctx);
    total += result.total ?? 0;
    return result.views.map((view) => keyed(view, compiled.orderBy, ctx.resolver, salt));
  });
  keyedRows.sort(compareKeyed(compiled.orderBy));
  const rows = keyedRows.slice(offset, offset + limit).map((k) => k.view.table.recordOf(k.view));
  return count ? { rows, total } : { rows };
}
