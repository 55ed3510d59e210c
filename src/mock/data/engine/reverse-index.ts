/**
 * Children by parent through a reference field (`task_sla.task` -> incidents and incident
 * tasks), as laid out by the generators.
 *
 * @module
 */
import type { ChildLayout } from '../generators/child-layout.js';

/** Children of a reference field, by parent (`task_sla.task` -> incidents and incident tasks). @internal */
export interface ReverseIndex {
  readonly layout: ChildLayout;
  /** Parent tables and the offset of their rows in the layout's parent space. */
  readonly parents: readonly { readonly table: string; readonly offset: number }[];
}

/** The child rows of parents given by their row in the layout's parent space, in that order. @internal */
export function childrenOf(reverse: ReverseIndex, spaceRows: Iterable<number>): Int32Array {
  const layout = reverse.layout;
  let total = 0;
  const parents: number[] = [];
  for (const p of spaceRows) {
    parents.push(p);
    total += layout.end(p) - layout.start(p);
  }
  const rows = new Int32Array(total);
  let k = 0;
  for (const p of parents) for (let r = layout.start(p); r < layout.end(p); r++) rows[k++] = r;
  return rows;
}

/** The average number of children of one parent. @internal */
export function childrenPerParent(reverse: ReverseIndex): number {
  const layout = reverse.layout;
  return layout.parents > 0 ? layout.size / layout.parents : 0;
}
