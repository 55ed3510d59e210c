/**
 * `ORDERBY` keys: each field's value (a reference sorts by its display value), empty first,
 * with the sys_id as the final tiebreaker.
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
}

/** Computes the sort key of a row. @internal */
export function keyed(
  view: RowView,
  orderBy: readonly CompiledOrder[],
  resolver: RowResolver,
): Keyed {
  const keys = orderBy.map((o) =>
    o.path.kind === 'reference'
      ? readReferenceDisplay(view, o.path, resolver)
      : readPath(view, o.path, resolver),
  );
  return { view, keys, sysId: view.get('sys_id') };
}

/** Compares two keyed rows by `orderBy`, then sys_id ascending. @internal */
export function compareKeyed(orderBy: readonly CompiledOrder[]): (a: Keyed, b: Keyed) => number {
  return (a, b) => {
    for (let i = 0; i < orderBy.length; i++) {
      const o = orderBy[i] as CompiledOrder;
      const kind = o.path.kind === 'reference' ? 'text' : o.path.kind;
      const d = compareForSort(kind, a.keys[i] as string, b.keys[i] as string);
      if (d !== 0) return o.direction === 'desc' ? -d : d;
    }
    return a.sysId < b.sysId ? -1 : a.sysId > b.sysId ? 1 : 0;
  };
}
