/**
 * A query ordered by an indexed date-time field first (`ORDERBYsys_updated_on^ORDERBYsys_id`):
 * the field's index streamed over the groups' ranges, ties in sys_id order, overlay records
 * merged in their place.
 *
 * @module
 */
import { EMPTY_SECONDS } from '../generators/row-source.js';
import { formatDateTime } from '../glide-format.js';
import { type CompiledQuery, matchesQuery } from './compile-query.js';
import { matchedExtras } from './matched-extras.js';
import type { GroupPlan } from './plan-group.js';
import type { Page } from './result-page.js';
import type { RowView, TableData } from './table-data.js';

/** An overlay record with its sort value. */
interface DatedExtra {
  readonly view: RowView;
  readonly value: string;
  readonly id: string;
}

/** The index positions the groups' paths cover: from the first start to the last end. */
function dateSpan(plans: readonly GroupPlan[], length: number): [number, number] {
  let from = length;
  let to = 0;
  for (const plan of plans) {
    const path = plan.path;
    from = Math.min(from, path.kind === 'date' ? path.from : 0);
    to = Math.max(to, path.kind === 'date' ? path.to : length);
  }
  return [from, to];
}

/** `true` when the index range answers the only group exactly, so rows need no test. */
function isExact(plans: readonly GroupPlan[], field: string): boolean {
  const only = plans.length === 1 ? plans[0] : undefined;
  const range = only?.dateRanges.get(field);
  return (
    only !== undefined &&
    (only.path.kind === 'date' || only.group.terms.length === 0) &&
    only.group.terms.every((t) => range?.terms.includes(t) === true)
  );
}

/** The matching overlay records in the query's order. */
function sortedExtras(
  table: TableData,
  query: CompiledQuery,
  field: string,
  desc: boolean,
): DatedExtra[] {
  const fieldName = query.orderBy[0]?.path.field.name ?? field;
  return matchedExtras(table, query)
    .map((view) => ({ view, value: view.get(fieldName), id: view.get('sys_id') }))
    .sort((a, b) =>
      a.value !== b.value ? (a.value < b.value !== desc ? -1 : 1) : a.id < b.id ? -1 : 1,
    );
}

/**
 * Visits positions `to - 1` down to `from`, each run of equal values in ascending position
 * (sys_id order); stops when `visit` returns `true`.
 */
function visitDescending(
  perm: Int32Array,
  values: Int32Array,
  [from, to]: [number, number],
  visit: (row: number) => boolean,
): boolean {
  let i = to - 1;
  while (i >= from) {
    const v = values[perm[i] as number];
    let j = i;
    while (j - 1 >= from && values[perm[j - 1] as number] === v) j--;
    for (let k = j; k <= i; k++) if (visit(perm[k] as number)) return true;
    i = j - 1;
  }
  return false;
}

/** Fills `page` in the order of the indexed date-time field `field`. @internal */
export function dateOrdered(
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
  const span = dateSpan(plans, perm.length);
  const exact = isExact(plans, field);
  const text = (row: number) => {
    const v = values[row] as number;
    return v === EMPTY_SECONDS ? '' : formatDateTime(v);
  };
  const extras = sortedExtras(table, query, field, desc);
  let e = 0;
  const pristine = table.pristine;
  const visit = (row: number): boolean => {
    if (!pristine && table.shadowed(row)) return false;
    if (e < extras.length) {
      const value = text(row);
      const id = table.key.sysId(row);
      while (e < extras.length) {
        const x = extras[e] as DatedExtra;
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
    for (let i = span[0]; i < span[1]; i++) if (visit(perm[i] as number)) return;
  } else if (visitDescending(perm, values, span, visit)) {
    return;
  }
  while (e < extras.length) if (page.add((extras[e++] as DatedExtra).view)) return;
}
