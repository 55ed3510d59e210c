/**
 * The contract of a paging strategy (`'keyset'`, `'updated'`, `'offset'`): each one owns how
 * its first and next pages are asked for, how its cursor advances over a page's records, and
 * when it stalls. The paginator chooses one per `paginate()` call and only asks it.
 *
 * @module
 */
import type { PageCursor } from '../../core/index.js';
import type { QueryInput } from '../../query/index.js';
import type { TableRecord } from '../table/index.js';
import type { PaginationStrategy } from './page.js';
import type { KeyRange } from './page-query.js';

/** The rows of one answer, as the Table API sent them (`{}` rows included). */
export type PageRows = readonly Readonly<Record<string, unknown>>[];

/** One way of following pages, chosen once per `paginate()` call. */
export interface PagingStrategy {
  /** The `strategy` option that selects it. */
  readonly name: PaginationStrategy;
  /** Fields added to `sysparm_fields` when missing, so the cursor can be read from each row. */
  readonly keyFields: readonly string[];
  /**
   * Fields whose raw value the cursor needs: when there are any, `displayValue: true` (display
   * values only) is refused.
   */
  readonly rawFields: readonly string[];
  /** Whether `startAfter` can resume the sequence. */
  readonly resumable: boolean;
  /** Whether the sys_id keyspace can be split into partitions read at once. */
  readonly partitionable: boolean;
  /**
   * Validates the caller's query for this strategy (throws `ConfigurationError` /
   * `QuerySyntaxError`) and returns where each sys_id range starts.
   */
  begin(query: QueryInput | undefined, startAfter: PageCursor | undefined): FirstPage;
}

/** The position of the first page of a sys_id range. */
export type FirstPage = (range: KeyRange) => PagePosition;

/** Where a paged read stands: the page to ask for next, and how its answer moves the read on. */
export interface PagePosition {
  /** The `sysparm_query` of the page. */
  readonly query: string;
  /** The `sysparm_offset` of the page (offset paging), else `undefined`. */
  readonly offset: number | undefined;
  /** The paging parameters of a request for `limit` rows, in the order they are sent. */
  params(limit: number): Record<string, string>;
  /** Reads a non-empty answer asked for with `limit` rows. */
  read(rows: PageRows, limit: number): PageStep;
}

/** What one page's answer gives, read from its position. */
export interface PageStep {
  /** The readable records (none on a stalled page). */
  readonly records: readonly TableRecord[];
  /** Rows that could not be read (`{}` rows, rows without the key). */
  readonly blankRows: number;
  /** Where the next page starts; `undefined` when the cursor cannot advance (the page stalled). */
  readonly next: PagePosition | undefined;
  /** The key a later run can resume after (strategy `'updated'`), else `undefined`. */
  readonly cursor: PageCursor | undefined;
}

/** The readable rows of an answer and the count of the others. */
export interface ReadableRows {
  /** The rows `isReadable` accepted, in order. */
  readonly records: TableRecord[];
  /** The rows it refused. */
  readonly blankRows: number;
}

/** Splits an answer into readable records and blank rows. */
export function readableRows(
  rows: PageRows,
  isReadable: (row: Readonly<Record<string, unknown>>) => boolean,
): ReadableRows {
  const records: TableRecord[] = [];
  let blankRows = 0;
  for (const row of rows) {
    if (isReadable(row)) records.push(row as TableRecord);
    else blankRows++;
  }
  return { records, blankRows };
}

/** The step of a page whose cursor cannot advance: no records, no next page. */
export function stalledStep(blankRows: number): PageStep {
  return { records: [], blankRows, next: undefined, cursor: undefined };
}
