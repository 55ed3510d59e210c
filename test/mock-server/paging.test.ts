/**
 * Paging over HTTP: Link header cases (servicenow-api.md 1.5), X-Total-Count and
 * sysparm_no_count, sysparm_suppress_pagination_header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServiceNow } from '../../src/mock/server/index.js';
import { call, getJson, insertIncident, q, startMock } from './helpers.js';

const MARK = 'paging fixture';
const ROWS = 7;
let mock: MockServiceNow;

beforeAll(async () => {
  mock = await startMock();
  for (let i = 0; i < ROWS; i += 1) insertIncident(mock, { short_description: MARK });
});
afterAll(() => mock.close());

function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (header === null) return out;
  for (const part of header.split(/,(?=<)/)) {
    const match = /^<([^>]+)>;rel="(\w+)"$/.exec(part);
    if (match === null) throw new Error(`malformed Link part: ${part}`);
    out[match[2]!] = match[1]!;
  }
  return out;
}

function offsets(header: string | null): Record<string, number> {
  return Object.fromEntries(
    Object.entries(links(header)).map(([rel, url]) => [
      rel,
      Number(new URL(url).searchParams.get('sysparm_offset')),
    ]),
  );
}

const base = `/api/now/v2/table/incident?sysparm_query=${q(`short_description=${MARK}^ORDERBYsys_id`)}&sysparm_fields=sys_id`;

describe('Link header', () => {
  it('is absent when one page holds everything', async () => {
    const res = await call(mock, `${base}&sysparm_limit=${ROWS}`);
    expect(res.headers.get('x-total-count')).toBe(String(ROWS));
    expect(res.headers.get('link')).toBeNull();
  });

  it('has first, next and last on the first page, and no prev', async () => {
    const res = await call(mock, `${base}&sysparm_limit=3`);
    expect(offsets(res.headers.get('link'))).toEqual({ first: 0, next: 3, last: 6 });
    expect(Object.keys(offsets(res.headers.get('link')))).toEqual(['first', 'next', 'last']);
  });

  it('has first, prev, next and last on a middle page', async () => {
    const res = await call(mock, `${base}&sysparm_limit=3&sysparm_offset=3`);
    expect(offsets(res.headers.get('link'))).toEqual({ first: 0, prev: 0, next: 6, last: 6 });
  });

  it('has no next on the last page', async () => {
    const res = await call(mock, `${base}&sysparm_limit=3&sysparm_offset=6`);
    expect(offsets(res.headers.get('link'))).toEqual({ first: 0, prev: 3, last: 6 });
  });

  it('sends prev=-1 on the first page at limit 1', async () => {
    const res = await call(mock, `${base}&sysparm_limit=1`);
    expect(offsets(res.headers.get('link'))).toEqual({ first: 0, prev: -1, next: 1, last: 6 });
  });

  it('writes comma-separated parts without spaces, URLs on the instance base and same path', async () => {
    const res = await call(mock, `${base}&sysparm_limit=3&sysparm_offset=3`);
    const header = res.headers.get('link')!;
    expect(header).not.toMatch(/, | ;|; /);
    const next = new URL(links(header).next!);
    expect(`${next.protocol}//${next.host}`).toBe(mock.url);
    expect(next.pathname).toBe('/api/now/v2/table/incident');
    expect([...next.searchParams.keys()]).toEqual([
      'sysparm_query',
      'sysparm_fields',
      'sysparm_limit',
      'sysparm_offset',
    ]);
    expect(next.searchParams.get('sysparm_query')).toBe(`short_description=${MARK}^ORDERBYsys_id`);
  });

  it('leads through every row when followed', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${mock.url}${base}&sysparm_limit=2`;
    while (url !== undefined) {
      const res: Response = await call(mock, url.slice(mock.url.length));
      const body = (await res.json()) as { result: { sys_id: string }[] };
      seen.push(...body.result.map((row) => row.sys_id));
      url = links(res.headers.get('link')).next;
    }
    expect(seen).toHaveLength(ROWS);
    expect(new Set(seen).size).toBe(ROWS);
  });

  it('is left out with sysparm_suppress_pagination_header=true', async () => {
    const res = await call(mock, `${base}&sysparm_limit=3&sysparm_suppress_pagination_header=true`);
    expect(res.headers.get('x-total-count')).toBe(String(ROWS));
    expect(res.headers.get('link')).toBeNull();
  });
});

describe('X-Total-Count', () => {
  it('counts the whole selection, not the page', async () => {
    const { res, body } = await getJson<{ result: unknown[] }>(mock, `${base}&sysparm_limit=2`);
    expect(body.result).toHaveLength(2);
    expect(res.headers.get('x-total-count')).toBe(String(ROWS));
  });

  it('is not sent with sysparm_no_count=true', async () => {
    const res = await call(mock, `${base}&sysparm_limit=2&sysparm_no_count=true`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBeNull();
    expect(((await res.json()) as { result: unknown[] }).result).toHaveLength(2);
  });
});
