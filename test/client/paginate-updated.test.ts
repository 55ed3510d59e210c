import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Page,
  PaginateOptions,
  ServiceNowClient,
  TableRecord,
} from '../../src/client/index.js';
import { ConfigurationError, type PageCursor } from '../../src/core/index.js';
import type { MockRecord, MockServiceNow } from '../../src/mock/index.js';
import { basicClient, collect, listRequests, startMock } from './mock-harness.js';

const ORDER = '^ORDERBYsys_updated_on^ORDERBYsys_id';

let mock: MockServiceNow;
let client: ServiceNowClient;

beforeEach(async () => {
  mock = await startMock(150);
  client = basicClient(mock);
});
afterEach(async () => {
  await client.close();
  await mock.close();
});

/** A field's raw value, whatever the display mode. */
const raw = (record: TableRecord, field: string): string => {
  const value = record[field];
  return typeof value === 'object' ? (value.value ?? '') : (value ?? '');
};
const keyOf = (record: TableRecord): PageCursor => ({
  updatedOn: raw(record, 'sys_updated_on'),
  sysId: raw(record, 'sys_id'),
});
const compareKeys = (a: PageCursor, b: PageCursor) =>
  a.updatedOn < b.updatedOn
    ? -1
    : a.updatedOn > b.updatedOn
      ? 1
      : a.sysId < b.sysId
        ? -1
        : a.sysId > b.sysId
          ? 1
          : 0;

/** The rows of a table in `(sys_updated_on, sys_id)` order, straight from the store. */
function expectedOrder(table = 'incident', keep: (row: MockRecord) => boolean = () => true) {
  return [...mock.data.rows(table)]
    .filter(keep)
    .map((row) => ({ updatedOn: row.sys_updated_on ?? '', sysId: row.sys_id ?? '' }))
    .sort(compareKeys);
}

const ids = (keys: readonly PageCursor[]) => keys.map((key) => key.sysId);

async function readUpdated(options: PaginateOptions = {}) {
  const pages = await collect(client.paginate('incident', { strategy: 'updated', ...options }));
  return { pages, keys: pages.flatMap((page) => page.records.map(keyOf)) };
}

/** Sets `count` rows, from the middle of the order, to the `sys_updated_on` of one of them. */
function tieRows(count: number): string {
  const order = expectedOrder();
  const start = Math.floor(order.length / 2);
  const shared = order[start]?.updatedOn as string;
  for (const key of order.slice(start, start + count)) {
    mock.data.update('incident', key.sysId, { sys_updated_on: shared });
  }
  return shared;
}

describe("strategy 'updated'", () => {
  it('reads rows sharing one sys_updated_on across page boundaries exactly once, in key order', async () => {
    const shared = tieRows(30);
    const tied = expectedOrder().filter((key) => key.updatedOn === shared);
    expect(tied.length).toBeGreaterThanOrEqual(30);

    const { pages, keys } = await readUpdated({ pageSize: 7, fields: ['number'] });
    expect(keys).toEqual(expectedOrder());
    for (const page of pages)
      expect(page.cursor).toEqual(keyOf(page.records.at(-1) as TableRecord));

    const requests = listRequests(mock);
    expect(requests).toHaveLength(pages.length + 1);
    expect(requests[0]?.query).toMatchObject({
      sysparm_query: ORDER.slice(1),
      sysparm_fields: 'number,sys_id,sys_updated_on',
      sysparm_limit: '7',
      sysparm_display_value: 'false',
    });
    expect(requests[0]?.query.sysparm_offset).toBeUndefined();
    // A page that ends inside the tied group: the next one continues in it by sys_id.
    const inside = pages.findIndex(
      (page, i) => page.cursor?.updatedOn === shared && pages[i + 1]?.cursor?.updatedOn === shared,
    );
    expect(inside).toBeGreaterThanOrEqual(0);
    const cursor = pages[inside]?.cursor as PageCursor;
    expect(requests[inside + 1]?.query.sysparm_query).toBe(
      `sys_updated_on>${shared}^NQsys_updated_on=${shared}^sys_id>${cursor.sysId}${ORDER}`,
    );
    expect(pages[inside + 1]?.query).toBe(requests[inside + 1]?.query.sysparm_query);
  });

  it('repeats the filter in every ^NQ group of the cursor condition', async () => {
    tieRows(20);
    const keep = (row: MockRecord) => row.priority === '1' || row.priority === '2';
    const { pages, keys } = await readUpdated({ query: 'priority=1^NQpriority=2', pageSize: 5 });
    expect(keys).toEqual(expectedOrder('incident', keep));
    const sent = listRequests(mock).map((r) => r.query.sysparm_query);
    expect(sent[0]).toBe(`priority=1^NQpriority=2${ORDER}`);
    const { updatedOn: t, sysId: s } = pages[0]?.cursor ?? { updatedOn: '', sysId: '' };
    expect(t).not.toBe('');
    expect(sent[1]).toBe(
      `priority=1^sys_updated_on>${t}^NQpriority=1^sys_updated_on=${t}^sys_id>${s}` +
        `^NQpriority=2^sys_updated_on>${t}^NQpriority=2^sys_updated_on=${t}^sys_id>${s}${ORDER}`,
    );
  });

  it('startAfter resumes strictly after the cursor; sysId "" includes the whole second', async () => {
    const shared = tieRows(12);
    const order = expectedOrder();
    const tiedAt = order.findIndex((key) => key.updatedOn === shared);
    const after = order[tiedAt + 4] as PageCursor;

    const resumed = await readUpdated({ pageSize: 9, startAfter: after });
    expect(resumed.keys).toEqual(order.slice(tiedAt + 5));
    expect(listRequests(mock)[0]?.query.sysparm_query).toBe(
      `sys_updated_on>${shared}^NQsys_updated_on=${shared}^sys_id>${after.sysId}${ORDER}`,
    );

    mock.clearRequests();
    const since = await readUpdated({ pageSize: 9, startAfter: { updatedOn: shared, sysId: '' } });
    expect(since.keys).toEqual(order.slice(tiedAt));
    expect(listRequests(mock)[0]?.query.sysparm_query).toBe(`sys_updated_on>=${shared}${ORDER}`);
  });

  it('a row updated during the run moves forward and is read again later, none is lost', async () => {
    const before = expectedOrder();
    const alreadyRead = before[3] as PageCursor;
    const notYetRead = before[before.length - 20] as PageCursor;
    mock.setFaults({
      mutateBetweenPages: (store, request) => {
        if (request.sequence !== 3) return;
        store.update('incident', alreadyRead.sysId, { short_description: 'changed early' });
        store.update('incident', notYetRead.sysId, { short_description: 'changed later' });
      },
    });
    const { keys } = await readUpdated({ pageSize: 10 });
    const seen = ids(keys);
    for (const key of before) expect(seen).toContain(key.sysId);
    expect(seen.filter((id) => id === alreadyRead.sysId)).toHaveLength(2);
    expect(seen.filter((id) => id === notYetRead.sysId)).toHaveLength(1);
    expect(seen).toHaveLength(before.length + 1);
    // Keys only grow, and the moved rows come last with their new stamp.
    for (let i = 1; i < keys.length; i++) {
      expect(compareKeys(keys[i - 1] as PageCursor, keys[i] as PageCursor)).toBe(-1);
    }
    const moved = mock.data.get('incident', alreadyRead.sysId)?.sys_updated_on;
    expect(keys.slice(-2).map((key) => key.updatedOn)).toEqual([moved, moved]);
    expect(ids(keys.slice(-2)).sort()).toEqual([alreadyRead.sysId, notYetRead.sysId].sort());
  });

  it("works with displayValue 'all' (the cursor reads the value half)", async () => {
    tieRows(15);
    const { pages, keys } = await readUpdated({
      pageSize: 8,
      displayValue: 'all',
      fields: ['number'],
    });
    expect(keys).toEqual(expectedOrder());
    const first = pages[0]?.records[0] as TableRecord;
    expect(first.sys_updated_on).toMatchObject({ value: expect.any(String) });
    expect(pages[0]?.cursor).toEqual(keyOf(pages[0]?.records.at(-1) as TableRecord));
    expect(typeof pages[0]?.cursor?.updatedOn).toBe('string');
  });

  it('skips {} rows, and stalls on a page whose rows are all blank', async () => {
    const blank = (row: MockRecord) => (row.number ?? '').endsWith('7');
    mock.setFaults({ aclHidden: (_table, row) => (blank(row) ? 'blank' : 'visible') });
    const partial = await readUpdated({ pageSize: 11 });
    expect(partial.keys).toEqual(expectedOrder('incident', (row) => !blank(row)));
    const blanks = partial.pages.reduce((sum, page) => sum + page.blankRows, 0);
    expect(blanks).toBe([...mock.data.rows('incident')].filter(blank).length);
    expect(partial.pages.every((page) => !page.stalled)).toBe(true);

    mock.clearRequests();
    mock.setFaults({ aclHidden: () => 'blank' });
    const { pages } = await readUpdated({ pageSize: 11 });
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({
      stalled: true,
      rawCount: 11,
      blankRows: 11,
      records: [],
      cursor: undefined,
    } satisfies Partial<Page>);
    expect(listRequests(mock)).toHaveLength(1);
    expect(client.metrics.stalls).toBe(1);
  });

  it('gives no cursor with the other strategies', async () => {
    const keyset = await collect(client.paginate('incident', { pageSize: 100 }));
    const offset = await collect(
      client.paginate('incident', { pageSize: 100, strategy: 'offset' }),
    );
    expect([...keyset, ...offset].map((page) => page.cursor)).toEqual(
      [...keyset, ...offset].map(() => undefined),
    );
  });

  it('refuses options it cannot honour, before any request', () => {
    const refused = (options: PaginateOptions, option: string) => {
      let error: unknown;
      try {
        client.paginate('incident', options);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).option).toBe(option);
    };
    refused({ strategy: 'updated', displayValue: true }, 'displayValue');
    refused({ strategy: 'updated', query: 'active=true^ORDERBYnumber' }, 'query');
    refused({ strategy: 'updated', query: 'ORDERBYsys_id' }, 'query');
    refused({ strategy: 'updated', query: 'ORDERBYDESCsys_updated_on' }, 'query');
    refused({ strategy: 'updated', partitions: 2 }, 'partitions');
    const cursor = { updatedOn: '2026-01-01 00:00:00', sysId: '' };
    refused({ startAfter: cursor }, 'startAfter');
    refused({ strategy: 'offset', startAfter: cursor }, 'startAfter');
    for (const updatedOn of [
      '2026-01-01T00:00:00Z',
      '2026-02-30 00:00:00',
      '2026-01-01 24:00:00',
    ]) {
      refused(
        { strategy: 'updated', startAfter: { updatedOn, sysId: '' } },
        'startAfter.updatedOn',
      );
    }
    refused(
      { strategy: 'updated', startAfter: { updatedOn: '2026-01-01 00:00:00', sysId: 'a^NQb' } },
      'startAfter.sysId',
    );
    expect(mock.requests).toHaveLength(0);
    // The key's own sort is accepted (and written once).
    expect(() =>
      client.paginate('incident', {
        strategy: 'updated',
        query: 'active=true^ORDERBYsys_updated_on',
      }),
    ).not.toThrow();
  });
});
