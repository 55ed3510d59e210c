/**
 * AND of two encoded queries, distributed over their `^NQ` groups.
 *
 * @module
 */
import type { EncodedQuery, QueryGroup, QueryOrder } from './ast.js';
import { parseQuery } from './parse-query.js';

/**
 * ANDs `extra` into every `^NQ` group of `base`. Both sides are disjunctions of groups, so the
 * result distributes: `(A1 or A2) and (B1 or B2)` = `A1B1 or A1B2 or A2B1 or A2B2`. A side
 * with no groups selects everything and is the identity. `orderBy` is base's then extra's,
 * leaving out a field already sorted on (a second sort on it could change nothing). JOIN and
 * RLQUERY terms stay in their groups, unchanged.
 *
 * This is how a task's selection takes a user filter: a filter added to only the last group of
 * `a^NQb` would leave group `a` unfiltered.
 *
 * @param base - A query, or its text (parsed strictly).
 * @param extra - The query to AND in, or its text (parsed strictly).
 * @throws {@link QuerySyntaxError} when a string side is invalid.
 *
 * @example
 * ```ts
 * formatQuery(andQuery('a=1^NQb=2', 'active=true'));
 * // 'a=1^active=true^NQb=2^active=true'
 * ```
 */
export function andQuery(base: EncodedQuery | string, extra: EncodedQuery | string): EncodedQuery {
  const left = typeof base === 'string' ? parseQuery(base) : base;
  const right = typeof extra === 'string' ? parseQuery(extra) : extra;
  let groups: readonly QueryGroup[];
  if (left.groups.length === 0) groups = right.groups;
  else if (right.groups.length === 0) groups = left.groups;
  else {
    groups = left.groups.flatMap((a) =>
      right.groups.map((b): QueryGroup => {
        const terms = [...a.terms, ...b.terms];
        const subqueries = [...(a.subqueries ?? []), ...(b.subqueries ?? [])];
        return subqueries.length === 0 ? { terms } : { terms, subqueries };
      }),
    );
  }
  const orderBy: QueryOrder[] = [];
  for (const order of [...left.orderBy, ...right.orderBy]) {
    if (!orderBy.some((seen) => seen.field === order.field)) orderBy.push(order);
  }
  return { groups, orderBy };
}
