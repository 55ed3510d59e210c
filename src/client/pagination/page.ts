/**
 * Pages and the options of `paginate()` / `records()`.
 *
 * @module
 */
import type { PageCursor } from '../../core/index.js';
import type { QueryInput } from '../../query/index.js';
import type { DisplayValueMode, TableRecord } from '../table/index.js';

/** How pages follow each other. */
export type PaginationStrategy =
  /** `sys_id>LAST^ORDERBYsys_id`: every row that exists throughout is read exactly once. */
  | 'keyset'
  /**
   * Compound keyset over `(sys_updated_on, sys_id)`, oldest change first: pages carry a
   * {@link PageCursor} to resume from, and a row updated during the run moves forward and is
   * read again later (incremental sync).
   */
  | 'updated'
  /** `sysparm_offset`: rows move between pages when data changes (skips and duplicates). */
  | 'offset';

/** Options of `client.paginate()` and `client.records()`. */
export interface PaginateOptions {
  /** Filter: encoded text, a `query()` builder or an AST. @default everything */
  readonly query?: QueryInput;
  /**
   * Fields to return (`sysparm_fields`); `sys_id` is added for keyset paging, `sys_id` and
   * `sys_updated_on` for strategy `'updated'`.
   * @default every field
   */
  readonly fields?: readonly string[];
  /** Rows per request (`sysparm_limit`), the most the adaptation grows back to. @default 1000 */
  readonly pageSize?: number;
  /** Floor when the page size is halved after a quota cancel or a timeout. @default 50 */
  readonly minPageSize?: number;
  /**
   * `sysparm_display_value`. Strategy `'updated'` refuses `true` (its cursor needs the raw
   * `sys_updated_on`); with `'all'` it reads the `value` half.
   * @default false
   */
  readonly displayValue?: DisplayValueMode;
  /** `sysparm_exclude_reference_link`. @default true */
  readonly excludeReferenceLink?: boolean;
  /**
   * `'keyset'` (by sys_id), `'updated'` (by `sys_updated_on`, then sys_id) or `'offset'`.
   * `'keyset'` and `'updated'` refuse a query with an `ORDERBY` of its own.
   * @default 'keyset'
   */
  readonly strategy?: PaginationStrategy;
  /**
   * Strategy `'updated'` only: start strictly after this key (the first request already uses
   * the "next page" form), e.g. the `cursor` of the last page a previous run committed.
   * @default from the first row
   */
  readonly startAfter?: PageCursor;
  /**
   * Pages fetched ahead of the one the caller is handling (per partition). Memory holds at most
   * `readAhead + 1` pages per partition. @default 1
   */
  readonly readAhead?: number;
  /**
   * Split the sys_id keyspace into this many ranges read concurrently (keyset only), within the
   * client's in-flight cap; pages of the ranges interleave in arrival order. @default 1
   */
  readonly partitions?: number;
  /** Cancels paging; the in-flight requests are aborted. */
  readonly signal?: AbortSignal;
  /**
   * Called after every page request that got an answer, the final empty page included, with
   * the attempts it took and the body bytes: lets a caller count its own API calls when it
   * shares the client with others.
   */
  readonly onResponse?: (response: PageResponseInfo) => void;
}

/** What {@link PaginateOptions.onResponse} receives. */
export interface PageResponseInfo {
  /** Attempts the request took (1 without retries). */
  readonly attempts: number;
  /** Body bytes of the answer. */
  readonly bytes: number;
  /** Rows in the answer, `{}` rows included. */
  readonly rows: number;
}

/** One page of results. */
export interface Page<T = TableRecord> {
  /** The readable rows of the page (`{}` rows removed). */
  readonly records: readonly T[];
  /** 0, 1, 2, ... in the order pages are yielded. */
  readonly index: number;
  /** Which sys_id range the page belongs to (0 when not partitioned). */
  readonly partition: number;
  /** The `sysparm_query` sent for this page. */
  readonly query: string;
  /** The `sysparm_limit` sent (smaller than `pageSize` after a halving). */
  readonly pageSize: number;
  /** `sysparm_offset` sent (offset strategy), else `undefined`. */
  readonly offset: number | undefined;
  /** Rows in the response, `{}` rows included. */
  readonly rawCount: number;
  /**
   * `{}` rows (visible but unreadable under ACLs) counted and skipped; in keyset mode also rows
   * without a sys_id, in `'updated'` mode rows without a sys_id or a `sys_updated_on`.
   */
  readonly blankRows: number;
  /**
   * `true` on the last page when paging stopped because the cursor could not advance (every
   * row of a non-empty page was blank, or the last key did not move forward). Rows after it
   * may exist but cannot be reached with these rights: compare with `client.count()`.
   */
  readonly stalled: boolean;
  /**
   * Strategy `'updated'`: the `(sys_updated_on, sys_id)` key of the last record of the page,
   * where a later run can resume (`startAfter`). `undefined` with other strategies and on a page
   * without records (a stalled page included).
   */
  readonly cursor: PageCursor | undefined;
  /** Body bytes of the response. */
  readonly bytes: number;
  /** Attempts the request took. */
  readonly attempts: number;
}
