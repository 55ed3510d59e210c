/**
 * Access-path choice for one `^NQ` group: the narrowest of a sys_id range, a date-time range on
 * an indexed field, a dot-walked date range through a reference (parents by their date index,
 * then their children by the reverse index), a list of referenced parents, or a full scan.
 * Terms an index answers exactly are "consumed" and not re-tested on generated rows.
 *
 * @module
 */
import type { AccessPath, PathCandidate } from './access-path.js';
import type { Bound, CompiledGroup, CompiledTerm } from './compile-query.js';
import {
  type DateRange,
  datePositions,
  narrow,
  type OpenDateRange,
  openDateRange,
} from './date-range.js';
import type { PlanContext } from './plan-context.js';
import { childrenOfIds, type DotRange, dotWalkRange, sysIdList } from './row-list-paths.js';
import { sysRangeSize, tighterLower, tighterUpper } from './sys-id-bounds.js';
import type { TableData } from './table-data.js';

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

/** What the single-condition terms of a group say about where its rows are. */
interface GroupHints {
  sysLower: Bound | undefined;
  sysUpper: Bound | undefined;
  readonly sysTerms: Set<CompiledTerm>;
  /** Date ranges by canonical indexed field of the table itself. */
  readonly ranges: Map<string, OpenDateRange>;
  /** Date ranges through one reference, by `<reference>.<field>`. */
  readonly dots: Map<string, DotRange>;
  /** Row lists found on the way (sys_ids, children of listed parents), in term order. */
  readonly lists: PathCandidate[];
}

/** Plans one group on a table. @internal */
export function planGroup(table: TableData, group: CompiledGroup, ctx: PlanContext): GroupPlan {
  const hints: GroupHints = {
    sysLower: undefined,
    sysUpper: undefined,
    sysTerms: new Set(),
    ranges: new Map(),
    dots: new Map(),
    lists: [],
  };
  for (const term of group.terms) addHint(hints, table, term, ctx);
  const { sysLower, sysUpper } = hints;
  const scan: PathCandidate = {
    path: { kind: 'scan' },
    estimate: sysRangeSize(table, sysLower, sysUpper),
    consumed: [],
  };
  const best = cheapest(scan, candidates(hints, table, ctx));
  return {
    group,
    path: best.path,
    consumed: new Set(best.consumed),
    sysTerms: hints.sysTerms,
    dateRanges: new Map<string, DateRange>(hints.ranges),
    ...(sysLower === undefined ? {} : { sysLower }),
    ...(sysUpper === undefined ? {} : { sysUpper }),
  };
}

/** The candidate paths of a group: row lists, then dot-walked ranges, then date ranges. */
function candidates(hints: GroupHints, table: TableData, ctx: PlanContext): PathCandidate[] {
  const dots = [...hints.dots.values()].flatMap((dot) => dotWalkRange(dot, ctx) ?? []);
  const dates = [...hints.ranges].map(([field, range]): PathCandidate => {
    const [from, to] = datePositions(table, field, range.lo, range.hi);
    return { path: { kind: 'date', field, from, to }, estimate: to - from, consumed: range.terms };
  });
  return [...hints.lists, ...dots, ...dates];
}

/** The candidate with the lowest estimate; on a tie, the later one. */
function cheapest(scan: PathCandidate, list: readonly PathCandidate[]): PathCandidate {
  return list.reduce(
    (best, candidate) => (candidate.estimate <= best.estimate ? candidate : best),
    scan,
  );
}

/** Notes what one term says about where the group's rows are (only single-condition terms do). */
function addHint(hints: GroupHints, table: TableData, term: CompiledTerm, ctx: PlanContext): void {
  if (term.length !== 1) return;
  const c = term[0];
  if (c === undefined || c.hint === undefined) return;
  const { path, hint } = c;
  const hop = path.hops[0];
  if (hint.kind === 'range' && hop === undefined) {
    if (path.field.name === 'sys_id') {
      if (hint.lower !== undefined) hints.sysLower = tighterLower(hints.sysLower, hint.lower);
      if (hint.upper !== undefined) hints.sysUpper = tighterUpper(hints.sysUpper, hint.upper);
      hints.sysTerms.add(term);
      return;
    }
    const canonical = table.index.aliases[path.field.name];
    if (canonical === undefined) return;
    const range = hints.ranges.get(canonical) ?? openDateRange();
    narrow(range, hint);
    range.terms.push(term);
    hints.ranges.set(canonical, range);
    return;
  }
  if (hop === undefined && hint.kind === 'ids' && path.field.name === 'sys_id') {
    hints.lists.push(sysIdList(table, hint.ids, term));
    return;
  }
  const reverse = ctx.reverse(table.name, (hop ?? path.field).name);
  if (reverse === undefined) return;
  if (hint.kind === 'range' && hop !== undefined && path.hops.length === 1) {
    const key = `${hop.name}.${path.field.name}`;
    const range = hints.dots.get(key) ?? {
      key,
      reverse,
      target: path.table,
      field: path.field.name,
      ...openDateRange(),
    };
    narrow(range, hint);
    range.terms.push(term);
    hints.dots.set(key, range);
  } else if (hint.kind === 'ids' && hop === undefined) {
    hints.lists.push(childrenOfIds(reverse, path.field.name, hint.ids, ctx, term));
  }
}
