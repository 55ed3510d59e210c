/**
 * The Batch API: GET, POST, PATCH and DELETE items with base64 bodies, a GET with an IN list
 * of 320 sys_ids, items run as the batch's user through faults and the request log, and the
 * refusals of a malformed batch.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockServiceNow } from '../../src/mock/server/index.js';
import { basicAuth, call, getJson, q, startMock } from '../mock-server/helpers.js';
import type { ErrorBody } from './helpers.js';

interface BatchAnswer {
  readonly batch_request_id?: string;
  readonly serviced_requests: {
    readonly id: string;
    readonly status_code: number;
    readonly status_text: string;
    readonly headers: { readonly name: string; readonly value: string }[];
    readonly body: string;
    readonly execution_time: number;
  }[];
  readonly unserviced_requests: string[];
}

interface Item {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly body?: unknown;
  readonly exclude_response_headers?: boolean;
}

let mock: MockServiceNow;
beforeAll(async () => {
  mock = await startMock({ now: () => Date.UTC(2025, 0, 20, 12, 0, 0), scale: 400 });
});
afterEach(() => mock.setFaults({}));
afterAll(() => mock.close());

const JSON_HEADERS = [
  { name: 'Content-Type', value: 'application/json' },
  { name: 'Accept', value: 'application/json' },
];

function batchBody(items: readonly Item[]): string {
  return JSON.stringify({
    batch_request_id: 'b1',
    rest_requests: items.map(({ body, ...item }) => ({
      ...item,
      headers: JSON_HEADERS,
      ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)).toString('base64') }),
    })),
  });
}

function postBatch(text: string, headers: Record<string, string> = {}): Promise<Response> {
  return call(mock, '/api/now/v1/batch', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: text,
  });
}

async function batch(items: readonly Item[]): Promise<BatchAnswer> {
  const res = await postBatch(batchBody(items));
  expect(res.status).toBe(200);
  return (await res.json()) as BatchAnswer;
}

function decoded<T>(body: string): T {
  return JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as T;
}

describe('Batch API round trips', () => {
  it('answers a GET item with the base64 of the direct answer and its headers', async () => {
    const url = '/api/now/table/sys_user_group?sysparm_limit=3&sysparm_fields=sys_id,name';
    const direct = await getJson<unknown>(mock, url);
    const answer = await batch([{ id: 'g1', method: 'GET', url }]);
    expect(answer.batch_request_id).toBe('b1');
    expect(answer.unserviced_requests).toEqual([]);
    const [item] = answer.serviced_requests;
    expect(item).toMatchObject({ id: 'g1', status_code: 200, status_text: 'OK' });
    expect(typeof item!.execution_time).toBe('number');
    expect(decoded(item!.body)).toEqual(direct.body);
    const headers = new Map(item!.headers.map((h) => [h.name, h.value]));
    expect(headers.get('Content-Type')).toBe('application/json;charset=UTF-8');
    expect(headers.get('X-Total-Count')).toBe(direct.res.headers.get('x-total-count'));
  });

  it('runs POST, PATCH and DELETE items in order; later reads see their effects', async () => {
    const created = await batch([
      {
        id: 'p1',
        method: 'POST',
        url: '/api/now/table/incident',
        body: { short_description: 'batched' },
      },
    ]);
    const [post] = created.serviced_requests;
    expect(post).toMatchObject({ id: 'p1', status_code: 201, status_text: 'Created' });
    const record = decoded<{ result: Record<string, string> }>(post!.body).result;
    expect(record.short_description).toBe('batched');
    expect(record.sys_created_by).toBe(mock.credentials.username);
    const other = mock.data.insert('incident', { short_description: 'to delete in batch' });
    const answer = await batch([
      {
        id: 'u1',
        method: 'PATCH',
        url: `/api/now/table/incident/${record.sys_id}?sysparm_fields=short_description,sys_mod_count`,
        body: { short_description: 'patched in batch' },
      },
      { id: 'd1', method: 'DELETE', url: `/api/now/table/incident/${other.sys_id}` },
      {
        id: 'g1',
        method: 'GET',
        url: `/api/now/table/incident/${other.sys_id}`,
        exclude_response_headers: true,
      },
    ]);
    expect(answer.serviced_requests.map((r) => [r.id, r.status_code, r.status_text])).toEqual([
      ['u1', 200, 'OK'],
      ['d1', 204, 'No Content'],
      ['g1', 404, 'Not Found'],
    ]);
    const [patch, del, get] = answer.serviced_requests;
    expect(decoded(patch!.body)).toEqual({
      result: { short_description: 'patched in batch', sys_mod_count: '1' },
    });
    expect(del!.body).toBe('');
    expect(get!.headers).toEqual([]);
    expect(mock.data.get('incident', record.sys_id!)?.short_description).toBe('patched in batch');
    const audit = await getJson<{ result: unknown[] }>(
      mock,
      `/api/now/table/sys_audit_delete?sysparm_query=${q(`documentkey=${other.sys_id}`)}&sysparm_fields=tablename`,
    );
    expect(audit.body.result).toEqual([{ tablename: 'incident' }]);
  });

  it('answers a GET with an IN list of 320 sys_ids (a query string past 10,000 characters)', async () => {
    const rows = mock.data.select('incident', { groups: [], orderBy: [] }, { limit: 320 }).rows;
    expect(rows).toHaveLength(320);
    const ids = rows.map((row) => row.sys_id!);
    const url = `/api/now/table/incident?sysparm_query=${q(`sys_idIN${ids.join(',')}^ORDERBYsys_id`)}&sysparm_fields=sys_id&sysparm_limit=1000`;
    expect(url.length).toBeGreaterThan(10_000);
    const answer = await batch([{ id: 'in', method: 'GET', url }]);
    const [item] = answer.serviced_requests;
    expect(item!.status_code).toBe(200);
    const result = decoded<{ result: { sys_id: string }[] }>(item!.body).result;
    expect(result.map((r) => r.sys_id)).toEqual([...ids].sort());
  });

  it('logs each item after the batch, as the batch user, in its session', async () => {
    mock.clearRequests();
    await batch([
      { id: 'a', method: 'GET', url: '/api/now/table/sys_user_group?sysparm_limit=1' },
      { id: 'b', method: 'GET', url: '/api/now/stats/incident?sysparm_count=true' },
    ]);
    const [outer, a, b] = mock.requests;
    expect(mock.requests).toHaveLength(3);
    expect([outer!.path, outer!.status, outer!.batch]).toEqual([
      '/api/now/v1/batch',
      200,
      undefined,
    ]);
    for (const inner of [a!, b!]) {
      expect(inner.batch).toBe(outer!.id);
      expect(inner.user).toBe(mock.credentials.username);
      expect(inner.session).toBe(outer!.session);
    }
    expect([a!.path, a!.table, b!.path, b!.table]).toEqual([
      '/api/now/table/sys_user_group',
      'sys_user_group',
      '/api/now/stats/incident',
      'incident',
    ]);
  });

  it('applies faults to items: a 503 burst, readOnly', async () => {
    mock.setFaults({ serverErrors: { table: 'incident', times: 1 }, readOnly: true });
    const answer = await batch([
      { id: 'e', method: 'GET', url: '/api/now/table/incident?sysparm_limit=1' },
      { id: 'w', method: 'POST', url: '/api/now/table/incident', body: {} },
      { id: 'ok', method: 'GET', url: '/api/now/table/incident?sysparm_limit=1' },
    ]);
    expect(answer.serviced_requests.map((r) => [r.id, r.status_code])).toEqual([
      ['e', 503],
      ['w', 403],
      ['ok', 200],
    ]);
    expect(decoded<ErrorBody>(answer.serviced_requests[1]!.body).error.message).toBe(
      'Operation Failed',
    );
  });

  it('runs items inside a serialized session without waiting on itself', async () => {
    await using own = await startMock({ serializeSessions: true });
    const first = await fetch(`${own.url}/api/now/table/sys_user_group?sysparm_limit=1`, {
      headers: { Accept: 'application/json', Authorization: basicAuth(own) },
    });
    await first.arrayBuffer();
    const cookie = first.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const res = await fetch(`${own.url}/api/now/batch`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', Cookie: cookie },
      body: batchBody([{ id: 'x', method: 'GET', url: '/api/now/table/sys_user?sysparm_limit=1' }]),
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as BatchAnswer;
    expect(answer.serviced_requests.map((r) => r.status_code)).toEqual([200]);
    expect(own.requests.at(-1)?.session).toBe(own.requests[0]?.session);
  });
});

describe('Batch API refusals', () => {
  it('401 without credentials, and no item runs', async () => {
    mock.clearRequests();
    const res = await fetch(`${mock.url}/api/now/v1/batch`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: batchBody([{ id: 'x', method: 'DELETE', url: '/api/now/table/incident/x' }]),
    });
    expect(res.status).toBe(401);
    expect(mock.requests).toHaveLength(1);
  });

  it('400 for a malformed batch', async () => {
    const bodies = [
      'not json',
      '[]',
      '{"batch_request_id":"1"}',
      '{"rest_requests":[{"id":"1","url":"/api/now/table/incident"}]}',
      '{"rest_requests":[{"id":"1","method":"GET","url":"api/now/table/incident"}]}',
      '{"rest_requests":[{"id":"1","method":"POST","url":"/api/now/table/incident","body":"{not base64}"}]}',
      '{"rest_requests":[{"id":"1","method":"GET","url":"/api/now/table/incident","headers":{"Accept":"x"}}]}',
    ];
    for (const text of bodies) {
      const res = await postBatch(text);
      expect(res.status, text).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.message).toBe('Invalid batch request');
    }
    const detail = ((await (await postBatch(bodies[3]!)).json()) as ErrorBody).error.detail;
    expect(detail).toContain('rest_requests[0].method');
  });

  it('405 for GET on the batch path; a nested batch item is answered 400', async () => {
    expect((await call(mock, '/api/now/v1/batch')).status).toBe(405);
    const answer = await batch([
      { id: 'n', method: 'POST', url: '/api/now/v1/batch', body: { rest_requests: [] } },
    ]);
    expect(answer.serviced_requests.map((r) => r.status_code)).toEqual([400]);
  });
});
