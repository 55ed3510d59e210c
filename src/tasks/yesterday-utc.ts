/**
 * The default window of the old loader's incidents endpoint: yesterday, in UTC.
 *
 * @module
 */
import type { TaskWindow } from './task-window.js';

/**
 * Yesterday, in UTC, as a one-day window (both days the same `YYYY-MM-DD`).
 *
 * @example
 * ```ts
 * yesterdayUtc(new Date('2026-03-01T00:30:00Z')); // { from: '2026-02-28', to: '2026-02-28' }
 * ```
 */
export function yesterdayUtc(now: Date = new Date()): TaskWindow {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1))
    .toISOString()
    .slice(0, 10);
  return { from: day, to: day };
}
