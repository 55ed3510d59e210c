/**
 * Run windows: validation.
 *
 * @module
 */
import { parseUtcDate } from '../core/index.js';
import { InvalidWindowError } from './errors.js';
import type { RunWindow } from './run-result.js';

/**
 * The earliest day a window may name. An instance treats a date-time before 1970 as no date
 * at all (the term is dropped), so `--from 0000-01-01` would read the whole table.
 */
export const EARLIEST_WINDOW_DAY = '1970-01-01';

/** True when `value` is a real calendar day written `YYYY-MM-DD`. */
export function isIsoDay(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(parseUtcDate(value));
}

/**
 * Checks a run window: both days real `YYYY-MM-DD` dates, none before
 * {@link EARLIEST_WINDOW_DAY}, and `from <= to`.
 * Throws {@link InvalidWindowError} naming the bad value otherwise.
 *
 * @example
 * ```ts
 * validateWindow({ from: '2026-11-01', to: '2026-11-30' }); // ok
 * validateWindow({ from: '2026-02-30', to: '2026-03-01' }); // throws InvalidWindowError
 * validateWindow({ from: '0000-01-01', to: '2026-03-01' }); // throws: before 1970-01-01
 * ```
 */
export function validateWindow(window: unknown): RunWindow {
  if (typeof window !== 'object' || window === null) {
    throw new InvalidWindowError(
      `A window must be an object { from: 'YYYY-MM-DD', to: 'YYYY-MM-DD' }, received ${describe(window)}`,
    );
  }
  const { from, to } = window as { from?: unknown; to?: unknown };
  if (!isIsoDay(from))
    throw new InvalidWindowError(
      `window.from must be a real date written YYYY-MM-DD, received ${describe(from)}`,
    );
  if (!isIsoDay(to))
    throw new InvalidWindowError(
      `window.to must be a real date written YYYY-MM-DD, received ${describe(to)}`,
    );
  for (const [name, day] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (day < EARLIEST_WINDOW_DAY)
      throw new InvalidWindowError(
        `window.${name} ${day} is before ${EARLIEST_WINDOW_DAY}: an instance ignores such dates and would read the whole table`,
      );
  }
  if (from > to)
    throw new InvalidWindowError(
      `window.from ${from} is after window.to ${to}: the window is reversed`,
    );
  return { from, to };
}

/** The default window of the incidents job (it lives in tasks/, beside the jobs). */
export { yesterdayUtc } from '../tasks/index.js';

function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  return typeof value;
}
