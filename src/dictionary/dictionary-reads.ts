/**
 * The requests discovery makes: the first page of a selection, every record of one, and the
 * 403 they may meet turned into the error that says what to grant.
 *
 * @module
 */
import { PermissionError, type ServiceNowClient, type TableRecord } from '../client/index.js';
import { DictionaryAccessError, TableAccessError } from './discovery-errors.js';

/** What discovery needs of a client. */
export type DiscoveryClient = Pick<ServiceNowClient, 'paginate'>;

/** One selection to read. @internal */
export interface DictionaryRead {
  readonly table: string;
  readonly query: string;
  readonly fields: readonly string[];
  readonly signal: AbortSignal | undefined;
}

const ROLE_IN_DETAIL = /requires role ([A-Za-z0-9_.]+)/;

/** The role a 403 names (`Read access to x denied: requires role itil`), when it names one. */
function roleOf(error: PermissionError): string | undefined {
  return ROLE_IN_DETAIL.exec(error.serviceNowDetail ?? error.serviceNowMessage ?? '')?.[1];
}

/** `error` as the access error of a dictionary table, when it is a 403. @internal */
export function dictionaryDenied(table: string, error: unknown): unknown {
  return error instanceof PermissionError
    ? new DictionaryAccessError({ table, role: roleOf(error), cause: error })
    : error;
}

/** `error` as the access error of the data table, when it is a 403. @internal */
export function tableDenied(table: string, error: unknown, guess: string | undefined): unknown {
  return error instanceof PermissionError
    ? new TableAccessError({ table, role: roleOf(error) ?? guess, cause: error })
    : error;
}

/**
 * The records of the first page of a selection, in one request (`sysparm_limit` = `limit`,
 * nothing read ahead, paging stopped after it). @internal
 */
export async function firstPage(
  client: DiscoveryClient,
  read: DictionaryRead,
  limit: number,
): Promise<readonly TableRecord[]> {
  for await (const page of client.paginate(read.table, {
    query: read.query,
    fields: read.fields,
    pageSize: limit,
    strategy: 'offset',
    readAhead: 0,
    ...(read.signal === undefined ? {} : { signal: read.signal }),
  })) {
    return page.records;
  }
  return [];
}

/** Every record of a selection, paged by the client. @internal */
export async function allRecords(
  client: DiscoveryClient,
  read: DictionaryRead,
): Promise<TableRecord[]> {
  const records: TableRecord[] = [];
  for await (const page of client.paginate(read.table, {
    query: read.query,
    fields: read.fields,
    pageSize: 1000,
    ...(read.signal === undefined ? {} : { signal: read.signal }),
  })) {
    records.push(...page.records);
  }
  return records;
}
