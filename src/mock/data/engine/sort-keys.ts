/**
 * `ORDERBY` keys: each field's value (a reference sorts by its display value), empty first,
 * then, for rows equal on every key, the sys_id, or, when ties are shuffled (the `shuffleTies`
 * fault), a seeded hash of the sys_id, so that ties come back in an order that is not sys_id
 * order, as a database without a unique sort key does.
 *
 * @module
 */
import { compareForSort } from './compare.js';
import type { CompiledOrder } from './compile-query.js';
import { type RowResolver, readPath, readReferenceDisplay } from './field-path.js';
import type { RowView } from './table-data.js';

/** A row with its sort key. @internal */
export interface Keyed {
  readonly view: RowView;
  readonly keys: readonly string[];
  readonly sysId: string;
  /** The tiebreaker drawn from the tie salt; 0 when ties are not shuffled. */
  readonly tie: number;
}

/**
 * A 32-bit hash of `text` mixed with `salt` (FNV-1a over the characters, then an avalanche
 * finaliser), so that nearby sys_ids land far apart. @internal
 */
export function tieHash(salt: number, text: string): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The salt of one request's tie order: the fault's seed mixed with the page's offset, so each
 * page of an offset-paged read sees its own order of ties (as a database planning each
 * `LIMIT/OFFSET` query anew may), while the same request always gets the same answer. @internal
 */
export function tieSalt(seed: number, offset: number): number {
  return tieHash(seed >>> 0, `offset:${offset}`);
}

/** Computes the sort key of a row; `salt` shuffles ties (else sys_id order). @internal */
export function keyed(
  view: RowView,
  orderBy: readonly CompiledOrder[],
  resolver: RowResolver,
  salt?: number,
): Keyed {
  const keys = orderBy.map((o) =>
    o.path.kind === 'reference'
      ? readReferenceDisplay(view, o.path, resolver)
      : readPath(view, o.path, resolver),
  );
  const sysId = view.get('sys_id');
  return { view, keys, sysId, tie: salt === undefined ? 0 : tieHash(salt, sysId) };
}

/** Compares two keyed rows by `orderBy`, then their tiebreaker, then sys_id ascending. @internal */
export function compareKeyed(orderBy: readonly CompiledOrder[]): (a: Keyed, b: Keyed) => number {
  return (a, b) => {
    for (let i = 0; i < orderBy.length; i++) {
      const o = orderBy[i] as CompiledOrder;
      const kind = o.path.kind === 'reference' ? 'text' : o.path.kind;
      const d = compareForSort(kind, a.keys[i] as string, b.keys[i] as string);
      if (d !== 0) return o.direction === 'desc' ? -d : d;
    }
    if (a.tie !== b.tie) return a.tie - b.tie;
    return a.sysId < b.sysId ? -1 : a.sysId > b.sysId ? 1 : 0;
  };
}
