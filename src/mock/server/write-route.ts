/**
 * `POST /api/now[/v1|/v2]/table/{table}` and `PUT|PATCH|DELETE .../table/{table}/{sys_id}`
 * (servicenow-api.md sections 1.1 and 11): writes through the store's mutation API, answered
 * with the record as the API renders it.
 *
 * @module
 */
import { MockDuplicateRecordError, MockUnknownTableError } from '../data/index.js';
import type { MockRecord } from '../types.js';
import { type Answer, errorAnswer, invalidTable, jsonAnswer, noRecordFound } from './answers.js';
import { addJournalEntries, splitJournalValues } from './journal-writes.js';
import { deniedWrite, type WriteMethod } from './read-only.js';
import { renderRecord } from './record-renderer.js';
import { flag, readTableParams } from './request-params.js';
import { type ApiRequest, renderContext } from './table-route.js';
import { writeValues } from './write-values.js';

/** Largest write body the mock reads, in bytes (the Batch API's per-request limit). @internal */
export const MAX_WRITE_BYTES = 5 * 1024 * 1024;

/** A Table API write. @internal */
export interface WriteRequest extends ApiRequest {
  readonly method: WriteMethod;
  /** The authenticated user, stamped into `sys_created_by` / `sys_updated_by`. */
  readonly user: string;
  /** The body as text; `undefined` when it exceeded {@link MAX_WRITE_BYTES}. */
  readonly body: string | undefined;
}

/** Write parameters the mock does not implement: refused rather than ignored. */
const UNSUPPORTED_FLAGS = ['sysparm_input_display_value', 'sysparm_suppress_auto_sys_field'];

function unsupportedFlag(params: URLSearchParams): Answer | undefined {
  const name = UNSUPPORTED_FLAGS.find((candidate) => flag(params, candidate));
  if (name === undefined) return undefined;
  return errorAnswer(
    400,
    `The mock does not support ${name}=true`,
    'The mock stores write values as given (raw values, UTC date-times) and always stamps the system fields',
  );
}

/** 405 for a POST to a record or a PUT/PATCH/DELETE without one. */
function wrongTarget(method: WriteMethod, sysId: string | undefined): Answer {
  const detail =
    sysId === undefined
      ? `${method} needs a record: /table/{table}/{sys_id}`
      : `${method} creates a record: send it to /table/{table}, without a sys_id`;
  return errorAnswer(405, 'Method not Supported', detail);
}

function tooLarge(): Answer {
  return errorAnswer(
    413,
    'Request Entity Too Large',
    `The request body exceeds ${MAX_WRITE_BYTES} bytes`,
  );
}

/** The record as the API renders it, honouring `sysparm_fields` and the display options. */
function renderWritten(
  request: WriteRequest,
  version: string | undefined,
  table: string,
  record: MockRecord,
  status: number,
): Answer {
  const schema = request.store.schema(table)!;
  const params = readTableParams(request.params);
  const context = renderContext(request, version, params, table);
  const result = renderRecord(context, schema, record, params.fields);
  if (status !== 201) return jsonAnswer(status, { result });
  const location = `${context.linkBase}/table/${table}/${record.sys_id ?? ''}`;
  return jsonAnswer(status, { result }, { Location: location });
}

/** Inserts a record; an answer for a duplicate sys_id or a table with no rows of its own. */
function insert(
  request: WriteRequest,
  table: string,
  values: Readonly<Record<string, string>>,
): { readonly record: MockRecord } | { readonly refused: Answer } {
  const { user } = request;
  try {
    const record = request.store.insert(table, {
      ...values,
      sys_created_by: user,
      sys_updated_by: user,
    });
    return { record };
  } catch (error) {
    if (error instanceof MockDuplicateRecordError) {
      const refused = errorAnswer(
        403,
        'Operation Failed',
        `Error during insert of ${table} (${values.sys_id ?? ''}): a record with this sys_id exists`,
      );
      return { refused };
    }
    if (error instanceof MockUnknownTableError) {
      const refused = errorAnswer(
        400,
        `The mock cannot insert into ${table}`,
        `The mock keeps no rows of ${table} itself, only of the tables that extend it: insert there`,
      );
      return { refused };
    }
    throw error;
  }
}

/**
 * A Table API write: 201 with the created record (and `Location`), 200 with the updated
 * record, 204 without body for a delete; 400 for an unknown table or a body that is not a
 * JSON object, 404 for an unknown sys_id, 403 under the `readOnly` fault. @internal
 */
export function answerTableWrite(
  request: WriteRequest,
  version: string | undefined,
  table: string,
  sysId: string | undefined,
): Answer {
  const { store, method } = request;
  if (store.schema(table) === undefined) return invalidTable(table);
  if ((method === 'POST') !== (sysId === undefined)) return wrongTarget(method, sysId);
  const unsupported = unsupportedFlag(request.params);
  if (unsupported !== undefined) return unsupported;
  if (sysId !== undefined && store.get(table, sysId) === undefined) return noRecordFound();
  const denied = deniedWrite(request.faults.faults, table, method);
  if (denied !== undefined) return denied;
  if (method === 'DELETE') {
    store.delete(table, sysId!);
    return { status: 204, body: '' };
  }
  if (request.body === undefined) return tooLarge();
  const parsed = writeValues(request.body, method === 'POST');
  if (!parsed.ok) return errorAnswer(400, 'Exception while reading request', parsed.problem);
  // Journal fields become sys_journal_field entries, not stored values.
  const { values, entries } = splitJournalValues(store.schema(table)!, parsed.values);
  if (sysId !== undefined) {
    const record = store.update(table, sysId, { ...values, sys_updated_by: request.user });
    addJournalEntries(store, table, sysId, entries, request.user);
    return renderWritten(request, version, table, record, 200);
  }
  const created = insert(request, table, values);
  if ('refused' in created) return created.refused;
  addJournalEntries(store, table, created.record.sys_id ?? '', entries, request.user);
  return renderWritten(request, version, table, created.record, 201);
}
