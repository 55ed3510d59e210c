/**
 * Inclusive ranges of epoch seconds on an indexed date-time field, narrowed by the bounds of
 * a group's terms, and their positions in the field's index.
 *
 * @module
 */
import { EMPTY_SECONDS } from '../generators/row-source.js';
import type { Bound, CompiledTerm } from './compile-query.js';
import type { TableData } from './table-data.js';
import { lowerBoundValue } from './table-index.js';

/** A date range on one indexed field. @internal */
export interface DateRange {
  readonly lo: number;
  readonly hi: number;
  readonly terms: readonly CompiledTerm[];
}

/** A date range being narrowed term by term. @internal */
export interface OpenDateRange {
  lo: number;
  hi: number;
  readonly terms: CompiledTerm[];
}

/** A range that holds every non-empty date, before any term narrows it. @internal */
export function openDateRange(): OpenDateRange {
  return { lo: EMPTY_SECONDS + 1, hi: 2147483647, terms: [] };
}

/** Narrows an inclusive [lo, hi] seconds range by a range hint. @internal */
export function narrow(
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
