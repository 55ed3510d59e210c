/**
 * Access paths that list rows: by sys_id, the children of listed parents, and the children of
 * parents in a date range (a dot-walk such as `task.opened_at` answered by the parents' date
 * index, then the reverse index).
 *
 * @module
 */
import type { PathCandidate } from './access-path.js';
import type { CompiledTerm } from './compile-query.js';
import { datePositions, type OpenDateRange } from './date-range.js';
import type { PlanContext } from './plan-context.js';
import { childrenOf, childrenPerParent, type ReverseIndex } from './reverse-index.js';
import type { TableData } from './table-data.js';

/** A date range on a field reached through one reference. @internal */
export interface DotRange extends OpenDateRange {
  /** `<reference field>.<date field>`. */
  readonly key: string;
  readonly reverse: ReverseIndex;
  /** The referenced table (`task`). */
  readonly target: string;
  readonly field: string;
}

/** The rows of listed sys_ids (`sys_idIN...`). @internal */
export function sysIdList(
  table: TableData,
  ids: readonly string[],
  term: CompiledTerm,
): PathCandidate {
  const rows = () => {
    const found: number[] = [];
    for (const id of ids) {
      const row = table.rowOf(id.toLowerCase());
      if (row >= 0) found.push(row);
    }
    return Int32Array.from(found);
  };
  return {
    path: { kind: 'rows', key: `ids:sys_id:${ids.join(',')}`, rows, estimate: ids.length },
    estimate: ids.length,
    consumed: [term],
  };
}

function pristineParents(reverse: ReverseIndex, ctx: PlanContext): boolean {
  return reverse.parents.every((p) => ctx.table(p.table)?.pristine ?? true);
}

/** The children of parents whose dot-walked date is in a range. @internal */
export function dotWalkRange(dot: DotRange, ctx: PlanContext): PathCandidate | undefined {
  const { reverse, target, field, lo, hi } = dot;
  const parts: { parent: TableData; offset: number; from: number; to: number }[] = [];
  let parentCount = 0;
  for (const { table: name, offset } of reverse.parents) {
    const parent = ctx.table(name);
    if (parent === undefined || !ctx.concrete(target).includes(parent)) continue;
    const canonical = parent.index.aliases[field];
    if (canonical === undefined) return undefined;
    const [from, to] = datePositions(parent, canonical, lo, hi);
    parts.push({ parent, offset, from, to: Math.max(from, to) });
    parentCount += Math.max(0, to - from);
  }
  const rows = () => {
    const spaceRows = new Set<number>();
    for (const { parent, offset, from, to } of parts) {
      const perm = parent.index.dates.get(parent.index.aliases[field] as string)?.perm;
      if (perm !== undefined)
        for (let i = from; i < to; i++) spaceRows.add((perm[i] as number) + offset);
      // Updated parents may now match although their indexed value does not: re-test them.
      for (const row of parent.updated.keys()) spaceRows.add(row + offset);
    }
    return childrenOf(reverse, spaceRows);
  };
  const versions = reverse.parents.map((p) => ctx.table(p.table)?.version ?? 0).join('.');
  const estimate = parentCount * childrenPerParent(reverse);
  return {
    path: { kind: 'rows', key: `dot:${dot.key}:${lo}:${hi}:${versions}`, rows, estimate },
    estimate,
    consumed: pristineParents(reverse, ctx) ? dot.terms : [],
  };
}

/** The children of listed parents (`taskIN...`). @internal */
export function childrenOfIds(
  reverse: ReverseIndex,
  field: string,
  ids: readonly string[],
  ctx: PlanContext,
  term: CompiledTerm,
): PathCandidate {
  const rows = () => {
    const spaceRows = new Set<number>();
    for (const id of ids) {
      for (const { table: name, offset } of reverse.parents) {
        const row = ctx.table(name)?.rowOf(id.toLowerCase()) ?? -1;
        if (row >= 0) spaceRows.add(row + offset);
      }
    }
    return childrenOf(reverse, spaceRows);
  };
  const estimate = ids.length * childrenPerParent(reverse);
  return {
    path: { kind: 'rows', key: `ids:${field}:${ids.join(',')}`, rows, estimate },
    estimate,
    consumed: [term],
  };
}
