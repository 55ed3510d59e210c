/**
 * Strategy `'updated'`: a compound keyset over `(sys_updated_on, sys_id)`, oldest change
 * first. Pages carry the cursor a later run resumes after (`startAfter`), and a row updated
 * during the read moves forward and is read again later (incremental sync).
 *
 * @module
 */
import { isAfterCursor, type PageCursor } from '../../core/index.js';
import type { EncodedQuery } from '../../query/index.js';
import { rawValueOf, sysIdOf } from '../table/index.js';
import { keysetFilter, updatedPageQuery } from './page-query.js';
import {
  type PagePosition,
  type PageRows,
  type PageStep,
  type PagingStrategy,
  readableRows,
  stalledStep,
} from './paging-strategy.js';

/** The `(sys_updated_on, sys_id)` key of a row, or `undefined` when either is missing. */
function updatedKeyOf(row: Readonly<Record<string, unknown>>): PageCursor | undefined {
  const sysId = sysIdOf(row);
  const updatedOn = sysId === undefined ? undefined : rawValueOf(row, 'sys_updated_on');
  return sysId === undefined || updatedOn === undefined ? undefined : { updatedOn, sysId };
}

const hasKey = (row: Readonly<Record<string, unknown>>): boolean => updatedKeyOf(row) !== undefined;

/** A page of changes after a key (or from the first change). */
class UpdatedPosition implements PagePosition {
  readonly query: string;
  readonly offset = undefined;
  readonly #filter: EncodedQuery;
  readonly #after: PageCursor | undefined;

  constructor(filter: EncodedQuery, after: PageCursor | undefined) {
    this.#filter = filter;
    this.#after = after;
    this.query = updatedPageQuery(filter, after);
  }

  params(limit: number): Record<string, string> {
    return { sysparm_query: this.query, sysparm_limit: String(limit) };
  }

  /** Stalls when no row has both keys, or when the last key is not after the one it started at. */
  read(rows: PageRows): PageStep {
    const { records, blankRows } = readableRows(rows, hasKey);
    const lastRecord = records.at(-1);
    const reached = lastRecord === undefined ? undefined : updatedKeyOf(lastRecord);
    if (
      reached === undefined ||
      (this.#after !== undefined && !isAfterCursor(reached, this.#after))
    ) {
      return stalledStep(blankRows);
    }
    const next = new UpdatedPosition(this.#filter, reached);
    return { records, blankRows, next, cursor: reached };
  }
}

/** Pages by `sys_updated_on`, then sys_id. */
export const updatedStrategy: PagingStrategy = {
  name: 'updated',
  keyFields: ['sys_id', 'sys_updated_on'],
  rawFields: ['sys_updated_on'],
  resumable: true,
  partitionable: false,
  begin(query, startAfter) {
    const filter = keysetFilter(query, 'updated');
    return () => new UpdatedPosition(filter, startAfter);
  },
};
