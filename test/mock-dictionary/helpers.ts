/**
 * Helpers of the mock-dictionary tests: read the mock's Table API with a plain fetch, and
 * discover a table the way a client must on a real instance (walk `super_class`, then read
 * the dictionary of the whole chain).
 */
import { expect } from 'vitest';
import type { MockServiceNow } from '../../src/mock/index.js';

/** One record as the Table API returns it with `sysparm_display_value=false`. */
export type Row = Record<string, string>;

/** GET a Table API path (with the integration user's Basic auth): status and parsed body. */
export async function get(
  mock: MockServiceNow,
  pathAndQuery: string,
): Promise<{
  status: number;
  body: { result?: Row[]; error?: { message: string; detail: string } };
}> {
  const { username, password } = mock.credentials;
  const res = await fetch(`${mock.url}${pathAndQuery}`, {
    headers: {
      Accept: 'application/json',
      Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
    },
  });
  return { status: res.status, body: (await res.json()) as never };
}

/** The rows of a list GET of `table` with an encoded query, failing on any non-200. */
export async function rows(
  mock: MockServiceNow,
  table: string,
  query: string,
  extra = '',
): Promise<Row[]> {
  const params = new URLSearchParams({
    sysparm_query: query,
    sysparm_limit: '10000',
    sysparm_exclude_reference_link: 'true',
  });
  for (const [name, value] of new URLSearchParams(extra)) params.set(name, value);
  const { status, body } = await get(mock, `/api/now/table/${table}?${params}`);
  expect(status, `${table}?${query}`).toBe(200);
  return body.result ?? [];
}

/** The class chain of a table through `sys_db_object.super_class`, the table first. */
export async function chainOf(mock: MockServiceNow, table: string): Promise<string[]> {
  const chain: string[] = [];
  let next = await rows(mock, 'sys_db_object', `name=${table}`, '&sysparm_fields=name,super_class');
  while (next.length === 1) {
    const row = next[0] as Row;
    chain.push(row.name as string);
    if (row.super_class === '' || chain.length > 10) break;
    next = await rows(
      mock,
      'sys_db_object',
      `sys_id=${row.super_class}`,
      '&sysparm_fields=name,super_class',
    );
  }
  return chain;
}

/** The dictionary rows of a chain, as a client reads them (collection rows excluded). */
export function dictionaryOf(mock: MockServiceNow, chain: readonly string[]): Promise<Row[]> {
  return rows(mock, 'sys_dictionary', `nameIN${chain.join(',')}^active=true^elementISNOTEMPTY`);
}
