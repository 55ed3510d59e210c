/**
 * The overlay records (inserted, or generated and updated) of a table that match a query.
 *
 * @module
 */
import { type CompiledQuery, matchesQuery } from './compile-query.js';
import type { RowView, TableData } from './table-data.js';

/** The overlay records of a table that match a query, in sys_id order. @internal */
export function matchedExtras(table: TableData, query: CompiledQuery): RowView[] {
  return table.extras().filter((view) => matchesQuery(query, view));
}
