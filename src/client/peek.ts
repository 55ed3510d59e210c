/**
 * `client.peek()`: a few records in one quick request, for checks made before a run (does the
 * instance answer, are the credentials accepted, which fields does a table have).
 *
 * @module
 */
import { type QueryInput, toQueryString } from '../query/index.js';
import {
  checkInteger,
  checkListBody,
  checkTable,
  fieldsParam,
  type TableRecord,
} from './table/index.js';
import { RequestExecutor, RetryPolicy } from './transport/index.js';

/** Options of `client.peek()`. */
export interface PeekOptions {
  /** The selection (`sysparm_query`). @default every record */
  readonly query?: QueryInput;
  /** Fields to return (`sysparm_fields`). @default every field the user may read */
  readonly fields?: readonly string[];
  /**
   * Records asked for (`sysparm_limit`), 1 to 10000. No further page is read.
   * @default 1
   */
  readonly limit?: number;
  /**
   * Time allowed for the one attempt (connection, headers and body), in milliseconds.
   * @default 10000
   */
  readonly timeoutMs?: number;
  /** Cancels the request. */
  readonly signal?: AbortSignal;
}

/** The defaults of {@link PeekOptions}. */
export const DEFAULT_PEEK_OPTIONS = { limit: 1, timeoutMs: 10_000 } as const;

/** One attempt, whatever the client's retry policy says: a check must answer at once. */
const ONE_ATTEMPT = new RetryPolicy({ maxAttempts: 1 });

/**
 * Reads up to `limit` records of `table` in one request, with one attempt and a timeout of its
 * own, through the client's queue, credentials and metrics. Raw values, no reference links.
 * Options are checked before anything is sent.
 */
export async function peekRecords(
  executor: RequestExecutor,
  table: string,
  options: PeekOptions,
): Promise<TableRecord[]> {
  const limit = checkInteger('limit', options.limit ?? DEFAULT_PEEK_OPTIONS.limit, 1, 10_000);
  const timeoutMs = checkInteger(
    'timeoutMs',
    options.timeoutMs ?? DEFAULT_PEEK_OPTIONS.timeoutMs,
    1,
  );
  const params: Record<string, string> = {
    sysparm_limit: String(limit),
    sysparm_display_value: 'false',
    sysparm_exclude_reference_link: 'true',
    sysparm_no_count: 'true',
    sysparm_suppress_pagination_header: 'true',
  };
  if (options.query !== undefined) {
    const text = toQueryString(options.query);
    if (text !== '') params.sysparm_query = text;
  }
  if (options.fields !== undefined) params.sysparm_fields = fieldsParam(options.fields);
  const quick = new RequestExecutor({ ...executor.config, policy: ONE_ATTEMPT, timeoutMs });
  const result = await quick.execute({
    method: 'GET',
    path: `/api/now/table/${checkTable(table)}`,
    params: () => params,
    signal: options.signal,
    validate: checkListBody,
  });
  return (result.body as { result: TableRecord[] }).result;
}
