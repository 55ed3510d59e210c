import { createMockData, type MockData, mockSchema } from '../../src/mock/data/index.js';
import type { MockRecord } from '../../src/mock/types.js';
import { type EncodedQuery, parseQuery } from '../../src/query/index.js';

/** Parses a query the way the mock server does (invalid terms dropped). */
export function q(text: string): EncodedQuery {
  return parseQuery(text, { mode: 'lenient' });
}

const stores = new Map<string, MockData>();

/** A store shared by the tests of a file (read-only use only). */
export function sharedStore(seed = 11, scale = 300): MockData {
  const key = `${seed}/${scale}`;
  let store = stores.get(key);
  if (store === undefined) {
    store = createMockData({ seed, scale });
    stores.set(key, store);
  }
  return store;
}

/** Every live row of a table. */
export function all(store: MockData, table: string): MockRecord[] {
  return [...store.rows(table)];
}

/** Sys_ids of the rows of a select, in order. */
export function ids(rows: readonly MockRecord[]): string[] {
  return rows.map((r) => r.sys_id ?? '');
}

/** Sys_ids of the rows satisfying a predicate, in sys_id order. */
export function expected(
  rows: readonly MockRecord[],
  predicate: (r: MockRecord) => boolean,
): string[] {
  return ids(rows.filter(predicate)).sort();
}

/** `YYYY-MM-DD HH:MM:SS` of epoch milliseconds (UTC), computed independently of the store. */
export function utc(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** Reference fields of a table that point at served tables. */
export function referenceFields(table: string): { name: string; target: string }[] {
  const schema = mockSchema(table);
  if (schema === undefined) return [];
  return schema.fields
    .filter((f) => f.type === 'reference' && f.reference !== undefined)
    .map((f) => ({ name: f.name, target: f.reference as string }))
    .filter((f) => mockSchema(f.target) !== undefined);
}
