/**
 * The paginator behind `client.paginate()`: keyset (default), `(sys_updated_on, sys_id)` keyset
 * or offset pages, adaptive page size, bounded read-ahead, optional parallel sys_id partitions, and a `break` in the caller's
 * loop that aborts every in-flight request.
 *
 * @module
 */
import createDebug from 'debug';
import {
  ConfigurationError,
  isAfterCursor,
  type PageCursor,
  parseUtcDateTime,
  SYS_ID_PATTERN,
} from '../core/index.js';
import type { EncodedQuery } from '../query/index.js';
import type { MetricsRecorder } from './metrics.js';
import type { Page, PaginateOptions, PaginationStrategy, TableRecord } from './page.js';
import {
  type KeyRange,
  keysetFilter,
  keysetPageQuery,
  offsetQuery,
  partitionRanges,
  updatedPageQuery,
} from './page-query.js';
import { PageSizer } from './page-size.js';
import { mergeByArrival, readAhead } from './read-ahead.js';
import type { RequestExecutor } from './request-executor.js';
import {
  checkInteger,
  checkListBody,
  checkTable,
  displayParams,
  fieldsParam,
  rawValueOf,
  sysIdOf,
} from './table-params.js';

const log = createDebug('servicenow-sync:paginate');

/** The defaults of {@link PaginateOptions}. */
export const DEFAULT_PAGINATE_OPTIONS = {
  pageSize: 1000,
  minPageSize: 50,
  displayValue: false,
  excludeReferenceLink: true,
  strategy: 'keyset',
  readAhead: 1,
  partitions: 1,
} as const;

/** What the paginator needs from the client. */
export interface PaginateContext {
  readonly executor: RequestExecutor;
  readonly metrics: MetricsRecorder;
}

/** A validated pagination request. */
export interface PaginationPlan {
  readonly table: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly strategy: PaginationStrategy;
  /** Keyset and updated: the filter AST. */
  readonly filter: EncodedQuery;
  /** Updated: the key to start after. */
  readonly startAfter: PageCursor | undefined;
  /** Offset: the full query string. */
  readonly offsetQuery: string;
  readonly ranges: readonly KeyRange[];
  readonly pageSize: number;
  readonly minPageSize: number;
  readonly readAhead: number;
  readonly signal: AbortSignal | undefined;
  readonly onResponse: PaginateOptions['onResponse'];
}

type PageData = Omit<Page<TableRecord>, 'index'>;

/** Validates `startAfter` (strategy `'updated'` only). */
function checkStartAfter(
  startAfter: PageCursor | undefined,
  strategy: PaginationStrategy,
): PageCursor | undefined {
  if (startAfter === undefined) return undefined;
  if (strategy !== 'updated') {
    throw new ConfigurationError(
      `Invalid option startAfter: it needs strategy 'updated', received strategy '${strategy}'`,
      { option: 'startAfter' },
    );
  }
  const { updatedOn, sysId } = (startAfter ?? {}) as Partial<PageCursor>;
  if (typeof updatedOn !== 'string' || Number.isNaN(parseUtcDateTime(updatedOn))) {
    throw new ConfigurationError(
      `Invalid option startAfter.updatedOn: expected UTC 'YYYY-MM-DD HH:MM:SS', received ${JSON.stringify(updatedOn)}`,
      { option: 'startAfter.updatedOn' },
    );
  }
  if (typeof sysId !== 'string' || (sysId !== '' && !SYS_ID_PATTERN.test(sysId))) {
    throw new ConfigurationError(
      `Invalid option startAfter.sysId: expected a sys_id or '', received ${JSON.stringify(sysId)}`,
      { option: 'startAfter.sysId' },
    );
  }
  return { updatedOn, sysId };
}

const KEYED_FIELDS = {
  keyset: ['sys_id'],
  updated: ['sys_id', 'sys_updated_on'],
  offset: [],
} as const satisfies Record<PaginationStrategy, readonly string[]>;

/** Validates the options (throws `ConfigurationError` / `QuerySyntaxError` at once). */
export function planPagination(table: string, options: PaginateOptions = {}): PaginationPlan {
  checkTable(table);
  const strategy = options.strategy ?? DEFAULT_PAGINATE_OPTIONS.strategy;
  if (strategy !== 'keyset' && strategy !== 'updated' && strategy !== 'offset') {
    throw new ConfigurationError(
      `Invalid option strategy: expected 'keyset', 'updated' or 'offset', received ${JSON.stringify(strategy)}`,
      { option: 'strategy' },
    );
  }
  const startAfter = checkStartAfter(options.startAfter, strategy);
  if (strategy === 'updated' && options.displayValue === true) {
    throw new ConfigurationError(
      "Invalid option displayValue: true cannot be used with strategy 'updated' (its cursor needs the raw sys_updated_on); use 'all' or false",
      { option: 'displayValue' },
    );
  }
  const pageSize = checkInteger(
    'pageSize',
    options.pageSize ?? DEFAULT_PAGINATE_OPTIONS.pageSize,
    1,
  );
  const minPageSize = Math.min(
    pageSize,
    checkInteger('minPageSize', options.minPageSize ?? DEFAULT_PAGINATE_OPTIONS.minPageSize, 1),
  );
  const readAheadDepth = checkInteger(
    'readAhead',
    options.readAhead ?? DEFAULT_PAGINATE_OPTIONS.readAhead,
    0,
    64,
  );
  const partitions = options.partitions ?? DEFAULT_PAGINATE_OPTIONS.partitions;
  if (partitions !== 1 && strategy !== 'keyset') {
    throw new ConfigurationError("Invalid option partitions: partitions need strategy 'keyset'", {
      option: 'partitions',
    });
  }
  const params: Record<string, string> = {
    ...displayParams(options.displayValue, options.excludeReferenceLink),
    sysparm_no_count: 'true',
    sysparm_suppress_pagination_header: 'true',
  };
  if (options.fields !== undefined) {
    params.sysparm_fields = fieldsParam(options.fields, KEYED_FIELDS[strategy]);
  }
  const offset = strategy === 'offset';
  return {
    table,
    path: `/api/now/table/${table}`,
    params,
    strategy,
    filter: offset ? { groups: [], orderBy: [] } : keysetFilter(options.query, strategy),
    startAfter,
    offsetQuery: offset ? offsetQuery(options.query) : '',
    ranges: partitionRanges(partitions),
    pageSize,
    minPageSize,
    readAhead: readAheadDepth,
    signal: options.signal,
    onResponse: options.onResponse,
  };
}

function isEmptyRow(row: object): boolean {
  for (const _ in row) return false;
  return true;
}

/** Reads the pages of one sys_id range (or of the whole updated / offset sequence). */
async function* readRange(
  context: PaginateContext,
  plan: PaginationPlan,
  partition: number,
  range: KeyRange,
  signal: AbortSignal,
): AsyncGenerator<PageData> {
  const { executor, metrics } = context;
  const strategy = plan.strategy;
  const keyset = strategy === 'keyset';
  const updated = strategy === 'updated';
  const sizer = new PageSizer({ max: plan.pageSize, min: plan.minPageSize });
  let cursor: string | undefined;
  let key = plan.startAfter;
  let offset = 0;
  for (;;) {
    const query = keyset
      ? keysetPageQuery(plan.filter, cursor, range)
      : updated
        ? updatedPageQuery(plan.filter, key)
        : plan.offsetQuery;
    let limit = sizer.current;
    const response = await executor.execute({
      method: 'GET',
      path: plan.path,
      signal,
      params: () => {
        limit = sizer.current;
        const params: Record<string, string> = {
          ...plan.params,
          sysparm_query: query,
          sysparm_limit: String(limit),
        };
        if (!keyset && !updated) params.sysparm_offset = String(offset);
        return params;
      },
      validate: checkListBody,
      onRetry: (failure) => {
        if (sizer.onFailure(failure)) {
          metrics.add('pageSizeReductions');
          log('%s: page size halved to %d after %s', plan.table, sizer.current, failure.kind);
        }
      },
    });
    sizer.onSuccess();
    const rows = (response.body as { result: Record<string, unknown>[] }).result;
    plan.onResponse?.({ attempts: response.attempts, bytes: response.bytes, rows: rows.length });
    const records: TableRecord[] = [];
    let blankRows = 0;
    let last: string | undefined;
    let lastUpdatedOn: string | undefined;
    for (const row of rows) {
      if (keyset) {
        const id = sysIdOf(row);
        if (id === undefined) {
          blankRows++;
          continue;
        }
        last = id;
      } else if (updated) {
        const id = sysIdOf(row);
        const on = id === undefined ? undefined : rawValueOf(row, 'sys_updated_on');
        if (on === undefined) {
          blankRows++;
          continue;
        }
        last = id;
        lastUpdatedOn = on;
      } else if (isEmptyRow(row)) {
        blankRows++;
        continue;
      }
      records.push(row as TableRecord);
    }
    if (blankRows > 0) metrics.add('blankRows', blankRows);
    if (rows.length === 0) return;
    let stalled = false;
    let pageCursor: PageCursor | undefined;
    if (keyset) {
      stalled = last === undefined || (cursor !== undefined && last <= cursor);
    } else if (updated) {
      if (last === undefined || lastUpdatedOn === undefined) stalled = true;
      else {
        const reached = { updatedOn: lastUpdatedOn, sysId: last };
        if (key !== undefined && !isAfterCursor(reached, key)) stalled = true;
        else pageCursor = reached;
      }
    }
    yield {
      records: stalled ? [] : records,
      partition,
      query,
      pageSize: limit,
      offset: keyset || updated ? undefined : offset,
      rawCount: rows.length,
      blankRows,
      stalled,
      bytes: response.bytes,
      attempts: response.attempts,
      cursor: pageCursor,
    };
    if (stalled) {
      metrics.add('stalls');
      log(
        '%s: paging stopped, the cursor cannot advance (%d of %d rows blank)',
        plan.table,
        blankRows,
        rows.length,
      );
      return;
    }
    if (keyset) cursor = last;
    else if (updated) key = pageCursor;
    else offset += limit;
  }
}

const ignore = (): void => {};

/** Runs a plan: yields pages in arrival order; closing the generator aborts in-flight requests. */
export async function* runPagination<T = TableRecord>(
  context: PaginateContext,
  plan: PaginationPlan,
): AsyncGenerator<Page<T>, void, undefined> {
  const controller = new AbortController();
  const signal =
    plan.signal === undefined
      ? controller.signal
      : AbortSignal.any([plan.signal, controller.signal]);
  const sources = plan.ranges.map((range, partition) =>
    readRange(context, plan, partition, range, signal),
  );
  const pages =
    sources.length === 1
      ? readAhead(sources[0] as AsyncGenerator<PageData>, plan.readAhead)
      : mergeByArrival(
          plan.readAhead > 1
            ? sources.map((source) => readAhead(source, plan.readAhead - 1))
            : sources,
        );
  let index = 0;
  try {
    for (;;) {
      const next = await pages.next();
      if (next.done) return;
      const page = next.value;
      context.metrics.add('pages');
      context.metrics.add('records', page.records.length);
      yield { ...page, index: index++ } as unknown as Page<T>;
    }
  } finally {
    controller.abort();
    await pages.return(undefined).catch(ignore);
  }
}
