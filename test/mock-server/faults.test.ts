/**
 * Every fault switch, fault scopes, and the request log.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockListRequestInfo, MockServiceNow } from '../../src/mock/server/index.js';
import { call, getJson, insertIncident, q, startMock } from './helpers.js';

const CLOCK = Date.UTC(2025, 0, 20, 12, 0, 0);
const LIST = '/api/now/table/sys_user_group?sysparm_limit=4';
let mock: MockServiceNow;

beforeAll(async () => {
  mock = await startMock({ now: () => CLOCK });
});
afterEach(() => mock.setFaults({}));
afterAll(() => mock.close());

async function statuses(count: number, path = LIST): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const res = await call(mock, path);
    await res.arrayBuffer();
    out.push(res.status);
  }
  return out;
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('429 faults', () => {
  it('rateLimit: Retry-After, X-RateLimit-* headers and the documented body', async () => {
    mock.setFaults({
      rateLimit: { times: 1, retryAfterSeconds: 3, limit: 500, rule: 'r'.repeat(32) },
    });
    const res = await call(mock, LIST);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('x-ratelimit-limit')).toBe('500');
    expect(res.headers.get('x-ratelimit-reset')).toBe(String(CLOCK / 1000 + 3));
    expect(res.headers.get('x-ratelimit-rule')).toBe('r'.repeat(32));
    expect(await res.json()).toEqual({
      error: {
        message: 'Rate limit exceeded',
        detail: 'Rate limit of 500 requests per hour for Table API exceeded',
      },
      status: 'failure',
    });
    expect(mock.requests.at(-1)?.fault).toBe('rateLimit');
    expect(await statuses(1)).toEqual([200]);
  });

  it('bare429: a 429 without rate-limit headers', async () => {
    mock.setFaults({ bare429: true });
    const res = await call(mock, LIST);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(res.headers.get('x-ratelimit-limit')).toBeNull();
    expect(mock.requests.at(-1)?.fault).toBe('bare429');
  });

  it('requestsPerSecond: the excess of a burst is answered 429', async () => {
    mock.setFaults({ requestsPerSecond: { limit: 2, withHeaders: true } });
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(mock, LIST)));
    const codes = answers.map((res) => res.status);
    expect(codes.filter((code) => code === 200).length).toBeGreaterThanOrEqual(2);
    const refused = answers.filter((res) => res.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.headers.get('retry-after')).toBe('1');
    const logged = mock.requests.slice(-6).filter((entry) => entry.status === 429);
    expect(logged.every((entry) => entry.fault === 'requestsPerSecond')).toBe(true);
  });
});

describe('5xx and broken answers', () => {
  it('serverErrors: a burst of the given statuses in turn, then recovery', async () => {
    mock.setFaults({ serverErrors: { status: [500, 502, 503, 504], times: 4 } });
    const answers: Response[] = [];
    for (let i = 0; i < 5; i += 1) answers.push(await call(mock, LIST));
    expect(answers.map((res) => res.status)).toEqual([500, 502, 503, 504, 200]);
    const body = (await answers[0]!.json()) as { error: { message: string }; status: string };
    expect(body.status).toBe('failure');
    expect(body.error.message).toBeTruthy();
  });

  it('serverErrors with html: a proxy page for 502/503', async () => {
    mock.setFaults({ serverErrors: { status: 502, html: true, times: 1 } });
    const res = await call(mock, LIST);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/^<html>/);
  });

  it('hibernate: 200 text/html with the hibernating page, even without credentials', async () => {
    mock.setFaults({ hibernate: true });
    const res = await fetch(`${mock.url}${LIST}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('instance-hibernating-page');
    const token = await fetch(`${mock.url}/oauth_token.do`, { method: 'POST' });
    expect(token.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('truncateJson: 200 application/json whose body does not parse', async () => {
    mock.setFaults({ truncateJson: { times: 1 } });
    const res = await call(mock, LIST);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const text = await res.text();
    expect(text.startsWith('{"result":[')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
    expect(mock.requests.at(-1)?.fault).toBe('truncateJson');
  });

  it('quotaCancel: 200 with a partial result and a top-level error', async () => {
    mock.setFaults({ quotaCancel: { partialRows: 1 } });
    const { res, body } = await getJson<{
      result: unknown[];
      error: { message: string; detail: string };
    }>(mock, LIST);
    expect(res.status).toBe(200);
    expect(body.result).toHaveLength(1);
    expect(body.error.message).toBe('Transaction cancelled: maximum execution time exceeded');
    expect(body.error.detail).toContain('Transaction cancelled');
  });
});

describe('delays', () => {
  it('latencyMs delays the answer by at least that long', async () => {
    mock.setFaults({ latencyMs: 60, jitterMs: 20 });
    const res = await call(mock, LIST);
    expect(res.status).toBe(200);
    const entry = mock.requests.at(-1)!;
    expect(entry.endedAt! - entry.startedAt).toBeGreaterThanOrEqual(59);
    expect(entry.fault).toBe('latencyMs');
  });

  it('hangMs outlasts the client timeout; the request is logged as unanswered', async () => {
    mock.setFaults({ hangMs: 60_000 });
    const failure = await call(mock, LIST, { signal: AbortSignal.timeout(150) }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    const entry = mock.requests.at(-1)!;
    await waitFor(() => entry.endedAt !== undefined);
    expect(entry.status).toBe(0);
  });
});

describe('fault scopes', () => {
  it('table scope and skip/times', async () => {
    mock.setFaults({ serverErrors: { table: 'sys_user', skip: 1, times: 2 } });
    expect(await statuses(2)).toEqual([200, 200]);
    expect(await statuses(4, '/api/now/table/sys_user?sysparm_limit=1')).toEqual([
      200, 503, 503, 200,
    ]);
  });

  it('path scope is matched against path and query string', async () => {
    mock.setFaults({ bare429: { path: /sysparm_offset=4\b/ } });
    expect(await statuses(1, `${LIST}&sysparm_offset=0`)).toEqual([200]);
    expect(await statuses(1, `${LIST}&sysparm_offset=4`)).toEqual([429]);
  });

  it('probability draws from a seeded generator: the same seed gives the same run', async () => {
    const run = async () => {
      mock.setFaults({ seed: 99, bare429: { probability: 0.5 } });
      return statuses(16);
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(200);
    expect(first).toContain(429);
  });
});

describe('data hooks', () => {
  const MARK = 'mutation fixture';
  const query = `sysparm_query=${q(`short_description=${MARK}^ORDERBYnumber`)}&sysparm_fields=number`;

  it('mutateBetweenPages runs before each list answer; offset paging then skips a row', async () => {
    const rows = ['M01', 'M02', 'M03', 'M04', 'M05', 'M06'].map((suffix) =>
      insertIncident(mock, { number: `INC8${suffix}`, short_description: MARK }),
    );
    const calls: MockListRequestInfo[] = [];
    mock.setFaults({
      mutateBetweenPages: (store, info) => {
        calls.push(info);
        if (info.sequence === 2) store.delete('incident', rows[0]!.sys_id!);
      },
    });
    const seen: string[] = [];
    for (let offset = 0; offset < 6; offset += 2) {
      const { body } = await getJson<{ result: { number: string }[] }>(
        mock,
        `/api/now/table/incident?${query}&sysparm_limit=2&sysparm_offset=${offset}`,
      );
      seen.push(...body.result.map((row) => row.number));
    }
    expect(calls.map((info) => [info.sequence, info.offset, info.limit, info.table])).toEqual([
      [1, 0, 2, 'incident'],
      [2, 2, 2, 'incident'],
      [3, 4, 2, 'incident'],
    ]);
    // The row that slid from offset 2 to offset 1 was never sent.
    expect(seen).not.toContain('INC8M03');
    expect(seen).toHaveLength(5);
  });

  it('aclHidden: hidden rows shorten the page, blank rows come as {}, the count is untouched', async () => {
    const fixture = ['A1', 'A2', 'A3', 'A4'].map((suffix) =>
      insertIncident(mock, { number: `INC7${suffix}`, short_description: 'acl fixture' }),
    );
    mock.setFaults({
      aclHidden: (_table, row) =>
        row.number === 'INC7A2' ? 'hidden' : row.number === 'INC7A3' ? 'blank' : 'visible',
    });
    const aclQuery = `sysparm_query=${q('short_description=acl fixture^ORDERBYnumber')}&sysparm_fields=number`;
    const { res, body } = await getJson<{ result: Record<string, string>[] }>(
      mock,
      `/api/now/table/incident?${aclQuery}&sysparm_limit=4`,
    );
    expect(res.headers.get('x-total-count')).toBe('4');
    expect(body.result).toEqual([{ number: 'INC7A1' }, {}, { number: 'INC7A4' }]);
    const hidden = await call(mock, `/api/now/table/incident/${fixture[1]!.sys_id}`);
    expect(hidden.status).toBe(404);
    const blank = await getJson(mock, `/api/now/table/incident/${fixture[2]!.sys_id}`);
    expect(blank.body).toEqual({ result: {} });
  });
});

describe('request log', () => {
  it('records each request with its fields, and clears in place', async () => {
    const log = mock.requests;
    mock.clearRequests();
    expect(log).toHaveLength(0);
    await call(mock, `${LIST}&sysparm_fields=name`);
    await fetch(`${mock.url}${LIST}`);
    expect(log).toHaveLength(2);
    const [ok, denied] = log;
    expect(ok).toMatchObject({
      method: 'GET',
      path: '/api/now/table/sys_user_group',
      query: { sysparm_limit: '4', sysparm_fields: 'name' },
      table: 'sys_user_group',
      status: 200,
      user: mock.credentials.username,
      fault: undefined,
    });
    expect(ok!.session).toMatch(/^[0-9A-F]{32}$/);
    expect(ok!.inFlight).toBeGreaterThanOrEqual(1);
    expect(ok!.endedAt).toBeGreaterThanOrEqual(ok!.startedAt);
    expect(denied!.id).toBe(ok!.id + 1);
    expect(denied!.status).toBe(401);
    expect(denied!.session).toBeUndefined();
  });

  it('counts requests in flight at arrival', async () => {
    mock.setFaults({ hangMs: { ms: 60_000, times: 1 } });
    mock.clearRequests();
    const stop = new AbortController();
    const hanging = call(mock, LIST, { signal: stop.signal }).catch((error: unknown) => error);
    await waitFor(() => mock.requests.length === 1);
    await statuses(1);
    expect(mock.requests.map((entry) => entry.inFlight)).toEqual([1, 2]);
    stop.abort();
    await hanging;
  });
});
