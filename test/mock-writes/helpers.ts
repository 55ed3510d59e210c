/**
 * Shared helpers of the write and Batch API tests: JSON writes with the integration user's
 * Basic auth, and the answers' shapes.
 */
import type { MockServiceNow } from '../../src/mock/server/index.js';
import { call } from '../mock-server/helpers.js';

/** The standard error body. */
export interface ErrorBody {
  readonly error: { readonly message: string; readonly detail: string | null };
  readonly status: string;
}

/** A single-record answer. */
export interface RecordBody<T = Record<string, unknown>> {
  readonly result: T;
}

/** A write with a JSON body (a string is sent as is). */
export function write(
  mock: MockServiceNow,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  pathAndQuery: string,
  body?: unknown,
): Promise<Response> {
  return call(mock, pathAndQuery, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** A write whose answer is JSON, parsed. */
export async function writeJson<T>(
  mock: MockServiceNow,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  pathAndQuery: string,
  body?: unknown,
): Promise<{ res: Response; body: T }> {
  const res = await write(mock, method, pathAndQuery, body);
  return { res, body: JSON.parse(await res.text()) as T };
}
