/**
 * The sys_id bounds of a group (`sys_id>...`, `sys_id<=...`), as the tightest pair, and the
 * number of generated rows between them.
 *
 * @module
 */
import type { Bound } from './compile-query.js';
import type { TableData } from './table-data.js';
import { sysIdBoundPosition } from './table-index.js';

/** The tighter of two lower bounds (an exclusive bound is tighter than an equal inclusive one). @internal */
export function tighterLower(a: Bound | undefined, b: Bound): Bound {
  if (a === undefined || b.text > a.text) return b;
  if (b.text === a.text && !b.inclusive) return b;
  return a;
}

/** The tighter of two upper bounds. @internal */
export function tighterUpper(a: Bound | undefined, b: Bound): Bound {
  if (a === undefined || b.text < a.text) return b;
  if (b.text === a.text && !b.inclusive) return b;
  return a;
}

/** Number of generated rows between two sys_id bounds. @internal */
export function sysRangeSize(
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
