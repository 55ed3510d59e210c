/**
 * Access-path choice for one `^NQ` group: the narrowest of a sys_id range, a date-time range on
 * an indexed field, a dot-walked date range through a reference (parents by their date index,
 * then their children by the reverse index), a list of referenced parents, or a full scan.
 * Terms an index answers exactly are "consumed" and not re-tested on generated rows.
 *
 * @module
 */
import type { ChildLayout } from '../generators/child-layout.js';
import { EMPTY_SECONDS } from '../generators/row-source.js';
import type { Bound, CompiledGroup, CompiledTerm } from './compile-query.js';
import type { TableData } from './table-data.js';
import { lowerBoundValue, sysIdBoundPosition } from './table-index.js';

/** Children of a reference field, by parent (`task_sla.task` -> incidents and incident tasks). @internal */
export interface ReverseIndex {
  readonly layout: ChildLayout;
  /** Parent tables and the offset of their rows in the layout's parent space. */
  readonly parents: readonly { readonly table: string; readonly offset: number }[];
}

/** What the planner needs from the store. @internal */
export interface PlanContext {
  table(name: string): TableData | undefined;
  /** The served tables that are `name` or extend it. */
  concrete(name: string): readonly TableData[];
  reverse(table: string, field: string): ReverseIndex | undefined;
}

/** How the generated rows of a group are found. @internal */
export type AccessPath =
  | { readonly kind: 'scan' }
  | { readonly kind: 'date'; readonly field: string; readonly from: number; readonly to: number }
  | {
      readonly kind: 'rows';
      readonly key: string;
      readonly rows: () => Int32Array;
      readonly estimate: number;
    };

/** The plan of one group. @internal */
export interface GroupPlan {
  readonly group: CompiledGroup;
  readonly path: AccessPath;
  /** Terms answered exactly by `path` (sys_id bounds excluded). */
  readonly consumed: ReadonlySet<CompiledTerm>;
  /** sys_id bounds of the group (lowercase text). */
  readonly sysLower?: Bound;
  readonly sysUpper?: Bound;
  /** Terms that are sys_id bounds. */
  readonly sysTerms: ReadonlySet<CompiledTerm>;
  /** Date ranges by canonical indexed field, as seconds [lo, hi] inclusive, with their terms. */
  readonly dateRanges: ReadonlyMap<string, DateRange>;
}

/** A date range on one indexed field. @internal */
export interface DateRange {
  readonly lo: number;
  readonly hi: number;
  readonly terms: readonly CompiledTerm[];
}

/** A date range on a field reached through one reference. */
interface DotRange {
  /** `<reference field>.<date field>`. */
  readonly key: string;
  readonly reverse: ReverseIndex;
  /** The referenced table (`task`). */
  readonly target: string;
  readonly field: string;
  lo: number;
  hi: number;
  readonly terms: CompiledTerm[];
}

/** Narrows an inclusive [lo, hi] seconds range by a range hint. */
function narrow(
  range: { lo: number; hi: number },
  hint: { readonly lower?: Bound; readonly upper?: Bound },
): void {
  if (hint.lower?.seconds !== undefined) {
    range.lo = Math.max(range.lo, hint.lower.seconds + (hint.lower.inclusive ? 0 : 1));
  }
  if (hint.upper?.seconds !== undefined) {
    range.hi = Math.min(range.hi, hint.upper.seconds - (hint.upper.inclusive ? 0 : 1));
  }
}

function tighterLower(a: Bound | undefined, b: Bound): Bound {
  if (a === undefined || b.text > a.text) return b;
  if (b.text === a.text && !b.inclusive) return b;
  return a;
}

function tighterUpper(a: Bound | undefined, b: Bound): Bound {
  if (a === undefined || b.text < a.text) return b;
  if (b.text === a.text && !b.inclusive) return b;
  return a;
}

/** Position range of a date range in an index's permutation. @internal */
export function datePositions(
  table: TableData,
  field: string,
  lo: number,
  hi: number,
): [number, number] {
  const index = table.index.dates.get(field);
  if (index === undefined || lo > hi) return [0, 0];
  return [lowerBoundValue(index, lo), lowerBoundValue(index, hi + 1)];
}

/** Plans one group on a table. @internal */
export function planGroup(table: TableData, group: CompiledGroup, ctx: PlanContext): GroupPlan {
  let sysLower: Bound | undefined;
  let sysUpper: Bound | undefined;
  const sysTerms = new Set<CompiledTerm>();
  const ranges = new Map<string, { lo: number; hi: number; terms: CompiledTerm[] }>();
  const dots = new Map<string, DotRange>();
  const candidates: { path: AccessPath; estimate: number; consumed: CompiledTerm[] }[] = [];
  for (const term of group.terms) {
    if (term.length !== 1) continue;
    const c = term[0];
    if (c === undefined || c.hint === undefined) continue;
    const { path, hint } = c;
    if (hint.kind === 'range' && path.hops.length === 0 && path.field.name === 'sys_id') {
      if (hint.lower !== undefined) sysLower = tighterLower(sysLower, hint.lower);
      if (hint.upper !== undefined) sysUpper = tighterUpper(sysUpper, hint.upper);
      sysTerms.add(term);
      continue;
    }
    if (hint.kind === 'range' && path.hops.length === 0) {
      const canonical = table.index.aliases[path.field.name];
      if (canonical === undefined) continue;
      const range = ranges.get(canonical) ?? { lo: EMPTY_SECONDS + 1, hi: 2147483647, terms: [] };
      narrow(range, hint);
      range.terms.push(term);
      ranges.set(canonical, range);
      continue;
    }
    const hop = path.hops[0];
    if (hop === undefined && hint.kind === 'ids' && path.field.name === 'sys_id') {
      candidates.push(sysIdList(table, hint.ids, term));
      continue;
    }
    const reverse = ctx.reverse(table.name, (hop ?? path.field).name);
    if (reverse === undefined) continue;
    if (hint.kind === 'range' && hop !== undefined && path.hops.length === 1) {
      const key = `${hop.name}.${path.field.name}`;
      const range = dots.get(key) ?? {
        key,
        reverse,
        target: path.table,
        field: path.field.name,
        lo: EMPTY_SECONDS + 1,
        hi: 2147483647,
        terms: [],
      };
      narrow(range, hint);
      range.terms.push(term);
      dots.set(key, range);
    } else if (hint.kind === 'ids' && hop === undefined) {
      candidates.push(childrenOfIds(reverse, path.field.name, hint.ids, ctx, term));
    }
  }
  for (const dot of dots.values()) {
    const candidate = dotWalkRange(dot, ctx);
    if (candidate !== undefined) candidates.push(candidate);
  }
  for (const [field, range] of ranges) {
    const [from, to] = datePositions(table, field, range.lo, range.hi);
    candidates.push({
      path: { kind: 'date', field, from, to },
      estimate: to - from,
      consumed: range.terms,
    });
  }
  let best: { path: AccessPath; estimate: number; consumed: CompiledTerm[] } = {
    path: { kind: 'scan' },
    estimate: sysRangeSize(table, sysLower, sysUpper),
    consumed: [],
  };
  for (const candidate of candidates) if (candidate.estimate <= best.estimate) best = candidate;
  const dateRanges = new Map<string, DateRange>();
  for (const [field, range] of ranges) dateRanges.set(field, range);
  const plan: GroupPlan = {
    group,
    path: best.path,
    consumed: new Set(best.consumed),
    sysTerms,
    dateRanges,
    ...(sysLower === undefined ? {} : { sysLower }),
    ...(sysUpper === undefined ? {} : { sysUpper }),
  };
  return plan;
}

/** Number of generated rows between two sys_id bounds. */
function sysRangeSize(
  table: TableData,
  lower: Bound | undefined,
  upper: Bound | undefined,
): number {
  const order = table.index.order;
  const from =
    lower === undefined ? 0 : sysIdBoundPosition(order, lower.text, lower.inclusive, table.key);
  const to =
    upper === undefined
      ? order.length
      : sysIdBoundPosition(order, upper.text, !upper.inclusive, table.key);
  return Math.max(0, to - from);
}

function sysIdList(table: TableData, ids: readonly string[], term: CompiledTerm) {
  const rows = () => {
    const found: number[] = [];
    for (const id of ids) {
      const row = table.rowOf(id.toLowerCase());
      if (row >= 0) found.push(row);
    }
    return Int32Array.from(found);
  };
  return {
    path: { kind: 'rows', key: `ids:sys_id:${ids.join(',')}`, rows, estimate: ids.length } as const,
    estimate: ids.length,
    consumed: [term],
  };
}

function pristineParents(reverse: ReverseIndex, ctx: PlanContext): boolean {
  return reverse.parents.every((p) => ctx.table(p.table)?.pristine ?? true);
}

function childrenOf(reverse: ReverseIndex, spaceRows: Iterable<number>): Int32Array {
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

function dotWalkRange(dot: DotRange, ctx: PlanContext) {
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
  const layout = reverse.layout;
  const perParent = layout.parents > 0 ? layout.size / layout.parents : 0;
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
  const estimate = parentCount * perParent;
  return {
    path: { kind: 'rows', key: `dot:${dot.key}:${lo}:${hi}:${versions}`, rows, estimate } as const,
    estimate,
    consumed: pristineParents(reverse, ctx) ? dot.terms : [],
  };
}

function childrenOfIds(
  reverse: ReverseIndex,
  field: string,
  ids: readonly string[],
  ctx: PlanContext,
  term: CompiledTerm,
) {
  const layout = reverse.layout;
  const perParent = layout.parents > 0 ? layout.size / layout.parents : 0;
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
  return {
    path: {
      kind: 'rows',
      key: `ids:${field}:${ids.join(',')}`,
      rows,
      estimate: ids.length * perParent,
    } as const,
    estimate: ids.length * perParent,
    consumed: [term],
  };
}
