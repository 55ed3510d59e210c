/**
 * Candidate rows of an access path as a sorted array of sys_id first words (sys_id order), with
 * a small cache, so the pages of one keyset scan (`<filter>^sys_id>X^ORDERBYsys_id`) sort their
 * candidates once and then binary-search to each cursor.
 *
 * @module
 */
import type { AccessPath } from './access-path.js';
import type { TableData } from './table-data.js';

const MAX_ENTRIES = 8;
const MAX_WORDS = 16_000_000;

/** A small LRU of sorted word lists. @internal */
export class WordListCache {
  private readonly entries = new Map<string, Uint32Array>();
  private words = 0;

  get(key: string): Uint32Array | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: Uint32Array): void {
    if (value.length > MAX_WORDS) return;
    this.entries.set(key, value);
    this.words += value.length;
    while (this.entries.size > MAX_ENTRIES || this.words > MAX_WORDS) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.words -= this.entries.get(oldest)?.length ?? 0;
      this.entries.delete(oldest);
    }
  }
}

/** Sorted, de-duplicated words of a list of rows. */
function wordsOfRows(table: TableData, rows: ArrayLike<number>): Uint32Array {
  const words = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) words[i] = table.key.word0(rows[i] as number);
  words.sort();
  let k = 0;
  for (let i = 0; i < words.length; i++) {
    if (i === 0 || words[i] !== words[i - 1]) words[k++] = words[i] as number;
  }
  return k === words.length ? words : words.slice(0, k);
}

/** The generated rows of an access path, in sys_id order (as first words). @internal */
export function pathWords(table: TableData, path: AccessPath, cache: WordListCache): Uint32Array {
  if (path.kind === 'scan') return table.index.order;
  const key =
    path.kind === 'date'
      ? `${table.name}|date:${path.field}:${path.from}:${path.to}`
      : `${table.name}|${path.key}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let words: Uint32Array;
  if (path.kind === 'date') {
    const perm = table.index.dates.get(path.field)?.perm ?? new Int32Array(0);
    words = wordsOfRows(table, perm.subarray(path.from, path.to));
  } else {
    words = wordsOfRows(table, path.rows());
  }
  cache.set(key, words);
  return words;
}

/** The generated rows of an access path, in no particular order. @internal */
export function pathRows(table: TableData, path: AccessPath): ArrayLike<number> {
  if (path.kind === 'scan') {
    const rows = new Int32Array(table.size);
    for (let i = 0; i < rows.length; i++) rows[i] = i;
    return rows;
  }
  if (path.kind === 'date') {
    const perm = table.index.dates.get(path.field)?.perm ?? new Int32Array(0);
    return perm.subarray(path.from, path.to);
  }
  return path.rows();
}
