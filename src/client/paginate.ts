/**
 * The paginator behind `client.paginate()`: keyset (default) or offset pages, adaptive page
 * size, bounded read-ahead, optional parallel sys_id partitions, and a `break` in the caller's
 * loop that aborts every in-flight request.
 *
 * @module
 */
import createDebug from 'debug';
import type { EncodedQuery } from '../query/ast.js';
import { ConfigurationError } from './errors.js';
import type { MetricsRecorder } from './metrics.js';
import type { Page, PaginateOptions, PaginationStrategy, TableRecord } from './page.js';
import {
  type KeyRange,
  keysetFilter,
  keysetPageQuery,
  offsetQuery,
  partitionRanges,
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
  /** Keyset: the filter AST. */
  readonly filter: EncodedQuery;
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

/** Validates the options (throws `ConfigurationError` / `QuerySyntaxError` at once). */
export function planPagination(table: string, options: PaginateOptions = {}): PaginationPlan {
  checkTable(table);
  const strategy = options.strategy ?? DEFAULT_PAGINATE_OPTIONS.strategy;
  if (strategy !== 'keyset' && strategy !== 'offset') {
    throw new ConfigurationError(
      `Invalid option strategy: expected 'keyset' or 'offset', received ${JSON.stringify(strategy)}`,
      { option: 'strategy' },
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
  const keyset = strategy === 'keyset';
  const params: Record<string, string> = {
    ...displayParams(options.displayValue, options.excludeReferenceLink),
    sysparm_no_count: 'true',
    sysparm_suppress_pagination_header: 'true',
  };
  if (options.fields !== undefined) {
    params.sysparm_fields = fieldsParam(options.fields, keyset ? 'sys_id' : undefined);
  }
  return {
    table,
    path: `/api/now/table/${table}`,
    params,
    strategy,
    filter: keyset ? keysetFilter(options.query) : { groups: [], orderBy: [] },
    offsetQuery: keyset ? '' : offsetQuery(options.query),
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

/** Reads the pages of one sys_id range (or of the whole offset sequence). */
async function* readRange(
  context: PaginateContext,
  plan: PaginationPlan,
  partition: number,
  range: KeyRange,
  signal: AbortSignal,
): AsyncGenerator<PageData> {
  const { executor, metrics } = context;
  const keyset = plan.strategy === 'keyset';
  const sizer = new PageSizer({ max: plan.pageSize, min: plan.minPageSize });
  let cursor: string | undefined;
  let offset = 0;
  for (;;) {
    const query = keyset ? keysetPageQuery(plan.filter, cursor, range) : plan.offsetQuery;
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
        if (!keyset) params.sysparm_offset = String(offset);
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
    for (const row of rows) {
      if (keyset) {
        const id = sysIdOf(row);
        if (id === undefined) {
          blankRows++;
          continue;
        }
        last = id;
      } else if (isEmptyRow(row)) {
        blankRows++;
        continue;
      }
      records.push(row as TableRecord);
    }
    if (blankRows > 0) metrics.add('blankRows', blankRows);
    if (rows.length === 0) return;
    const stalled = keyset && (last === undefined || (cursor !== undefined && last <= cursor));
    yield {
      records: stalled ? [] : records,
      partition,
      query,
      pageSize: limit,
      offset: keyset ? undefined : offset,
      rawCount: rows.length,
      blankRows,
      stalled,
      bytes: response.bytes,
      attempts: response.attempts,
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
