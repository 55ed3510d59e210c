/**
 * Strategy `'offset'`: `sysparm_offset` pages over the caller's own sort (with `sys_id` as the
 * last key). Rows move between pages when data changes during the read (skips and
 * duplicates); it never stalls and ends at the first empty page.
 *
 * @module
 */
import { offsetQuery } from './page-query.js';
import {
  type PagePosition,
  type PageRows,
  type PageStep,
  type PagingStrategy,
  readableRows,
} from './paging-strategy.js';

function isNotEmpty(row: object): boolean {
  for (const _ in row) return true;
  return false;
}

/** The page that starts `offset` rows into the sorted selection. */
class OffsetPosition implements PagePosition {
  readonly query: string;
  readonly offset: number;

  constructor(query: string, offset: number) {
    this.query = query;
    this.offset = offset;
  }

  params(limit: number): Record<string, string> {
    return {
      sysparm_query: this.query,
      sysparm_limit: String(limit),
      sysparm_offset: String(this.offset),
    };
  }

  /** Skips `{}` rows; the next page starts `limit` rows further. */
  read(rows: PageRows, limit: number): PageStep {
    const { records, blankRows } = readableRows(rows, isNotEmpty);
    const next = new OffsetPosition(this.query, this.offset + limit);
    return { records, blankRows, next, cursor: undefined };
  }
}

/** Pages by `sysparm_offset`. */
export const offsetStrategy: PagingStrategy = {
  name: 'offset',
  keyFields: [],
  rawFields: [],
  resumable: false,
  partitionable: false,
  begin(query) {
    const text = offsetQuery(query);
    return () => new OffsetPosition(text, 0);
  },
};
