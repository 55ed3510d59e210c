/**
 * Options shared by the built-in tasks and the two jobs.
 *
 * @module
 */
import { andQuery, formatQuery, type QueryInput, toEncodedQuery } from '../../query/index.js';

/** Options of every built-in task. */
export interface CatalogTaskOptions {
  /**
   * Narrows the task's selection (assignment-group prefixes, customer companies, SLA names):
   * an encoded query or a `query()` builder, ANDed with the selection in every `^NQ` group.
   * Validated like any query (no empty values, no unknown operators such as `^Or`).
   * @default no extra filter
   */
  readonly filter?: QueryInput;
  /**
   * The database table written.
   * @default the ServiceNow table name
   */
  readonly target?: string;
  /**
   * Records per page.
   * @default the run's page size
   */
  readonly pageSize?: number;
}

/** `base` ANDed with the task's filter, as canonical encoded text (`''` for everything). */
export function selection(base: QueryInput | undefined, filter: QueryInput | undefined): string {
  const left = base === undefined ? { groups: [], orderBy: [] } : toEncodedQuery(base);
  const right = filter === undefined ? { groups: [], orderBy: [] } : toEncodedQuery(filter);
  return formatQuery(andQuery(left, right));
}

/** The defineTask options a catalog entry takes from {@link CatalogTaskOptions}. */
export function passThrough(options: CatalogTaskOptions): { target?: string; pageSize?: number } {
  return {
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
  };
}
