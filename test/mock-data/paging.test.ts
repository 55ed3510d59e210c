import { describe, expect, test } from 'vitest';
import type { MockData } from '../../src/mock/data/index.js';
import type { MockRecord } from '../../src/mock/types.js';
import { all, expected, ids, q, sharedStore } from './helpers.js';

const store = sharedStore();

/** Pages a keyset query `<filter>^sys_id>X^ORDERBYsys_id` to the end. */
function keyset(data: MockData, table: string, filter: string, size: number): string[][] {
  const pages: string[][] = [];
  let cursor = '';
  for (;;) {
    const parts = [filter, cursor === '' ? '' : `sys_id>${cursor}`, 'ORDERBYsys_id'].filter(
      (p) => p !== '',
    );
    const rows = data.select(table, q(parts.join('^')), { limit: size }).rows;
    if (rows.length === 0) break;
    pages.push(ids(rows));
    cursor = rows.at(-1)?.sys_id as string;
    if (pages.length > 10_000) throw new Error('no progress');
  }
  return pages;
}

describe('keyset paging', () => {
  test.each<[string, string, string, (r: MockRecord) => boolean]>([
    ['incident', 'full table', '', () => true],
    [
      'incident',
      'with a filter',
      'active=false^priority<=3',
      (r) => r.active === 'false' && Number(r.priority) <= 3,
    ],
    [
      'incident',
      'on a date window',
      'opened_at>=2026-04-01 00:00:00^opened_at<=2026-06-30 23:59:59',
      (r) =>
        (r.opened_at as string) >= '2026-04-01 00:00:00' &&
        (r.opened_at as string) <= '2026-06-30 23:59:59',
    ],
    [
      'task_sla',
      'through task.opened_at',
      'task.opened_at>=2026-04-01 00:00:00^task.opened_at<=2026-06-30 23:59:59',
      (r) => {
        const opened = store.get('task', r.task as string)?.opened_at as string;
        return opened >= '2026-04-01 00:00:00' && opened <= '2026-06-30 23:59:59';
      },
    ],
    [
      'incident_task',
      'through incident.opened_at',
      'incident.opened_at>=2026-01-01 00:00:00^incident.opened_at<2026-07-01 00:00:00',
      (r) => {
        const opened = store.get('incident', r.incident as string)?.opened_at as string;
        return opened >= '2026-01-01 00:00:00' && opened < '2026-07-01 00:00:00';
      },
    ],
  ])('%s %s returns each row exactly once', (table, _, filter, predicate) => {
    const pages = keyset(store, table, filter, 17);
    const seen = pages.flat();
    const want = expected(all(store, table), predicate);
    expect(want.length).toBeGreaterThan(30);
    expect(seen).toEqual(want);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages.slice(0, -1).every((p) => p.length === 17)).toBe(true);
  });

  test('descending keyset', () => {
    const pages: string[] = [];
    let cursor = '';
    for (;;) {
      const rows = store.select(
        'incident',
        q(`${cursor ? `sys_id<${cursor}^` : ''}ORDERBYDESCsys_id`),
        { limit: 40 },
      ).rows;
      if (rows.length === 0) break;
      pages.push(...ids(rows));
      cursor = rows.at(-1)?.sys_id as string;
    }
    expect(pages).toEqual(ids(all(store, 'incident')).reverse());
  });

  test('compound (sys_updated_on, sys_id) cursor reads every row once', () => {
    const since = '2026-05-01 00:00:00';
    const want = all(store, 'incident')
      .filter((r) => (r.sys_updated_on as string) >= since)
      .sort((a, b) =>
        a.sys_updated_on !== b.sys_updated_on
          ? (a.sys_updated_on as string) < (b.sys_updated_on as string)
            ? -1
            : 1
          : (a.sys_id as string) < (b.sys_id as string)
            ? -1
            : 1,
      );
    const seen: string[] = [];
    let cursor: MockRecord | undefined;
    for (;;) {
      const filter = `sys_updated_on>=${since}`;
      const text = cursor
        ? `${filter}^sys_updated_on>${cursor.sys_updated_on}^NQ${filter}^sys_updated_on=${cursor.sys_updated_on}^sys_id>${cursor.sys_id}`
        : filter;
      const rows = store.select('incident', q(`${text}^ORDERBYsys_updated_on^ORDERBYsys_id`), {
        limit: 13,
      }).rows;
      if (rows.length === 0) break;
      seen.push(...ids(rows));
      cursor = rows.at(-1);
    }
    expect(want.length).toBeGreaterThan(30);
    expect(seen).toEqual(ids(want));
  });
});

describe('limit, offset and count', () => {
  test('offset pages and the total', () => {
    const want = expected(all(store, 'incident'), (r) => r.state === '7');
    const first = store.select('incident', q('state=7'), { limit: 10, offset: 0, count: true });
    const second = store.select('incident', q('state=7'), { limit: 10, offset: 10, count: true });
    expect(first.total).toBe(want.length);
    expect(second.total).toBe(want.length);
    expect([...ids(first.rows), ...ids(second.rows)]).toEqual(want.slice(0, 20));
    expect(store.select('incident', q('state=7'), { offset: want.length }).rows).toEqual([]);
    expect(store.select('incident', q('state=7')).total).toBeUndefined();
  });

  test('count without a filter and on an index', () => {
    expect(store.select('incident', q(''), { limit: 1, count: true }).total).toBe(
      store.count('incident'),
    );
    const from = '2026-02-01 00:00:00';
    const want = expected(all(store, 'incident'), (r) => (r.opened_at as string) >= from);
    const result = store.select('incident', q(`opened_at>=${from}`), { limit: 3, count: true });
    expect(result.total).toBe(want.length);
    expect(ids(result.rows)).toEqual(want.slice(0, 3));
  });

  test('offset without a filter', () => {
    const everything = ids(all(store, 'incident'));
    const page = store.select('incident', q('ORDERBYsys_id'), {
      offset: 123,
      limit: 10,
      count: true,
    });
    expect(ids(page.rows)).toEqual(everything.slice(123, 133));
    expect(page.total).toBe(everything.length);
    const back = store.select('incident', q('ORDERBYDESCsys_id'), { offset: 5, limit: 3 });
    expect(ids(back.rows)).toEqual([...everything].reverse().slice(5, 8));
  });

  test('sys_id prefixes partition a table', () => {
    const everything = ids(all(store, 'task_sla'));
    const parts = [...'0123456789abcdef'].map((hex) =>
      ids(store.select('task_sla', q(`sys_idSTARTSWITH${hex}`)).rows),
    );
    expect(parts.flat()).toEqual(everything);
    expect(parts[10]).toEqual(everything.filter((id) => id.startsWith('a')));
  });

  test('the default limit is 10000', () => {
    expect(store.select('task_sla', q('')).rows.length).toBe(
      Math.min(10000, store.count('task_sla')),
    );
  });
});
