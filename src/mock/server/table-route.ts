/**
 * `GET|HEAD /api/now[/v1|/v2]/table/{table}[/{sys_id}]` (servicenow-api.md sections 1, 2, 4.3).
 *
 * @module
 */

import type { EncodedQuery } from '../../query/index.js';
import { MockUnsupportedQueryError } from '../data/index.js';
import {
  type MockDataStore,
  type MockRecord,
  type MockSelectResult,
  type MockTableSchema,
  MockUnknownFieldError,
} from '../types.js';
import { hiddenFieldsOf } from './access-faults.js';
import {
  type Answer,
  insufficientQueryRights,
  invalidTable,
  jsonAnswer,
  noRecordFound,
  QUOTA_CANCEL_ERROR,
  unsupportedQuery,
} from './answers.js';
import type { FaultEngine, FaultTarget } from './fault-engine.js';
import type { MockFaultName } from './faults.js';
import { prefetchJournals } from './journal-display.js';
import { buildLinkHeader } from './link-header.js';
import { renderRecordJson } from './record-json.js';
import { renderRecord } from './record-renderer.js';
import type { RenderContext } from './render-context.js';
import { readFilter, readTableParams, type TableParams } from './request-params.js';
import { viewFields } from './ui-views.js';

/** What the API routes need to answer one request. @internal */
export interface ApiRequest {
  readonly store: MockDataStore;
  readonly faults: FaultEngine;
  readonly target: FaultTarget;
  /** Instance base URL, no trailing slash. */
  readonly baseUrl: string;
  readonly path: string;
  /** Query string as sent, without `?`. */
  readonly rawQuery: string;
  readonly params: URLSearchParams;
  /** The user's time zone. */
  readonly timeZone: string;
  /** The instance clock, epoch ms. */
  readonly now: number;
  readonly strictQueryFields: boolean;
}

/**
 * How values of this request are rendered (display mode, links, time zone, and, given the
 * table, the fields the `hiddenFields` fault hides). @internal
 */
export function renderContext(
  request: ApiRequest,
  version: string | undefined,
  params: Pick<TableParams, 'displayMode' | 'excludeReferenceLink'>,
  table?: string,
): RenderContext {
  const context: RenderContext = {
    store: request.store,
    mode: params.displayMode,
    excludeReferenceLink: params.excludeReferenceLink,
    timeZone: request.timeZone,
    linkBase: `${request.baseUrl}/api/now${version ? `/${version}` : ''}`,
    displayCache: new Map(),
  };
  const hidden = table === undefined ? undefined : hiddenFieldsOf(request.faults.faults, table);
  return hidden === undefined ? context : { ...context, hidden };
}

/** `true` when the `shuffleTies` fault reorders this query's ties: it sorts, and not on sys_id. */
function shufflesTies(request: ApiRequest, filter: EncodedQuery): boolean {
  return (
    request.faults.faults.shuffleTies !== undefined &&
    filter.orderBy.length > 0 &&
    !filter.orderBy.some((order) => order.field === 'sys_id')
  );
}

/** The rows a list GET selects, after the `mutateBetweenPages` fault; an answer for a bad query. */
async function selectPage(
  request: ApiRequest,
  table: string,
  schema: MockTableSchema,
  params: TableParams,
): Promise<(MockSelectResult & { readonly shuffled: boolean }) | Answer> {
  const { store, faults } = request;
  let filter: ReturnType<typeof readFilter>;
  try {
    filter = readFilter(request.params, schema);
  } catch (error) {
    if (error instanceof MockUnsupportedQueryError)
      return unsupportedQuery(error.term, error.reason);
    throw error;
  }
  const mutate = faults.faults.mutateBetweenPages;
  if (mutate !== undefined) {
    await mutate(store, {
      table,
      path: request.path,
      params: Object.fromEntries(request.params),
      limit: params.limit,
      offset: params.offset,
      sequence: faults.nextListSequence(),
    });
  }
  const tieSeed = faults.tieSeed();
  try {
    const selected = store.select(table, filter, {
      limit: params.limit,
      offset: params.offset,
      count: !params.noCount,
      timeZone: request.timeZone,
      unknownFields: request.strictQueryFields ? 'reject' : 'ignore',
      now: request.now,
      ...(tieSeed === undefined ? {} : { tieSeed }),
    });
    return { ...selected, shuffled: shufflesTies(request, filter) };
  } catch (error) {
    if (error instanceof MockUnknownFieldError) return insufficientQueryRights();
    if (error instanceof MockUnsupportedQueryError)
      return unsupportedQuery(error.term, error.reason);
    throw error;
  }
}

/** Each visible record as JSON text, and the `aclHidden` fault when it hid or blanked one. */
function renderPage(
  context: RenderContext,
  request: ApiRequest,
  table: string,
  schema: MockTableSchema,
  rows: readonly MockRecord[],
  fields: readonly string[] | undefined,
): { readonly records: string[]; readonly fault: MockFaultName | undefined } {
  const acl = request.faults.faults.aclHidden;
  let fault: MockFaultName | undefined;
  // Each record as JSON text (the bytes JSON.stringify would write for its rendered object).
  const records: string[] = [];
  for (const row of rows) {
    const visibility = acl === undefined ? 'visible' : acl(table, row);
    if (visibility !== 'visible') fault = 'aclHidden';
    if (visibility === 'hidden') continue;
    records.push(visibility === 'blank' ? '{}' : renderRecordJson(context, schema, row, fields));
  }
  return { records, fault };
}

/** `sysparm_fields`, else the fields of `sysparm_view`, else `undefined` (every field). */
function fieldsOf(
  request: ApiRequest,
  table: string,
  params: TableParams,
): readonly string[] | undefined {
  return params.fields ?? viewFields(table, request.params.get('sysparm_view'));
}

/** `X-Total-Count` and the `Link` header of a page, when the count was asked. */
function pageHeaders(
  request: ApiRequest,
  params: TableParams,
  total: number | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (params.noCount || total === undefined) return headers;
  headers['X-Total-Count'] = String(total);
  const link = params.suppressPagination
    ? undefined
    : buildLinkHeader({
        baseUrl: request.baseUrl,
        path: request.path,
        rawQuery: request.rawQuery,
        total,
        limit: params.limit,
        offset: params.offset,
      });
  if (link !== undefined) headers.Link = link;
  return headers;
}

/** A list GET. `version` is `v1`, `v2` or `undefined` (unversioned = latest). @internal */
export async function answerTableList(
  request: ApiRequest,
  version: string | undefined,
  table: string,
): Promise<Answer> {
  const schema = request.store.schema(table);
  if (schema === undefined) return invalidTable(table);
  const params = readTableParams(request.params);
  const selected = await selectPage(request, table, schema, params);
  if (!('rows' in selected)) return selected;
  if (version === 'v1' && selected.rows.length === 0) return noRecordFound();
  const context = renderContext(request, version, params, table);
  const fields = fieldsOf(request, table, params);
  prefetchJournals(context, schema, selected.rows, fields);
  const { records, fault: rowFault } = renderPage(
    context,
    request,
    table,
    schema,
    selected.rows,
    fields,
  );
  const fault =
    rowFault ??
    (context.hidden === undefined ? undefined : 'hiddenFields') ??
    (selected.shuffled ? 'shuffleTies' : undefined);
  const headers = pageHeaders(request, params, selected.total);
  const cancel = request.faults.fire('quotaCancel', request.target);
  if (cancel !== undefined) {
    const kept = records.slice(0, cancel.partialRows ?? Math.floor(records.length / 2));
    const tail = `"error":${JSON.stringify(QUOTA_CANCEL_ERROR)},"status":"failure"`;
    const body = `{"result":[${kept.join(',')}],${tail}}`;
    return { status: cancel.status ?? 200, body, headers, fault: 'quotaCancel' };
  }
  const answer: Answer = { status: 200, body: `{"result":[${records.join(',')}]}`, headers };
  return fault === undefined ? answer : { ...answer, fault };
}

/** A single-record GET: `result` is an object; missing or ACL-hidden -> 404. @internal */
export function answerTableRecord(
  request: ApiRequest,
  version: string | undefined,
  table: string,
  sysId: string,
): Answer {
  const { store } = request;
  const schema = store.schema(table);
  if (schema === undefined) return invalidTable(table);
  const record: MockRecord | undefined = store.get(table, sysId);
  if (record === undefined) return noRecordFound();
  const visibility = request.faults.faults.aclHidden?.(table, record) ?? 'visible';
  if (visibility === 'hidden') return { ...noRecordFound(), fault: 'aclHidden' };
  if (visibility === 'blank') return { ...jsonAnswer(200, { result: {} }), fault: 'aclHidden' };
  const params = readTableParams(request.params);
  const result = renderRecord(
    renderContext(request, version, params, table),
    schema,
    record,
    fieldsOf(request, table, params),
  );
  return jsonAnswer(200, { result });
}
