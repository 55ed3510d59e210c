/**
 * Runs a compiled query on one table. Three strategies, picked from the sort:
 * - sys_id order (and no ORDERBY): stream each group's candidates in sys_id order (binary search
 *   to a keyset cursor), merge groups, stop when the page is full;
 * - an indexed date-time field first (`ORDERBYsys_updated_on^ORDERBYsys_id`): stream the date
 *   index over the groups' ranges;
 * - anything else: collect the matches, sort, slice.
 * Records of the overlay (inserted, updated) are tested one by one and merged in their place.
 *
 * @module
 */
import { EMPTY_SECONDS } from '../generators/row-source.js';
import { formatDateTime } from '../glide-format.js';
import { type CompiledQuery, matchesQuery } from './compile-query.js';
import type { RowResolver } from './field-path.js';
import type { PlanContext } from './plan-context.js';
import { type GroupPlan, planGroup } from './plan-group.js';
import { compareKeyed, keyed } from './sort-keys.js';
import type { RowView, TableData } from './table-data.js';
import { sysIdBoundPosition } from './table-index.js';
import { pathRows, pathWords, type WordListCache } from './word-lists.js';

/** Paging of a query. @internal */
export interface ExecuteOptions {
  readonly limit: number;
  readonly offset: number;
  readonly count: boolean;
}

/** Rows of a page, and the total when counted. @internal */
export interface ExecuteResult {
  readonly views: RowView[];
  readonly total?: number;
}

/** What execution needs from the store. @internal */
export interface ExecuteContext extends PlanContext {
  readonly resolver: RowResolver;
  readonly cache: WordListCache;
}

class Page {
  readonly views: RowView[] = [];
  total = 0;

  constructor(readonly options: ExecuteOptions) {}

  /** Adds a matching row; `true` when nothing more is needed. */
  add(view: RowView): boolean {
    this.total++;
    if (this.total > this.options.offset && this.views.length < this.options.limit) {
      this.views.push(view);
    }
    return this.done;
  }

  get full(): boolean {
    return this.views.length >= this.options.limit;
  }

  get done(): boolean {
    return this.full && !this.options.count;
  }

  result(): ExecuteResult {
    return this.options.count ? { views: this.views, total: this.total } : { views: this.views };
  }
}

type Order =
  | { readonly kind: 'sys_id'; readonly desc: boolean }
  | { readonly kind: 'date'; readonly field: string; readonly desc: boolean }
  | { readonly kind: 'general' };

function orderOf(table: TableData, query: CompiledQuery): Order {
  const [first, ...rest] = query.orderBy;
  if (first === undefined) return { kind: 'sys_id', desc: false };
  const own = first.path.hops.length === 0;
  if (own && first.path.field.name === 'sys_id')
    return { kind: 'sys_id', desc: first.direction === 'desc' };
  const field = own ? table.index.aliases[first.path.field.name] : undefined;
  const tail = rest.every(
    (o) => o.path.hops.length === 0 && o.path.field.name === 'sys_id' && o.direction === 'asc',
  );
  if (field !== undefined && tail) return { kind: 'date', field, desc: first.direction === 'desc' };
  return { kind: 'general' };
}

/** Runs a compiled query on a table. @internal */
export function executeQuery(
  table: TableData,
  query: CompiledQuery,
  options: ExecuteOptions,
  ctx: ExecuteContext,
): ExecuteResult {
  const plans =
    query.groups.length === 0
      ? [planGroup(table, { terms: [] }, ctx)]
      : query.groups.map((g) => planGroup(table, g, ctx));
  const page = new Page(options);
  const order = orderOf(table, query);
  if (order.kind === 'sys_id') {
    sysIdOrdered(table, query, plans, order.desc, page, ctx);
  } else if (
    order.kind === 'date' &&
    plans.every(
      (p) => p.path.kind === 'scan' || (p.path.kind === 'date' && p.path.field === order.field),
    )
  ) {
    dateOrdered(table, query, plans, order.field, order.desc, page);
  } else {
    sortedGeneral(table, query, plans, page, ctx);
  }
  return page.result();
}

function matchedExtras(table: TableData, query: CompiledQuery): RowView[] {
  return table.extras().filter((view) => matchesQuery(query, view));
}

interface Stream {
  readonly words: Uint32Array;
  readonly from: number;
  readonly to: number;
  pos: number;
  readonly exact: boolean;
}

function sysIdOrdered(
  table: TableData,
  query: CompiledQuery,
  plans: readonly GroupPlan[],
  desc: boolean,
  page: Page,
  ctx: ExecuteContext,
): void {
  const key = table.key;
  const streams: Stream[] = plans.map((plan) => {
    const words = pathWords(table, plan.path, ctx.cache);
    const lower = plan.sysLower;
    const upper = plan.sysUpper;
    const from =
      lower === undefined ? 0 : sysIdBoundPosition(words, lower.text, lower.inclusive, key);
    const to = Math.max(
      from,
      upper === undefined
        ? words.length
        : sysIdBoundPosition(words, upper.text, !upper.inclusive, key),
    );
    const exact = plan.group.terms.every((t) => plan.consumed.has(t) || plan.sysTerms.has(t));
    return { words, from, to, pos: desc ? to - 1 : from, exact };
  });
  const extras = matchedExtras(table, query);
  if (desc) extras.reverse();
  let e = 0;
  const pristine = table.pristine;
  const single = streams.length === 1 ? streams[0] : undefined;
  if (single?.exact === true && pristine) {
    // Every position matches: skip the offset without visiting the rows.
    const skip = Math.min(page.options.offset, single.to - single.from);
    single.pos += desc ? -skip : skip;
    page.total += skip;
  }
  for (;;) {
    let word = -1;
    for (const s of streams) {
      if (s.pos < s.from || s.pos >= s.to) continue;
      const w = s.words[s.pos] as number;
      if (word < 0 || (desc ? w > word : w < word)) word = w;
    }
    if (word < 0) break;
    let exact = false;
    for (const s of streams) {
      if (s.pos >= s.from && s.pos < s.to && s.words[s.pos] === word) {
        s.pos += desc ? -1 : 1;
        exact ||= s.exact;
      }
    }
    const row = key.rowOfWord0(word);
    if (!pristine && table.shadowed(row)) continue;
    if (e < extras.length) {
      const id = key.sysId(row);
      while (e < extras.length) {
        const other = (extras[e] as RowView).get('sys_id');
        if (desc ? other <= id : other >= id) break;
        if (page.add(extras[e++] as RowView)) return;
      }
    }
    const view = table.view(row);
    if (!exact && !matchesQuery(query, view)) continue;
    if (page.add(view)) return;
    if (page.full && single?.exact === true && pristine) {
      page.total += desc ? single.pos - single.from + 1 : single.to - single.pos;
      return;
    }
  }
  while (e < extras.length) if (page.add(extras[e++] as RowView)) return;
}

function dateOrdered(
  table: TableData,
  query: CompiledQuery,
  plans: readonly GroupPlan[],
  field: string,
  desc: boolean,
  page: Page,
): void {
  const index = table.index.dates.get(field);
  if (index === undefined) return;
  const { perm, values } = index;
  let from = perm.length;
  let to = 0;
  for (const plan of plans) {
    const path = plan.path;
    from = Math.min(from, path.kind === 'date' ? path.from : 0);
    to = Math.max(to, path.kind === 'date' ? path.to : perm.length);
  }
  const only = plans.length === 1 ? plans[0] : undefined;
  const range = only?.dateRanges.get(field);
  const exact =
    only !== undefined &&
    (only.path.kind === 'date' || only.group.terms.length === 0) &&
    only.group.terms.every((t) => range?.terms.includes(t) === true);
  const text = (row: number) => {
    const v = values[row] as number;
    return v === EMPTY_SECONDS ? '' : formatDateTime(v);
  };
  const fieldName = query.orderBy[0]?.path.field.name ?? field;
  const extras = matchedExtras(table, query)
    .map((view) => ({ view, value: view.get(fieldName), id: view.get('sys_id') }))
    .sort((a, b) =>
      a.value !== b.value ? (a.value < b.value !== desc ? -1 : 1) : a.id < b.id ? -1 : 1,
    );
  let e = 0;
  const pristine = table.pristine;
  const visit = (row: number): boolean => {
    if (!pristine && table.shadowed(row)) return false;
    if (e < extras.length) {
      const value = text(row);
      const id = table.key.sysId(row);
      while (e < extras.length) {
        const x = extras[e] as { view: RowView; value: string; id: string };
        const before = x.value !== value ? x.value < value !== desc : x.id < id;
        if (!before) break;
        if (page.add(x.view)) return true;
        e++;
      }
    }
    const view = table.view(row);
    if (!exact && !matchesQuery(query, view)) return false;
    return page.add(view);
  };
  if (!desc) {
    for (let i = from; i < to; i++) if (visit(perm[i] as number)) return;
  } else {
    let i = to - 1;
    while (i >= from) {
      const v = values[perm[i] as number];
      let j = i;
      while (j - 1 >= from && values[perm[j - 1] as number] === v) j--;
      for (let k = j; k <= i; k++) if (visit(perm[k] as number)) return;
      i = j - 1;
    }
  }
  while (e < extras.length) if (page.add((extras[e++] as { view: RowView }).view)) return;
}

function sortedGeneral(
  table: TableData,
  query: CompiledQuery,
  plans: readonly GroupPlan[],
  page: Page,
  ctx: ExecuteContext,
): void {
  const seen = new Uint8Array(table.size);
  const matched: RowView[] = [];
  const scan = plans.some((p) => p.path.kind === 'scan');
  const sources = scan
    ? [pathRows(table, { kind: 'scan' })]
    : plans.map((p) => pathRows(table, p.path));
  for (const rows of sources) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as number;
      if (seen[row] === 1) continue;
      seen[row] = 1;
      if (table.shadowed(row)) continue;
      const view = table.view(row);
      if (matchesQuery(query, view)) matched.push(view);
    }
  }
  matched.push(...matchedExtras(table, query));
  const rows = matched.map((view) => keyed(view, query.orderBy, ctx.resolver));
  rows.sort(compareKeyed(query.orderBy));
  for (const row of rows) if (page.add(row.view)) return;
}
