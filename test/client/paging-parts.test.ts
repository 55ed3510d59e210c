import { describe, expect, it } from 'vitest';
import {
  keysetFilter,
  keysetPageQuery,
  offsetQuery,
  partitionRanges,
  updatedPageQuery,
} from '../../src/client/pagination/page-query.js';
import { PageSizer } from '../../src/client/pagination/page-size.js';
import { mergeByArrival, readAhead } from '../../src/client/pagination/read-ahead.js';
import { recordIterator } from '../../src/client/pagination/record-iterator.js';
import { CookieJar, CookieJarPool } from '../../src/client/transport/cookie-jar.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { query } from '../../src/query/index.js';

describe('keyset page queries', () => {
  it('repeats the filter and the cursor in every ^NQ group and sorts by sys_id', () => {
    const filter = keysetFilter('active=true^NQpriority=1');
    expect(keysetPageQuery(filter, undefined, {})).toBe('active=true^NQpriority=1^ORDERBYsys_id');
    expect(keysetPageQuery(filter, 'abc', {})).toBe(
      'active=true^sys_id>abc^NQpriority=1^sys_id>abc^ORDERBYsys_id',
    );
  });

  it('selects everything without a filter', () => {
    const all = keysetFilter(undefined);
    expect(keysetPageQuery(all, undefined, {})).toBe('ORDERBYsys_id');
    expect(keysetPageQuery(all, 'f0', {})).toBe('sys_id>f0^ORDERBYsys_id');
  });

  it('bounds partition ranges (inclusive start on the first page, exclusive end)', () => {
    const all = keysetFilter(query().equals('active', true));
    expect(keysetPageQuery(all, undefined, { from: '4', to: '8' })).toBe(
      'active=true^sys_id>=4^sys_id<8^ORDERBYsys_id',
    );
    expect(keysetPageQuery(all, '4a', { from: '4', to: '8' })).toBe(
      'active=true^sys_id>4a^sys_id<8^ORDERBYsys_id',
    );
  });

  it('refuses a sort other than sys_id for keyset paging', () => {
    expect(() => keysetFilter('active=true^ORDERBYnumber')).toThrow(ConfigurationError);
    expect(keysetFilter('active=true^ORDERBYsys_id').orderBy).toEqual([]);
  });

  it("writes the compound (sys_updated_on, sys_id) keyset of strategy 'updated'", () => {
    const order = '^ORDERBYsys_updated_on^ORDERBYsys_id';
    const t = '2026-03-01 10:00:00';
    const filter = keysetFilter('active=true^NQpriority=1', 'updated');
    expect(updatedPageQuery(filter, undefined)).toBe(`active=true^NQpriority=1${order}`);
    expect(updatedPageQuery(filter, { updatedOn: t, sysId: 'ab' })).toBe(
      `active=true^sys_updated_on>${t}^NQactive=true^sys_updated_on=${t}^sys_id>ab` +
        `^NQpriority=1^sys_updated_on>${t}^NQpriority=1^sys_updated_on=${t}^sys_id>ab${order}`,
    );
    expect(updatedPageQuery(filter, { updatedOn: t, sysId: '' })).toBe(
      `active=true^sys_updated_on>=${t}^NQpriority=1^sys_updated_on>=${t}${order}`,
    );
    const all = keysetFilter(undefined, 'updated');
    expect(updatedPageQuery(all, undefined)).toBe(order.slice(1));
    expect(
      keysetFilter('active=true^ORDERBYsys_updated_on^ORDERBYsys_id', 'updated').orderBy,
    ).toEqual([]);
    expect(() => keysetFilter('active=true^ORDERBYsys_id', 'updated')).toThrow(ConfigurationError);
    expect(() => keysetFilter('ORDERBYsys_updated_on^ORDERBYnumber', 'updated')).toThrow(
      ConfigurationError,
    );
  });

  it('gives offset paging a total order', () => {
    expect(offsetQuery('active=true')).toBe('active=true^ORDERBYsys_id');
    expect(offsetQuery('active=true^ORDERBYDESCnumber')).toBe(
      'active=true^ORDERBYDESCnumber^ORDERBYsys_id',
    );
    expect(offsetQuery(undefined)).toBe('ORDERBYsys_id');
  });
});

describe('partitionRanges', () => {
  it('covers the keyspace with contiguous ranges', () => {
    expect(partitionRanges(1)).toEqual([{ from: undefined, to: undefined }]);
    expect(partitionRanges(4)).toEqual([
      { from: undefined, to: '4' },
      { from: '4', to: '8' },
      { from: '8', to: 'c' },
      { from: 'c', to: undefined },
    ]);
    for (const count of [2, 3, 7, 16, 17, 100, 256]) {
      const ranges = partitionRanges(count);
      expect(ranges).toHaveLength(count);
      for (let i = 1; i < count; i++) {
        expect(ranges[i]?.from).toBe(ranges[i - 1]?.to);
        expect((ranges[i - 1]?.from ?? '') < (ranges[i]?.from ?? '')).toBe(true);
      }
    }
  });

  it('puts every id in exactly one range', () => {
    const ranges = partitionRanges(7);
    const ids = ['0000', '24a', '2492', '5', '7fff', 'a', 'b6db', 'ffff', 'global', 'Z'];
    for (const id of ids) {
      const hits = ranges.filter(
        (r) => (r.from === undefined || id >= r.from) && (r.to === undefined || id < r.to),
      );
      expect(hits, id).toHaveLength(1);
    }
  });

  it('rejects bad counts', () => {
    expect(() => partitionRanges(0)).toThrow(/partitions/);
    expect(() => partitionRanges(257)).toThrow(/partitions/);
    expect(() => partitionRanges(1.5)).toThrow(/partitions/);
  });
});

describe('PageSizer', () => {
  it('halves on quota cancel, timeout and truncated bodies, not on other failures', () => {
    const sizer = new PageSizer({ max: 1000, min: 50 });
    expect(sizer.onFailure({ kind: 'status', status: 503 })).toBe(false);
    expect(sizer.current).toBe(1000);
    sizer.onFailure({ kind: 'quota-cancel' });
    sizer.onFailure({ kind: 'timeout' });
    sizer.onFailure({ kind: 'invalid-json' });
    expect(sizer.current).toBe(125);
    for (let i = 0; i < 5; i++) sizer.onFailure({ kind: 'timeout' });
    expect(sizer.current).toBe(50);
  });

  it('grows back by doubling after growAfter successes, up to max', () => {
    const sizer = new PageSizer({ max: 400, min: 10, growAfter: 2 });
    sizer.onFailure({ kind: 'timeout' });
    sizer.onFailure({ kind: 'timeout' });
    expect(sizer.current).toBe(100);
    sizer.onSuccess();
    expect(sizer.current).toBe(100);
    sizer.onSuccess();
    expect(sizer.current).toBe(200);
    sizer.onSuccess();
    sizer.onSuccess();
    sizer.onSuccess();
    sizer.onSuccess();
    expect(sizer.current).toBe(400);
  });
});

describe('CookieJar', () => {
  it('stores, updates and expires cookies', () => {
    const jar = new CookieJar();
    jar.store([
      'JSESSIONID=ABC; Path=/; HttpOnly;Secure',
      'glide_user=; Max-Age=0; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/',
      'glide_user_route=glide.1; Max-Age=2147483647; Path=/',
    ]);
    expect(jar.header()).toBe('JSESSIONID=ABC; glide_user_route=glide.1');
    jar.store(['JSESSIONID=DEF; Path=/', 'glide_user_route=x; Max-Age=0']);
    expect(jar.header()).toBe('JSESSIONID=DEF');
    jar.clear();
    expect(jar.header()).toBeUndefined();
  });

  it('lends one jar per concurrent user and clears all on demand', () => {
    const pool = new CookieJarPool();
    const a = pool.acquire();
    const b = pool.acquire();
    expect(a).not.toBe(b);
    a.store(['JSESSIONID=1']);
    pool.release(a);
    expect(pool.acquire()).toBe(a);
    pool.clear();
    expect(a.size).toBe(0);
  });
});

describe('read-ahead', () => {
  async function* numbers(log: string[], count: number) {
    for (let i = 0; i < count; i++) {
      log.push(`produce ${i}`);
      yield i;
    }
  }

  it('pulls the next item before the consumer asks for it, bounded by depth', async () => {
    const log: string[] = [];
    for await (const n of readAhead(numbers(log, 4), 1)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`consume ${n}`);
    }
    expect(log.indexOf('produce 1')).toBeLessThan(log.indexOf('consume 0'));
    expect(log.indexOf('produce 2')).toBeGreaterThan(log.indexOf('consume 0'));
    expect(log.filter((e) => e.startsWith('consume'))).toHaveLength(4);
  });

  it('pulls only on demand with depth 0 and closes the source on break', async () => {
    const log: string[] = [];
    let closed = false;
    async function* source() {
      try {
        yield* numbers(log, 10);
      } finally {
        closed = true;
      }
    }
    for await (const n of readAhead(source(), 0)) {
      log.push(`consume ${n}`);
      if (n === 1) break;
    }
    expect(log).toEqual(['produce 0', 'consume 0', 'produce 1', 'consume 1']);
    expect(closed).toBe(true);
  });

  it('merges sources in arrival order and propagates the first error', async () => {
    // Each source waits on its own gates; the test opens one gate at a time, in this order,
    // and the next only once the item it released came out: order depends on no timer.
    const order = ['b', 'a', 'a', 'b', 'b', 'a', 'b'] as const;
    const gates = new Map<string, (() => void)[]>([
      ['a', []],
      ['b', []],
    ]);
    const waits = new Map<string, Promise<void>[]>();
    for (const name of ['a', 'b']) {
      const opens = gates.get(name) ?? [];
      const promises = order
        .filter((n) => n === name)
        .map(() => new Promise<void>((resolve) => opens.push(resolve)));
      waits.set(name, promises);
    }
    async function* gated(name: string) {
      let index = 0;
      for (const wait of waits.get(name) ?? []) {
        await wait;
        yield `${name}${index++}`;
      }
    }
    const opened = new Map<string, number>();
    const open = (step: number) => {
      const name = order[step];
      if (name === undefined) return;
      const count = opened.get(name) ?? 0;
      opened.set(name, count + 1);
      gates.get(name)?.[count]?.();
    };
    const seen: string[] = [];
    open(0);
    for await (const item of mergeByArrival([gated('a'), gated('b')])) {
      seen.push(item);
      open(seen.length);
    }
    expect(seen).toEqual(['b0', 'a0', 'a1', 'b1', 'b2', 'a2', 'b3']);
    async function* delayed(name: string, delays: number[]) {
      for (const ms of delays) {
        await new Promise((resolve) => setTimeout(resolve, ms));
        yield `${name}${ms}`;
      }
    }
    async function* failing() {
      yield 'x';
      throw new Error('boom');
    }
    await expect(async () => {
      for await (const _ of mergeByArrival([failing(), delayed('c', [50])])) {
        // drain
      }
    }).rejects.toThrow('boom');
  });
});

describe('recordIterator', () => {
  async function* pagesOf(log: string[], ...pages: number[][]) {
    try {
      for (const records of pages) {
        log.push(`page ${records.join(',')}`);
        yield { records };
      }
    } finally {
      log.push('closed');
    }
  }

  it('flattens pages, skipping empty ones, and answers overlapping next() calls in order', async () => {
    const log: string[] = [];
    const records = recordIterator(pagesOf(log, [1, 2], [], [3]));
    const all = await Promise.all([records.next(), records.next(), records.next(), records.next()]);
    expect(all).toEqual([
      { done: false, value: 1 },
      { done: false, value: 2 },
      { done: false, value: 3 },
      { done: true, value: undefined },
    ]);
    expect(await records.next()).toEqual({ done: true, value: undefined });
    expect(log).toEqual(['page 1,2', 'page ', 'page 3', 'closed']);
  });

  it('closes the pages on break, and ends after an error', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const record of recordIterator(pagesOf(log, [1, 2], [3]))) {
      seen.push(record);
      if (record === 1) break;
    }
    expect(seen).toEqual([1]);
    expect(log).toEqual(['page 1,2', 'closed']);

    async function* failing() {
      yield { records: ['a'] };
      throw new Error('boom');
    }
    const records = recordIterator(failing());
    expect(await records.next()).toEqual({ done: false, value: 'a' });
    await expect(records.next()).rejects.toThrow('boom');
    expect(await records.next()).toEqual({ done: true, value: undefined });
  });
});
