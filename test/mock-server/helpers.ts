/**
 * Shared helpers of the mock-server tests: start a mock, call it with auth, parse answers.
 */
import {
  createMockServiceNow,
  type MockServiceNow,
  type MockServiceNowOptions,
} from '../../src/mock/server/index.js';
import type { MockRecord } from '../../src/mock/types.js';

/** Starts a small mock (closed by the caller, usually in afterAll / `await using`). */
export function startMock(options: MockServiceNowOptions = {}): Promise<MockServiceNow> {
  return createMockServiceNow({ seed: 7, scale: 60, ...options });
}

/** `Authorization: Basic ...` for the mock's integration user. */
export function basicAuth(mock: MockServiceNow): string {
  const { username, password } = mock.credentials;
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** GET (or another method) with the integration user's Basic auth and `Accept: application/json`. */
export function call(
  mock: MockServiceNow,
  pathAndQuery: string,
  init: RequestInit & { headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${mock.url}${pathAndQuery}`, {
    ...init,
    headers: { Accept: 'application/json', Authorization: basicAuth(mock), ...init.headers },
  });
}

/** GET and parse JSON, failing loudly on a non-JSON answer. */
export async function getJson<T = unknown>(
  mock: MockServiceNow,
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<{ res: Response; body: T }> {
  const res = await call(mock, pathAndQuery, { headers });
  const text = await res.text();
  return { res, body: JSON.parse(text) as T };
}

/** A `sysparm_query` value, percent-encoded. */
export function q(text: string): string {
  return encodeURIComponent(text);
}

/** Inserts an incident with the given fields and returns the stored row. */
export function insertIncident(
  mock: MockServiceNow,
  values: Readonly<Record<string, string>>,
): MockRecord {
  return mock.data.insert('incident', values);
}
