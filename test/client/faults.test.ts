import { describe, expect, it } from 'vitest';
import {
  HttpError,
  InstanceUnavailableError,
  InvalidResponseError,
  InvalidTableError,
  QueryRejectedError,
  RateLimitError,
  type ServiceNowClient,
  TimeoutError,
} from '../../src/client/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import {
  allSysIds,
  basicClient,
  collect,
  listRequests,
  rejectionOf,
  startMock,
  useMockClient,
} from './mock-harness.js';

let mock: MockServiceNow;
let client: ServiceNowClient;
let keep: (other: ServiceNowClient) => void;
useMockClient(300, (current) => {
  ({ mock, client, keep } = current);
});

const ids = (records: readonly Record<string, unknown>[]) =>
  records.map((r) => String(r.sys_id)).sort();

describe('rate limiting (429)', () => {
  it('waits exactly Retry-After before retrying', async () => {
    mock.setFaults({ rateLimit: { table: 'incident', times: 1, retryAfterSeconds: 1 } });
    expect(await client.count('incident')).toBe(mock.data.count('incident'));
    const [limited, retried] = mock.requests;
    expect(limited?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect((retried?.startedAt ?? 0) - (limited?.endedAt ?? 0)).toBeGreaterThanOrEqual(990);
    expect(client.metrics.rateLimited).toBe(1);
    expect(client.metrics.retries).toBe(1);
    expect(client.metrics.waitMs).toBeGreaterThanOrEqual(1000);
  });

  it('fails at once with retryAfterMs when the wait asked exceeds the cap', async () => {
    mock.setFaults({ rateLimit: { table: 'incident', retryAfterSeconds: 3600 } });
    const error = await rejectionOf(client.count('incident'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect((error as RateLimitError).serviceNowMessage).toBe('Rate limit exceeded');
    expect(mock.requests).toHaveLength(1);
  });

  it('backs off on a bare 429 and reports RateLimitError when it persists', async () => {
    mock.setFaults({ bare429: { table: 'incident', times: 2 } });
    expect(await client.count('incident')).toBe(mock.data.count('incident'));
    expect(mock.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    mock.setFaults({ bare429: true });
    mock.clearRequests();
    const error = (await rejectionOf(client.count('incident'))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.attempts).toBe(4);
    expect(mock.requests).toHaveLength(4);
  });
});

describe('server errors', () => {
  it('retries a burst of 502/503/504', async () => {
    mock.setFaults({ serverErrors: { status: [502, 503, 504], times: 3 } });
    const records = await collect(client.records('incident', { pageSize: 500 }));
    expect(ids(records)).toEqual(allSysIds(mock));
    expect(
      listRequests(mock)
        .map((r) => r.status)
        .slice(0, 4),
    ).toEqual([502, 503, 504, 200]);
    expect(client.metrics.retries).toBe(3);
  });

  it('does not retry a plain 500', async () => {
    mock.setFaults({ serverErrors: { status: 500 } });
    const error = (await rejectionOf(client.count('incident'))) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.status).toBe(500);
    expect(error.serviceNowDetail).toMatch(/unexpected error/);
    expect(mock.requests).toHaveLength(1);
  });

  it('reports persistent 503 proxy pages as InstanceUnavailableError', async () => {
    mock.setFaults({ serverErrors: { status: 503, html: true } });
    const error = (await rejectionOf(client.count('incident'))) as InstanceUnavailableError;
    expect(error).toBeInstanceOf(InstanceUnavailableError);
    expect(error.reason).toBe('status');
    expect(error.status).toBe(503);
    expect(error.attempts).toBe(4);
  });

  it('never reads a hibernation page as rows', async () => {
    mock.setFaults({ hibernate: { times: 1 } });
    const records = await collect(client.records('incident', { pageSize: 500 }));
    expect(ids(records)).toEqual(allSysIds(mock));
    mock.setFaults({ hibernate: true });
    const error = (await rejectionOf(
      collect(client.records('incident')),
    )) as InstanceUnavailableError;
    expect(error).toBeInstanceOf(InstanceUnavailableError);
    expect(error.reason).toBe('html');
    expect(error.status).toBe(200);
    expect(error.attempts).toBe(4);
  });
});

describe('broken bodies', () => {
  it('retries a truncated JSON body and fails with InvalidResponseError when it persists', async () => {
    mock.setFaults({ truncateJson: { table: 'incident', times: 1 } });
    const records = await collect(client.records('incident', { pageSize: 100 }));
    expect(ids(records)).toEqual(allSysIds(mock));
    mock.setFaults({ truncateJson: { table: 'incident' } });
    const error = (await rejectionOf(client.count('incident'))) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.reason).toBe('invalid-json');
  });

  it('halves the page size on a quota cancel, never keeps the partial rows, and grows back', async () => {
    mock.setFaults({ quotaCancel: { table: 'incident', times: 2 } });
    const pages = await collect(
      client.paginate('incident', { pageSize: 80, minPageSize: 10, readAhead: 0 }),
    );
    const records = pages.flatMap((p) => p.records);
    expect(ids(records)).toEqual(allSysIds(mock));
    const limits = listRequests(mock).map((r) => Number(r.query.sysparm_limit));
    expect(limits.slice(0, 6)).toEqual([80, 40, 20, 20, 20, 40]);
    expect(Math.max(...limits.slice(6))).toBe(80);
    expect(pages[0]?.pageSize).toBe(20);
    expect(pages[0]?.attempts).toBe(3);
    expect(client.metrics.pageSizeReductions).toBe(2);
  });

  it('stops halving at minPageSize and reports the cancel', async () => {
    mock.setFaults({ quotaCancel: { table: 'incident' } });
    const error = (await rejectionOf(
      collect(client.paginate('incident', { pageSize: 80, minPageSize: 30 })),
    )) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.reason).toBe('error-body');
    expect(error.serviceNowMessage).toMatch(/Transaction cancelled/);
    expect(listRequests(mock).map((r) => Number(r.query.sysparm_limit))).toEqual([80, 40, 30, 30]);
  });
});

describe('timeouts', () => {
  it('retries a hung request after timeoutMs, with a smaller page', async () => {
    const patient = basicClient(mock, { timeoutMs: 300 });
    keep(patient);
    mock.setFaults({ hangMs: { ms: 5000, table: 'incident', times: 1 } });
    const records = await collect(patient.records('incident', { pageSize: 200 }));
    expect(ids(records)).toEqual(allSysIds(mock));
    expect(
      listRequests(mock)
        .map((r) => Number(r.query.sysparm_limit))
        .slice(0, 2),
    ).toEqual([200, 100]);
  });

  it('fails with TimeoutError when every attempt hangs', async () => {
    const impatient = basicClient(mock, {
      timeoutMs: 150,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    keep(impatient);
    mock.setFaults({ hangMs: 5000 });
    const error = (await rejectionOf(impatient.count('incident'))) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.attempts).toBe(2);
    expect(error.timeoutMs).toBe(150);
    expect(error.message).toMatch(/\/api\/now\/stats\/incident: no response within 150 ms$/);
  });
});

describe('errors that are never retried', () => {
  it('InvalidTableError for an unknown table', async () => {
    const error = (await rejectionOf(collect(client.records('incidnt')))) as InvalidTableError;
    expect(error).toBeInstanceOf(InvalidTableError);
    expect(error.message).toBe(
      `[GET] ${mock.url}/api/now/table/incidnt: 400 Invalid table incidnt`,
    );
    expect(error.url).toContain('sysparm_query=ORDERBYsys_id');
    expect(mock.requests).toHaveLength(1);
  });

  it('QueryRejectedError when a strict instance refuses a query field', async () => {
    const strict = await startMock(10, { strictQueryFields: true });
    const strictClient = basicClient(strict);
    try {
      const error = await rejectionOf(strictClient.count('incident', 'no_such_field=1'));
      expect(error).toBeInstanceOf(QueryRejectedError);
      expect((error as QueryRejectedError).status).toBe(403);
      expect(strict.requests).toHaveLength(1);
    } finally {
      await strictClient.close();
      await strict.close();
    }
  });

  it('get() answers undefined for a missing record (404) and the record otherwise', async () => {
    const [first] = allSysIds(mock);
    const record = await client.get('incident', first ?? '', { fields: ['number', 'sys_id'] });
    expect(Object.keys(record ?? {}).sort()).toEqual(['number', 'sys_id']);
    expect(record?.sys_id).toBe(first);
    expect(await client.get('incident', 'ffffffffffffffffffffffffffffffff')).toBeUndefined();
  });
});
