/**
 * The `shuffleTies` fault: ties of a non-unique `ORDERBY` come back in a seeded order that is
 * not sys_id order and changes with the offset, so offset paging skips and repeats rows while
 * keyset paging on sys_id stays exact; without the fault, ties keep sys_id order.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockServiceNow } from '../../src/mock/server/index.js';
import { parseQuery } from '../../src/query/index.js';
import { getJson, q, startMock } from '../mock-server/helpers.js';

const SIZE = 300;
const PAGE = 40;
let mock: MockServiceNow;

type Row = { sys_id: string; priority: string; sys_updated_on: string };

beforeAll(async () => {
  mock = await startMock({ seed: 3, scale: SIZE });
});
afterEach(() => mock.setFaults({}));
afterAll(() => mock.close());

async function page(query: string, offset: number, table = 'incident'): Promise<Row[]> {
  const { res, body } = await getJson<{ result: Row[] }>(
    mock,
    `/api/now/table/${table}?sysparm_query=${q(query)}&sysparm_fields=sys_id,priority,sys_updated_on&sysparm_limit=${PAGE}&sysparm_offset=${offset}`,
  );
  expect(res.status).toBe(200);
  return body.result;
}

/** Every page of an offset-paged read, concatenated. */
async function offsetRead(query: string, total: number, table = 'incident'): Promise<Row[]> {
  const rows: Row[] = [];
  for (let offset = 0; offset < total; offset += PAGE)
    rows.push(...(await page(query, offset, table)));
  return rows;
}

/** Every page of a keyset read on sys_id. */
async function keysetRead(): Promise<Row[]> {
  const rows: Row[] = [];
  for (;;) {
    const last = rows.at(-1)?.sys_id;
    const filter = last === undefined ? 'ORDERBYsys_id' : `sys_id>${last}^ORDERBYsys_id`;
    const got = await page(filter, 0);
    rows.push(...got);
    if (got.length < PAGE) return rows;
  }
}

function ids(rows: readonly Row[]): string[] {
  return rows.map((r) => r.sys_id);
}

/** True when every run of equal priorities is in ascending sys_id order. */
function tiesInSysIdOrder(rows: readonly Row[]): boolean {
  return rows.every(
    (row, i) =>
      i === 0 || row.priority !== rows[i - 1]?.priority || row.sys_id > (rows[i - 1]?.sys_id ?? ''),
  );
}

describe('without shuffleTies', () => {
  it('breaks ties by sys_id, so offset paging on a non-unique sort reads every row once', async () => {
    const rows = await offsetRead('ORDERBYpriority', SIZE);
    expect(rows).toHaveLength(SIZE);
    expect(new Set(ids(rows)).size).toBe(SIZE);
    expect(tiesInSysIdOrder(rows)).toBe(true);
    expect(mock.requests.at(-1)?.fault).toBeUndefined();
  });
});

describe('with shuffleTies', () => {
  it('orders ties neither by sys_id nor the same way on every page: offset paging skips and repeats rows', async () => {
    mock.setFaults({ shuffleTies: { seed: 11 } });
    const rows = await offsetRead('ORDERBYpriority', SIZE);
    expect(rows).toHaveLength(SIZE);
    // Still sorted by the key itself.
    const priorities = rows.map((r) => r.priority);
    expect(priorities).toEqual([...priorities].sort());
    expect(tiesInSysIdOrder(rows)).toBe(false);
    const distinct = new Set(ids(rows)).size;
    expect(distinct).toBeLessThan(SIZE); // some rows came twice, so others never came
    expect(mock.requests.at(-1)?.fault).toBe('shuffleTies');
  });

  it('leaves keyset paging on sys_id exact', async () => {
    mock.setFaults({ shuffleTies: { seed: 11 } });
    const rows = await keysetRead();
    expect(rows).toHaveLength(SIZE);
    expect(ids(rows)).toEqual([...ids(rows)].sort());
    expect(mock.requests.at(-1)?.fault).toBeUndefined();
  });

  it('leaves a sort with a sys_id tiebreaker unchanged', async () => {
    const query = 'ORDERBYpriority^ORDERBYsys_id';
    const before = await offsetRead(query, SIZE);
    mock.setFaults({ shuffleTies: true });
    expect(await offsetRead(query, SIZE)).toEqual(before);
    const dated = 'ORDERBYDESCsys_updated_on^ORDERBYsys_id';
    mock.setFaults({});
    const datedBefore = await page(dated, PAGE);
    mock.setFaults({ shuffleTies: true });
    expect(await page(dated, PAGE)).toEqual(datedBefore);
  });

  it('is stable for one seed and offset, and differs with another seed', async () => {
    mock.setFaults({ shuffleTies: { seed: 5 } });
    const first = ids(await page('ORDERBYpriority', PAGE));
    expect(ids(await page('ORDERBYpriority', PAGE))).toEqual(first);
    mock.setFaults({ seed: 5, shuffleTies: true });
    expect(ids(await page('ORDERBYpriority', PAGE))).toEqual(first);
    mock.setFaults({ shuffleTies: { seed: 6 } });
    expect(ids(await page('ORDERBYpriority', PAGE))).not.toEqual(first);
  });

  it('shuffles ties of a base table merged from its children (task)', async () => {
    const { res } = await getJson(mock, '/api/now/table/task?sysparm_limit=1');
    const total = Number(res.headers.get('x-total-count'));
    expect(total).toBeGreaterThan(SIZE);
    const plain = await offsetRead('ORDERBYpriority', total, 'task');
    expect(new Set(ids(plain)).size).toBe(total);
    mock.setFaults({ shuffleTies: { seed: 11 } });
    const shuffled = await offsetRead('ORDERBYpriority', total, 'task');
    expect(shuffled).toHaveLength(total);
    expect(new Set(ids(shuffled)).size).toBeLessThan(total);
  });

  it('shuffles ties of a sort on an indexed date-time field without a sys_id key', async () => {
    // Force ties on sys_updated_on: three rows updated at the same second.
    const stamp = '2020-01-01 00:00:00';
    const made = [0, 1, 2, 3, 4, 5].map(() =>
      mock.data.insert('incident', { short_description: 'tie', sys_updated_on: stamp }),
    );
    try {
      const query = `sys_updated_on=${stamp}^ORDERBYsys_updated_on`;
      const plain = ids(await page(query, 0));
      expect(plain).toEqual(made.map((r) => r.sys_id).sort());
      const orders = new Set<string>();
      for (const seed of [1, 2, 3, 4]) {
        mock.setFaults({ shuffleTies: { seed } });
        const got = ids(await page(query, 0));
        expect([...got].sort()).toEqual(plain);
        orders.add(got.join());
      }
      expect(orders.size).toBeGreaterThan(1);
      expect([...orders].some((order) => order !== plain.join())).toBe(true);
    } finally {
      for (const row of made) mock.data.delete('incident', row.sys_id as string);
    }
  });
});

describe('MockDataStore.select tieSeed', () => {
  it('reorders ties only, the same way for the same seed and offset', () => {
    const query = parseQuery('ORDERBYpriority');
    const plain = mock.data.select('incident', query, { limit: SIZE });
    const a = mock.data.select('incident', query, { limit: SIZE, tieSeed: 9 });
    const b = mock.data.select('incident', query, { limit: SIZE, tieSeed: 9 });
    expect(a.rows).toEqual(b.rows);
    expect(a.rows.map((r) => r.priority)).toEqual(plain.rows.map((r) => r.priority));
    expect(a.rows.map((r) => r.sys_id).sort()).toEqual(plain.rows.map((r) => r.sys_id).sort());
    expect(a.rows.map((r) => r.sys_id)).not.toEqual(plain.rows.map((r) => r.sys_id));
  });
});
