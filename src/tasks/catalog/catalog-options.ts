/**
 * Options shared by the built-in tasks and the two jobs.
 *
 * @module
 */
import type { EncodedQuery, QueryInput } from '../../query/index.js';
import { parseTaskFilter } from '../task-filter.js';

/** Options of every built-in task. */
export interface CatalogTaskOptions {
  /**
   * Narrows the task's selection (assignment-group prefixes, customer companies, SLA names):
   * an encoded query or a `query()` builder, ANDed with the selection in every `^NQ` group.
   * Validated like any query (no empty values, no unknown operators such as `^Or`); it may not
   * sort (`ORDERBY`). A run's preflight checks that the fields it names exist on the table.
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

/**
 * The `defineTask` options a catalog entry takes from {@link CatalogTaskOptions}; its filter is
 * checked first.
 *
 * @throws {@link ConfigurationError} (option `filter`) for a filter that sorts (`ORDERBY`).
 */
export function passThrough(
  task: string,
  options: CatalogTaskOptions,
): { target?: string; pageSize?: number; filter?: EncodedQuery } {
  const filter = options.filter === undefined ? undefined : parseTaskFilter(task, options.filter);
  return {
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(filter === undefined ? {} : { filter }),
  };
}
