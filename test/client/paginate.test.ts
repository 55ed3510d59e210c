import { describe, expect, it, vi } from 'vitest';
import type { Page, ServiceNowClient } from '../../src/client/index.js';
import type { MockDataStore, MockListRequestInfo, MockServiceNow } from '../../src/mock/index.js';
import {
  allSysIds,
  basicClient,
  collect,
  delay,
  listRequests,
  rejectionOf,
  useMockClient,
} from './mock-harness.js';

let mock: MockServiceNow;
let client: ServiceNowClient;
let keep: (other: ServiceNowClient) => void;
useMockClient(300, (current) => {
  ({ mock, client, keep } = current);
});

const idOf = (record: Record<string, unknown>) => {
  const value = record.sys_id;
  return typeof value === 'object' && value !== null
    ? String((value as { value: string }).value)
    : String(value);
};
const ids = (records: readonly Record<string, unknown>[]) => records.map(idOf);
const duplicates = (values: readonly string[]) => values.filter((v, i) => values.indexOf(v) !== i);

describe('keyset paging', () => {
  it('reads every row once, with the documented parameters, stopping only on an empty page', async () => {
    const pages = await collect(client.paginate('incident', { pageSize: 70, fields: ['number'] }));
    expect(ids(pages.flatMap((p) => p.records)).sort()).toEqual(allSysIds(mock));
    expect(pages.map((p) => p.index)).toEqual(pages.map((_, i) => i));
    const requests = listRequests(mock);
    expect(requests).toHaveLength(pages.length + 1);
    expect(requests[0]?.query).toMatchObject({
      sysparm_query: 'ORDERBYsys_id',
      sysparm_limit: '70',
      sysparm_fields: 'number,sys_id',
      sysparm_no_count: 'true',
      sysparm_suppress_pagination_header: 'true',
      sysparm_exclude_reference_link: 'true',
      sysparm_display_value: 'false',
    });
    const lastOfFirst = pages[0]?.records.at(-1)?.sys_id;
    expect(requests[1]?.query.sysparm_query).toBe(`sys_id>${lastOfFirst}^ORDERBYsys_id`);
    expect(Object.keys(pages[0]?.records[0] ?? {}).sort()).toEqual(['number', 'sys_id']);
  });

  it('repeats the filter in every ^NQ group', async () => {
    const query = 'priority=1^NQpriority=2';
    const expected = [...mock.data.rows('incident')]
      .filter((r) => r.priority === '1' || r.priority === '2')
      .map((r) => r.sys_id);
    const records = await collect(client.records('incident', { query, pageSize: 25 }));
    expect(ids(records).sort()).toEqual(expected.sort());
    const second = listRequests(mock)[1]?.query.sysparm_query ?? '';
    expect(second).toMatch(/^priority=1\^sys_id>\w+\^NQpriority=2\^sys_id>\w+\^ORDERBYsys_id$/);
  });

  it('does not stop on short pages (rows hidden by ACLs after the limit)', async () => {
    const hidden = (row: Record<string, string>) => (row.number ?? '').endsWith('3');
    mock.setFaults({ aclHidden: (_table, row) => (hidden(row) ? 'hidden' : 'visible') });
    const records = await collect(client.records('incident', { pageSize: 40 }));
    const visible = [...mock.data.rows('incident')].filter((r) => !hidden(r)).map((r) => r.sys_id);
    expect(ids(records).sort()).toEqual(visible.sort());
  });

  it('counts and skips {} rows', async () => {
    const blank = (row: Record<string, string>) => (row.number ?? '').endsWith('7');
    mock.setFaults({ aclHidden: (_table, row) => (blank(row) ? 'blank' : 'visible') });
    const pages = await collect(client.paginate('incident', { pageSize: 40 }));
    const expectedBlank = [...mock.data.rows('incident')].filter(blank).length;
    expect(pages.reduce((sum, p) => sum + p.blankRows, 0)).toBe(expectedBlank);
    expect(client.metrics.blankRows).toBe(expectedBlank);
    expect(pages.flatMap((p) => p.records).every((r) => typeof r.sys_id === 'string')).toBe(true);
    expect(pages.flatMap((p) => p.records)).toHaveLength(
      mock.data.count('incident') - expectedBlank,
    );
  });

  it('stops and flags a page whose rows are all {} (the cursor cannot advance)', async () => {
    mock.setFaults({ aclHidden: () => 'blank' });
    const pages = await collect(client.paginate('incident', { pageSize: 40 }));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ stalled: true, rawCount: 40, blankRows: 40, records: [] });
    expect(listRequests(mock)).toHaveLength(1);
    expect(client.metrics.stalls).toBe(1);
  });

  it("works with displayValue 'all' (sys_id as {display_value, value})", async () => {
    const records = await collect(
      client.records('incident', { pageSize: 120, displayValue: 'all', fields: ['number'] }),
    );
    expect(ids(records).sort()).toEqual(allSysIds(mock));
    expect(records[0]?.number).toMatchObject({
      value: expect.any(String),
      display_value: expect.any(String),
    });
  });

  it('reads parallel partitions, each row exactly once, within the in-flight cap', async () => {
    const capped = basicClient(mock, { rateLimit: { maxInFlight: 2 } });
    keep(capped);
    mock.setFaults({ latencyMs: 10 });
    const pages = await collect(capped.paginate('incident', { pageSize: 20, partitions: 6 }));
    const seen = ids(pages.flatMap((p) => p.records));
    expect(duplicates(seen)).toEqual([]);
    expect(seen.sort()).toEqual(allSysIds(mock));
    expect(new Set(pages.map((p) => p.partition))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    const inFlight = listRequests(mock).map((r) => r.inFlight);
    expect(Math.max(...inFlight)).toBe(2);
    expect(listRequests(mock)[0]?.query.sysparm_query).toMatch(/^sys_id<[0-9a-f]\^ORDERBYsys_id$/);
  });

  it('keeps the in-flight cap across everything sharing the client, derived clients included', async () => {
    const capped = basicClient(mock, { rateLimit: { maxInFlight: 3 } });
    const derived = capped.withOptions({ timeoutMs: 30_000 });
    keep(capped);
    keep(derived);
    mock.setFaults({ latencyMs: 10 });
    await Promise.all([
      collect(capped.paginate('incident', { pageSize: 30, partitions: 4 })),
      collect(derived.paginate('incident', { pageSize: 30, partitions: 4 })),
      ...Array.from({ length: 6 }, () => derived.count('incident')),
    ]);
    expect(Math.max(...mock.requests.map((r) => r.inFlight))).toBe(3);
    expect(capped.metrics.requests).toBe(mock.requests.length);
    expect(derived.metrics.requests).toBeLessThan(capped.metrics.requests);
  });
});

describe('read-ahead and cancellation', () => {
  it('requests page n+1 while the caller still handles page n, and no further (bounded)', async () => {
    const iterator = client.paginate('incident', { pageSize: 30 })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    // The caller has not asked for page 1, yet its request is made...
    await vi.waitFor(() => expect(listRequests(mock)).toHaveLength(2), { timeout: 5000 });
    // ...and nothing beyond it while page 0 is being handled.
    await delay(100);
    expect(listRequests(mock)).toHaveLength(2);
    await iterator.return?.();
  });

  it('a break aborts the in-flight read-ahead request and starts no other', async () => {
    mock.setFaults({ latencyMs: 300 });
    let pagesSeen = 0;
    for await (const page of client.paginate('incident', { pageSize: 30, readAhead: 1 })) {
      pagesSeen++;
      expect(page.records.length).toBeGreaterThan(0);
      await vi.waitFor(() => expect(listRequests(mock)).toHaveLength(2), { timeout: 5000 });
      break;
    }
    expect(pagesSeen).toBe(1);
    const atBreak = mock.requests.length;
    await delay(400);
    expect(mock.requests.length).toBe(atBreak);
    const aborted = listRequests(mock)[1];
    expect(aborted?.endedAt).toBeDefined();
    expect(aborted?.status).toBe(0);
  });

  it('an AbortSignal cancels paging with its reason, and no request starts afterwards', async () => {
    mock.setFaults({ latencyMs: 50 });
    const controller = new AbortController();
    const reason = new Error('stop now');
    const pages: Page[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const page of client.paginate('incident', {
          pageSize: 30,
          signal: controller.signal,
        })) {
          pages.push(page);
          if (pages.length === 2) controller.abort(reason);
        }
      })(),
    );
    expect(error).toBe(reason);
    // Requests are counted by the client when an attempt starts (the server may log the last
    // one a moment after the abort, then sees the connection closed).
    const afterAbort = client.metrics.requests;
    await delay(150);
    expect(client.metrics.requests).toBe(afterAbort);
    expect(
      await rejectionOf(client.count('incident', undefined, { signal: controller.signal })),
    ).toBe(reason);
    expect(client.metrics.requests).toBe(afterAbort);
    expect(mock.requests.length).toBeLessThanOrEqual(afterAbort);
  });

  it('records() stops requesting when the caller breaks', async () => {
    let n = 0;
    for await (const _ of client.records('incident', { pageSize: 50 })) {
      if (++n === 10) break;
    }
    const atBreak = client.metrics.requests;
    await delay(100);
    expect(client.metrics.requests).toBe(atBreak);
    expect(atBreak).toBeLessThanOrEqual(2);
    expect(mock.requests.length).toBeLessThanOrEqual(atBreak);
  });
});

describe('offset paging, and why keyset is the default', () => {
  it('offset reads every row once when nothing changes', async () => {
    const pages = await collect(client.paginate('incident', { pageSize: 70, strategy: 'offset' }));
    expect(ids(pages.flatMap((p) => p.records)).sort()).toEqual(allSysIds(mock));
    expect(listRequests(mock).map((r) => r.query.sysparm_offset)).toEqual(
      pages.map((_, i) => String(i * 70)).concat(String(pages.length * 70)),
    );
  });

  it('proof: rows inserted and deleted during paging -> keyset exact, offset skips and repeats', async () => {
    let run = 0;
    const snapshot = (rows: readonly string[]) => new Set(rows);
    const mutate =
      (kind: 'delete' | 'insert') => (data: MockDataStore, request: MockListRequestInfo) => {
        if (request.sequence !== 3) return;
        const live = [...data.rows('incident')].map((r) => r.sys_id ?? '');
        if (kind === 'delete') {
          // Rows from the region already read, and from the region not read yet.
          for (const id of [...live.slice(0, 12), ...live.slice(-5)]) data.delete('incident', id);
        } else {
          run++;
          for (let i = 0; i < 12; i++) {
            const sysId = `0000000000000000000000000${String(run).padStart(3, '0')}${String(i).padStart(4, '0')}`;
            data.insert('incident', {
              sys_id: sysId,
              number: `INC9${run}${String(i).padStart(5, '0')}`,
            });
          }
        }
      };
    const read = async (strategy: 'keyset' | 'offset', kind: 'delete' | 'insert') => {
      const before = snapshot(allSysIds(mock));
      mock.setFaults({ mutateBetweenPages: mutate(kind) });
      const seen = ids(await collect(client.records('incident', { pageSize: 25, strategy })));
      const after = snapshot(allSysIds(mock));
      const throughout = [...before].filter((id) => after.has(id));
      mock.setFaults({});
      return { seen, throughout };
    };
    const missing = (r: { seen: string[]; throughout: string[] }) =>
      r.throughout.filter((id) => !r.seen.includes(id));

    for (const kind of ['delete', 'insert'] as const) {
      const keyset = await read('keyset', kind);
      expect(duplicates(keyset.seen), `keyset ${kind}`).toEqual([]);
      expect(missing(keyset), `keyset ${kind}`).toEqual([]);
    }
    const offsetDelete = await read('offset', 'delete');
    expect(missing(offsetDelete).length).toBeGreaterThan(0);
    const offsetInsert = await read('offset', 'insert');
    expect(duplicates(offsetInsert.seen).length).toBeGreaterThan(0);
  });
});

describe('count', () => {
  it('uses the stats API with the query', async () => {
    const active = [...mock.data.rows('incident')].filter((r) => r.active === 'true').length;
    expect(await client.count('incident', 'active=true')).toBe(active);
    expect(await client.count('incident')).toBe(mock.data.count('incident'));
    expect(mock.requests.map((r) => `${r.path}?${new URLSearchParams(r.query)}`)).toEqual([
      '/api/now/stats/incident?sysparm_count=true&sysparm_query=active%3Dtrue',
      '/api/now/stats/incident?sysparm_count=true',
    ]);
  });
});
