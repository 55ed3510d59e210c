/**
 * What the query planner needs from the store.
 *
 * @module
 */
import type { ReverseIndex } from './reverse-index.js';
import type { TableData } from './table-data.js';

/** What the planner needs from the store. @internal */
export interface PlanContext {
  table(name: string): TableData | undefined;
  /** The served tables that are `name` or extend it. */
  concrete(name: string): readonly TableData[];
  reverse(table: string, field: string): ReverseIndex | undefined;
}
