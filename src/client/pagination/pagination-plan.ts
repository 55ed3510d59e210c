/**
 * `paginate()`'s options, validated at the call (before anything is sent) into a plan: the
 * strategy, the fixed query parameters, the sys_id ranges and the page-size bounds.
 *
 * @module
 */
import {
  ConfigurationError,
  type PageCursor,
  parseUtcDateTime,
  SYS_ID_PATTERN,
} from '../../core/index.js';
import { checkInteger, checkTable, displayParams, fieldsParam } from '../table/index.js';
import type { PaginateOptions } from './page.js';
import { type KeyRange, partitionRanges } from './page-query.js';
import { pagingStrategy, strategiesThat } from './paging-strategies.js';
import type { FirstPage, PagingStrategy } from './paging-strategy.js';

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

/** A validated pagination request. */
export interface PaginationPlan {
  readonly table: string;
  readonly path: string;
  /** The parameters every page sends, before the paging ones. */
  readonly params: Readonly<Record<string, string>>;
  readonly strategy: PagingStrategy;
  /** Where each range starts. */
  readonly firstPage: FirstPage;
  readonly ranges: readonly KeyRange[];
  readonly pageSize: number;
  readonly minPageSize: number;
  readonly readAhead: number;
  readonly signal: AbortSignal | undefined;
  readonly onResponse: PaginateOptions['onResponse'];
}

/** Validates `startAfter` (a resumable strategy only). */
function checkStartAfter(
  startAfter: PageCursor | undefined,
  strategy: PagingStrategy,
): PageCursor | undefined {
  if (startAfter === undefined) return undefined;
  if (!strategy.resumable) {
    throw new ConfigurationError(
      `Invalid option startAfter: it needs strategy ${strategiesThat((s) => s.resumable)}, received strategy '${strategy.name}'`,
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

/** Refuses display values only when the strategy's cursor needs raw values. */
function checkDisplayValue(options: PaginateOptions, strategy: PagingStrategy): void {
  if (strategy.rawFields.length === 0 || options.displayValue !== true) return;
  throw new ConfigurationError(
    `Invalid option displayValue: true cannot be used with strategy '${strategy.name}' (its cursor needs the raw ${strategy.rawFields.join(', ')}); use 'all' or false`,
    { option: 'displayValue' },
  );
}

/** `pageSize`, `minPageSize` (never above `pageSize`) and `readAhead`, checked. */
function pageBounds(
  options: PaginateOptions,
): Pick<PaginationPlan, 'pageSize' | 'minPageSize' | 'readAhead'> {
  const defaults = DEFAULT_PAGINATE_OPTIONS;
  const pageSize = checkInteger('pageSize', options.pageSize ?? defaults.pageSize, 1);
  const minPageSize = Math.min(
    pageSize,
    checkInteger('minPageSize', options.minPageSize ?? defaults.minPageSize, 1),
  );
  const readAhead = checkInteger('readAhead', options.readAhead ?? defaults.readAhead, 0, 64);
  return { pageSize, minPageSize, readAhead };
}

/** The parameters every page sends: display mode, no counts, and the fields with the key. */
function fixedParams(options: PaginateOptions, strategy: PagingStrategy): Record<string, string> {
  const params: Record<string, string> = {
    ...displayParams(options.displayValue, options.excludeReferenceLink),
    sysparm_no_count: 'true',
    sysparm_suppress_pagination_header: 'true',
  };
  if (options.fields !== undefined) {
    params.sysparm_fields = fieldsParam(options.fields, strategy.keyFields);
  }
  return params;
}

/** Validates the options (throws `ConfigurationError` / `QuerySyntaxError` at once). */
export function planPagination(table: string, options: PaginateOptions = {}): PaginationPlan {
  checkTable(table);
  const strategy = pagingStrategy(options.strategy ?? DEFAULT_PAGINATE_OPTIONS.strategy);
  const startAfter = checkStartAfter(options.startAfter, strategy);
  checkDisplayValue(options, strategy);
  const bounds = pageBounds(options);
  const partitions = options.partitions ?? DEFAULT_PAGINATE_OPTIONS.partitions;
  if (partitions !== 1 && !strategy.partitionable) {
    throw new ConfigurationError(
      `Invalid option partitions: partitions need strategy ${strategiesThat((s) => s.partitionable)}`,
      { option: 'partitions' },
    );
  }
  const params = fixedParams(options, strategy);
  return {
    table,
    path: `/api/now/table/${table}`,
    params,
    strategy,
    firstPage: strategy.begin(options.query, startAfter),
    ranges: partitionRanges(partitions),
    ...bounds,
    signal: options.signal,
    onResponse: options.onResponse,
  };
}
