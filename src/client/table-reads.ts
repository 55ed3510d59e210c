/**
 * The reads that take one request: `client.get()` (a record by sys_id) and `client.count()`
 * (the Aggregate API).
 *
 * @module
 */
import { type QueryInput, toQueryString } from '../query/index.js';
import {
  checkRecordBody,
  checkStatsBody,
  checkSysId,
  checkTable,
  type DisplayValueMode,
  displayParams,
  fieldsParam,
  type TableRecord,
} from './table/index.js';
import type { RequestExecutor } from './transport/index.js';

/** Options of `client.get()`. */
export interface GetOptions {
  /** Fields to return. @default every field */
  readonly fields?: readonly string[];
  /** @default false */
  readonly displayValue?: DisplayValueMode;
  /** @default true */
  readonly excludeReferenceLink?: boolean;
  /** Cancels the request. */
  readonly signal?: AbortSignal;
}

/** Options of `client.count()`. */
export interface CountOptions {
  /** Cancels the request. */
  readonly signal?: AbortSignal;
}

/**
 * Reads one record by sys_id; `undefined` when the instance answers 404. Options are checked
 * before anything is sent.
 */
export async function readRecord<T = TableRecord>(
  executor: RequestExecutor,
  table: string,
  sysId: string,
  options: GetOptions,
): Promise<T | undefined> {
  const params: Record<string, string> = {
    ...displayParams(options.displayValue, options.excludeReferenceLink),
  };
  if (options.fields !== undefined) params.sysparm_fields = fieldsParam(options.fields);
  const path = `/api/now/table/${checkTable(table)}/${encodeURIComponent(checkSysId(sysId))}`;
  const result = await executor.execute({
    method: 'GET',
    path,
    params: () => params,
    signal: options.signal,
    validate: checkRecordBody,
    allowNotFound: true,
  });
  if (result.notFound) return undefined;
  return (result.body as { result: T }).result;
}

/** Counts the rows matching `query` with `/api/now/stats/{table}?sysparm_count=true`. */
export async function countRecords(
  executor: RequestExecutor,
  table: string,
  query: QueryInput | undefined,
  options: CountOptions,
): Promise<number> {
  const params: Record<string, string> = { sysparm_count: 'true' };
  if (query !== undefined) {
    const text = toQueryString(query);
    if (text !== '') params.sysparm_query = text;
  }
  const result = await executor.execute({
    method: 'GET',
    path: `/api/now/stats/${checkTable(table)}`,
    params: () => params,
    signal: options.signal,
    validate: checkStatsBody,
  });
  return Number((result.body as { result: { stats: { count: string } } }).result.stats.count);
}
