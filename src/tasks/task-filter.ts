/**
 * A task's extra filter: the query a team adds to narrow a task to its scope, ANDed into the
 * selection. It selects rows only: the run pages in an order of its own, so a filter may not sort.
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';
import { type EncodedQuery, formatQuery, type QueryInput, toEncodedQuery } from '../query/index.js';

/**
 * Why a parsed filter cannot be a task's filter (it sorts), or `undefined` when it can.
 * @internal
 */
export function filterProblem(filter: EncodedQuery): string | undefined {
  if (filter.orderBy.length === 0) return undefined;
  const sort = formatQuery({ groups: [], orderBy: filter.orderBy });
  return `sorts (${sort}); the run pages in its own order, so remove the ORDERBY`;
}

/**
 * The filter of a built-in task, parsed strictly and checked: `undefined` when it selects
 * everything.
 *
 * @throws `QuerySyntaxError` for an invalid query; {@link ConfigurationError} (option `filter`)
 * for a filter that sorts.
 * @internal
 */
export function parseTaskFilter(task: string, filter: QueryInput): EncodedQuery | undefined {
  const parsed = toEncodedQuery(filter);
  const problem = filterProblem(parsed);
  if (problem !== undefined) {
    throw new ConfigurationError(`The filter of task ${task} ${problem}`, { option: 'filter' });
  }
  return parsed.groups.length === 0 ? undefined : parsed;
}
