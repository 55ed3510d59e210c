/**
 * Compact indexes of a generated table, built once: the sys_id order (sorted first words of the
 * sys_ids, 4 bytes a row) and, per indexed date-time field, the values as epoch seconds and the
 * rows sorted by (value, sys_id) (8 bytes a row). Typed arrays only: a million rows cost a few
 * megabytes, and no row object is kept.
 *
 * @module
 */
import { EMPTY_SECONDS, type RowSource } from '../generators/row-source.js';
import type { SysIdKey } from '../sys-id.js';

/** A sorted date-time index. @internal */
export interface DateIndex {
  /** Epoch seconds by row; {@link EMPTY_SECONDS} when empty. */
  readonly values: Int32Array;
  /** Rows sorted by (value, sys_id); empty values first. */
  readonly perm: Int32Array;
}

/** The indexes of one table. @internal */
export interface TableIndex {
  readonly size: number;
  /** First sys_id words in ascending order; the row of `order[k]` is `key.rowOfWord0(order[k])`. */
  readonly order: Uint32Array;
  /** Indexes by canonical field. */
  readonly dates: ReadonlyMap<string, DateIndex>;
  /** Field -> canonical field of its index (`sys_created_on` -> `opened_at`). */
  readonly aliases: Readonly<Record<string, string>>;
}

/** Builds the indexes of a source (row-major, so a row's draws are computed once). @internal */
export function buildTableIndex(source: RowSource, key: SysIdKey): TableIndex {
  const size = source.size;
  const words = new Uint32Array(size);
  const canonical = [...new Set(Object.values(source.indexedDates))];
  const columns = canonical.map(() => new Int32Array(size));
  for (let row = 0; row < size; row++) {
    words[row] = key.word0(row);
    for (let c = 0; c < canonical.length; c++) {
      (columns[c] as Int32Array)[row] = source.seconds(row, canonical[c] as string);
    }
  }
  const order = new Uint32Array(size);
  const sorted = radixOrder(words);
  for (let i = 0; i < size; i++) order[i] = words[sorted[i] as number] as number;
  const dates = new Map<string, DateIndex>();
  canonical.forEach((field, c) => {
    const values = columns[c] as Int32Array;
    dates.set(field, { values, perm: sortByValue(values, key) });
  });
  return { size, order, dates, aliases: source.indexedDates };
}

/**
 * Rows ordered by an unsigned 32-bit key: a stable LSD radix sort (three 11-bit passes), linear
 * in the number of rows.
 * @internal
 */
export function radixOrder(keys: Uint32Array): Int32Array {
  const size = keys.length;
  let src = new Int32Array(size);
  for (let i = 0; i < size; i++) src[i] = i;
  let dst = new Int32Array(size);
  const counts = new Int32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < size; i++) {
      const digit = ((keys[i] as number) >>> shift) & 2047;
      counts[digit] = (counts[digit] as number) + 1;
    }
    if (counts.some((c) => c === size)) continue;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      const c = counts[d] as number;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < size; i++) {
      const row = src[i] as number;
      const digit = ((keys[row] as number) >>> shift) & 2047;
      const at = counts[digit] as number;
      dst[at] = row;
      counts[digit] = at + 1;
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  return src;
}

/** Rows sorted by (value, word0); empty values first. */
function sortByValue(values: Int32Array, key: SysIdKey): Int32Array {
  const size = values.length;
  let min = 0;
  let first = true;
  for (let row = 0; row < size; row++) {
    const v = values[row] as number;
    if (v !== EMPTY_SECONDS && (first || v < min)) {
      min = v;
      first = false;
    }
  }
  const keys = new Uint32Array(size);
  for (let row = 0; row < size; row++) {
    const v = values[row] as number;
    keys[row] = v === EMPTY_SECONDS ? 0 : v - min + 1;
  }
  const perm = radixOrder(keys);
  breakTies(perm, values, key);
  return perm;
}

/** Orders each run of equal values by sys_id (its first word, unique in a table). */
function breakTies(perm: Int32Array, values: Int32Array, key: SysIdKey): void {
  let start = 0;
  while (start < perm.length) {
    const value = values[perm[start] as number];
    let end = start + 1;
    while (end < perm.length && values[perm[end] as number] === value) end++;
    if (end - start > 1) {
      const words = new Uint32Array(end - start);
      for (let i = start; i < end; i++) words[i - start] = key.word0(perm[i] as number);
      words.sort();
      for (let i = start; i < end; i++) perm[i] = key.rowOfWord0(words[i - start] as number);
    }
    start = end;
  }
}

/** First position in `perm` whose value is >= `value`. @internal */
export function lowerBoundValue(index: DateIndex, value: number): number {
  let lo = 0;
  let hi = index.perm.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((index.values[index.perm[mid] as number] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position in `order` whose word is >= `word`. @internal */
export function lowerBoundWord(order: Uint32Array, word: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((order[mid] as number) < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * First position in a word-sorted array whose sys_id is > `bound` (`inclusive`: >=), comparing
 * the full sys_id text, so any bound (even one that is no sys_id) works.
 * @internal
 */
export function sysIdBoundPosition(
  words: Uint32Array,
  bound: string,
  inclusive: boolean,
  key: SysIdKey,
): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const id = key.sysId(key.rowOfWord0(words[mid] as number));
    const before = inclusive ? id < bound : id <= bound;
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
