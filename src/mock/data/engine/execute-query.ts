/**
 * Runs a compiled query on one table. Three strategies, picked from the sort:
 * - sys_id order (and no ORDERBY): stream each group's candidates in sys_id order (binary search
 *   to a keyset cursor), merge groups, stop when the page is full;
 * - an indexed date-time field first (`ORDERBYsys_updated_on^ORDERBYsys_id`): stream the date
 *   index over the groups' ranges;
 * - anything else (or ties to shuffle, see the `shuffleTies` fault): collect the matches, sort,
 *   slice.
 * Records of the overlay (inserted, updated) are tested one by one and merged in their place.
 *
 * @module
 */
import type { CompiledQuery } from './compile-query.js';
import { dateOrdered } from './date-order.js';
import type { ExecuteContext } from './execute-context.js';
import { sortedGeneral } from './general-order.js';
import { planGroup } from './plan-group.js';
import { type ExecuteOptions, type ExecuteResult, Page } from './result-page.js';
import { sysIdOrdered } from './sys-id-order.js';
import type { TableData } from './table-data.js';

/** The strategy a query's sort picks. */
type Order =
  | { readonly kind: 'sys_id'; readonly desc: boolean }
  | { readonly kind: 'date'; readonly field: string; readonly desc: boolean }
  | { readonly kind: 'general' };

function orderOf(table: TableData, query: CompiledQuery, shuffled: boolean): Order {
  const [first, ...rest] = query.orderBy;
  if (first === undefined) return { kind: 'sys_id', desc: false };
  const own = first.path.hops.length === 0;
  if (own && first.path.field.name === 'sys_id')
    return { kind: 'sys_id', desc: first.direction === 'desc' };
  const field = own ? table.index.aliases[first.path.field.name] : undefined;
  const tail = rest.every(
    (o) => o.path.hops.length === 0 && o.path.field.name === 'sys_id' && o.direction === 'asc',
  );
  // The date index breaks ties by sys_id: shuffled ties need the general sort, unless an
  // explicit sys_id key leaves no tie.
  if (field !== undefined && tail && !(shuffled && rest.length === 0))
    return { kind: 'date', field, desc: first.direction === 'desc' };
  return { kind: 'general' };
}

/** Runs a compiled query on a table. @internal */
export function executeQuery(
  table: TableData,
  query: CompiledQuery,
  options: ExecuteOptions,
  ctx: ExecuteContext,
): ExecuteResult {
  const plans =
    query.groups.length === 0
      ? [planGroup(table, { terms: [] }, ctx)]
      : query.groups.map((g) => planGroup(table, g, ctx));
  const page = new Page(options);
  const order = orderOf(table, query, options.tieSalt !== undefined);
  if (order.kind === 'sys_id') {
    sysIdOrdered(table, query, plans, order.desc, page, ctx.cache);
  } else if (
    order.kind === 'date' &&
    plans.every(
      (p) => p.path.kind === 'scan' || (p.path.kind === 'date' && p.path.field === order.field),
    )
  ) {
    dateOrdered(table, query, plans, order.field, order.desc, page);
  } else {
    sortedGeneral(table, query, plans, page, ctx.resolver);
  }
  return page.result();
}
