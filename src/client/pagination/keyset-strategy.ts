/**
 * Strategy `'keyset'` (the default): `<filter>^sys_id>LAST^ORDERBYsys_id`, so every row that
 * exists throughout the read is read exactly once; the sys_id keyspace can be partitioned.
 *
 * @module
 */
import type { EncodedQuery } from '../../query/index.js';
import { sysIdOf } from '../table/index.js';
import { type KeyRange, keysetFilter, keysetPageQuery } from './page-query.js';
import {
  type PagePosition,
  type PageRows,
  type PageStep,
  type PagingStrategy,
  readableRows,
  stalledStep,
} from './paging-strategy.js';

const hasSysId = (row: Readonly<Record<string, unknown>>): boolean => sysIdOf(row) !== undefined;

/** A keyset page: after the last sys_id read (or at the range's start), below the range's end. */
class KeysetPosition implements PagePosition {
  readonly query: string;
  readonly offset = undefined;
  readonly #filter: EncodedQuery;
  readonly #range: KeyRange;
  readonly #after: string | undefined;

  constructor(filter: EncodedQuery, range: KeyRange, after: string | undefined) {
    this.#filter = filter;
    this.#range = range;
    this.#after = after;
    this.query = keysetPageQuery(filter, after, range);
  }

  params(limit: number): Record<string, string> {
    return { sysparm_query: this.query, sysparm_limit: String(limit) };
  }

  /** Stalls when no row has a sys_id, or when the last sys_id did not move forward. */
  read(rows: PageRows): PageStep {
    const { records, blankRows } = readableRows(rows, hasSysId);
    const lastRecord = records.at(-1);
    const last = lastRecord === undefined ? undefined : sysIdOf(lastRecord);
    if (last === undefined || (this.#after !== undefined && last <= this.#after)) {
      return stalledStep(blankRows);
    }
    const next = new KeysetPosition(this.#filter, this.#range, last);
    return { records, blankRows, next, cursor: undefined };
  }
}

/** Pages by sys_id. */
export const keysetStrategy: PagingStrategy = {
  name: 'keyset',
  keyFields: ['sys_id'],
  rawFields: [],
  resumable: false,
  partitionable: true,
  begin(query) {
    const filter = keysetFilter(query);
    return (range) => new KeysetPosition(filter, range, undefined);
  },
};
