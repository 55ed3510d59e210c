/**
 * The `sysparm_query` of each page: keyset `<filter>^sys_id>LAST^ORDERBYsys_id` with the
 * filter repeated in every `^NQ` group, the compound `(sys_updated_on, sys_id)` keyset of
 * strategy `'updated'`, offset `<filter>^ORDERBY...sys_id`, and the sys_id ranges of a
 * partitioned read.
 *
 * @module
 */

import { ConfigurationError, type PageCursor } from '../../core/index.js';
import type { EncodedQuery, QueryCondition, QueryOrder, QueryTerm } from '../../query/index.js';
import { andQuery, formatQuery, type QueryInput, toEncodedQuery } from '../../query/index.js';

/** A half-open range of sys_ids: `from <= sys_id < to`; a missing bound is open. */
export interface KeyRange {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

const EVERYTHING: EncodedQuery = { groups: [], orderBy: [] };
const BY_SYS_ID: readonly QueryOrder[] = [{ field: 'sys_id', direction: 'asc' }];
const BY_UPDATED: readonly QueryOrder[] = [
  { field: 'sys_updated_on', direction: 'asc' },
  { field: 'sys_id', direction: 'asc' },
];

const condition = (operator: '>' | '>=' | '<', value: string): QueryTerm => [
  { field: 'sys_id', operator, value } satisfies QueryCondition,
];
const updatedOn = (operator: '>' | '>=' | '=', value: string): QueryTerm => [
  { field: 'sys_updated_on', operator, value } satisfies QueryCondition,
];

/**
 * The caller's filter for keyset paging (`'keyset'` or `'updated'`): validated, and without a
 * sort of its own (pages are ordered by the key; any other `ORDERBY` would break the cursor, so
 * it is refused; a sort that is the key's own prefix is accepted and dropped).
 */
export function keysetFilter(
  query: QueryInput | undefined,
  strategy: 'keyset' | 'updated' = 'keyset',
): EncodedQuery {
  if (query === undefined) return EVERYTHING;
  const parsed = toEncodedQuery(query);
  const key = strategy === 'keyset' ? BY_SYS_ID : BY_UPDATED;
  const ordersByKey = parsed.orderBy.every(
    (order, i) => order.field === key[i]?.field && order.direction === 'asc',
  );
  if (!ordersByKey) {
    const by = strategy === 'keyset' ? 'sys_id' : 'sys_updated_on, then sys_id';
    throw new ConfigurationError(
      `Invalid option query: ORDERBY ${parsed.orderBy.map((o) => o.field).join(', ')} cannot be used with strategy '${strategy}' (pages are ordered by ${by}); use strategy 'offset' to keep your sort`,
      { option: 'query' },
    );
  }
  return { groups: parsed.groups, orderBy: [] };
}

/**
 * The query of a keyset page: the filter AND `sys_id>cursor` (or `sys_id>=range.from` on the
 * first page) AND `sys_id<range.to`, in every `^NQ` group, then `ORDERBYsys_id`.
 *
 * @example
 * ```ts
 * keysetPageQuery(keysetFilter('active=true^NQpriority=1'), 'abc', {});
 * // 'active=true^sys_id>abc^NQpriority=1^sys_id>abc^ORDERBYsys_id'
 * ```
 */
export function keysetPageQuery(
  filter: EncodedQuery,
  cursor: string | undefined,
  range: KeyRange,
): string {
  const terms: QueryTerm[] = [];
  if (cursor !== undefined) terms.push(condition('>', cursor));
  else if (range.from !== undefined) terms.push(condition('>=', range.from));
  if (range.to !== undefined) terms.push(condition('<', range.to));
  const bounds: EncodedQuery = {
    groups: terms.length === 0 ? [] : [{ terms }],
    orderBy: BY_SYS_ID,
  };
  return formatQuery(andQuery(filter, bounds));
}

/**
 * The query of a page of strategy `'updated'`: `<filter>^ORDERBYsys_updated_on^ORDERBYsys_id`
 * without a cursor; after one, `sys_updated_on>T` OR (`sys_updated_on=T` AND `sys_id>S`), with
 * the filter repeated in each of those `^NQ` groups (a filter of k groups gives 2k groups). A
 * cursor whose `sysId` is `''` gives `sys_updated_on>=T` (every row updated at T or later).
 *
 * @example
 * ```ts
 * updatedPageQuery(keysetFilter('active=true', 'updated'), { updatedOn: '2025-01-01 10:00:00', sysId: 'abc' });
 * // 'active=true^sys_updated_on>2025-01-01 10:00:00^NQactive=true^sys_updated_on=2025-01-01 10:00:00^sys_id>abc^ORDERBYsys_updated_on^ORDERBYsys_id'
 * ```
 */
export function updatedPageQuery(filter: EncodedQuery, cursor: PageCursor | undefined): string {
  let bounds: EncodedQuery;
  if (cursor === undefined) bounds = { groups: [], orderBy: BY_UPDATED };
  else if (cursor.sysId === '') {
    bounds = { groups: [{ terms: [updatedOn('>=', cursor.updatedOn)] }], orderBy: BY_UPDATED };
  } else {
    bounds = {
      groups: [
        { terms: [updatedOn('>', cursor.updatedOn)] },
        { terms: [updatedOn('=', cursor.updatedOn), condition('>', cursor.sysId)] },
      ],
      orderBy: BY_UPDATED,
    };
  }
  return formatQuery(andQuery(filter, bounds));
}

/**
 * The query of offset paging: the caller's filter and sort, with `sys_id` appended as the last
 * sort key so the order is total (offset paging without a unique sort skips and repeats rows).
 */
export function offsetQuery(query: QueryInput | undefined): string {
  const parsed = query === undefined ? EVERYTHING : toEncodedQuery(query);
  const hasSysId = parsed.orderBy.some((order) => order.field === 'sys_id');
  return formatQuery(hasSysId ? parsed : { ...parsed, orderBy: [...parsed.orderBy, ...BY_SYS_ID] });
}

/**
 * `count` half-open sys_id ranges that cover every possible string: boundaries are hex prefixes
 * spread evenly over the keyspace (one hex digit up to 16 ranges, two up to 256). The first
 * range has no lower bound and the last no upper bound, so non-hex ids are read too.
 *
 * @example
 * ```ts
 * partitionRanges(4); // [{ to: '4' }, { from: '4', to: '8' }, { from: '8', to: 'c' }, { from: 'c' }]
 * ```
 */
export function partitionRanges(count: number): KeyRange[] {
  if (!Number.isInteger(count) || count < 1 || count > 256) {
    throw new ConfigurationError(
      `Invalid option partitions: expected an integer from 1 to 256, received ${String(count)}`,
      { option: 'partitions' },
    );
  }
  const digits = count <= 16 ? 1 : 2;
  const space = 16 ** digits;
  const bounds: string[] = [];
  for (let i = 1; i < count; i++) {
    bounds.push(
      Math.floor((i * space) / count)
        .toString(16)
        .padStart(digits, '0'),
    );
  }
  return Array.from({ length: count }, (_, i) => ({
    from: i === 0 ? undefined : bounds[i - 1],
    to: i === count - 1 ? undefined : bounds[i],
  }));
}
