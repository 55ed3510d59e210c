/**
 * The run window as a task's selection sees it, and its bounds as UTC query literals.
 *
 * @module
 */
import {
  ConfigurationError,
  formatUtcDateTime,
  parseUtcDate,
  timeZoneOffsetMs,
} from '../core/index.js';

/**
 * The days a run covers: `from` and `to` both included, `YYYY-MM-DD`, read in UTC unless
 * `timeZone` names an IANA zone (`Europe/Paris`), in which case the days are local to it.
 */
export interface TaskWindow {
  /** First day, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last day (included), `YYYY-MM-DD`. */
  readonly to: string;
  /**
   * IANA time zone the days are read in.
   * @default 'UTC'
   */
  readonly timeZone?: string;
}

/** The first and last second of a window, as UTC `YYYY-MM-DD HH:MM:SS` literals (both included). */
export interface WindowRange {
  readonly start: string;
  readonly end: string;
}

const DAY_MS = 86_400_000;

/**
 * The window's first and last second as UTC literals, ready for an encoded query
 * (`opened_at>=<start>^opened_at<=<end>`; ServiceNow reads plain literals as UTC).
 *
 * @throws {@link ConfigurationError} for a day that is not a real `YYYY-MM-DD` date, a reversed
 * window, or an unknown time zone.
 *
 * @example
 * ```ts
 * windowRange({ from: '2026-03-01', to: '2026-03-02' });
 * // { start: '2026-03-01 00:00:00', end: '2026-03-02 23:59:59' }
 * windowRange({ from: '2026-07-01', to: '2026-07-01', timeZone: 'Europe/Paris' });
 * // { start: '2026-06-30 22:00:00', end: '2026-07-01 21:59:59' }
 * ```
 */
export function windowRange(window: TaskWindow): WindowRange {
  const from = parseUtcDate(window.from);
  const to = parseUtcDate(window.to);
  if (Number.isNaN(from)) throw badWindow('window.from', window.from);
  if (Number.isNaN(to)) throw badWindow('window.to', window.to);
  if (from > to) {
    throw new ConfigurationError(
      `window is reversed: from ${window.from} is after to ${window.to}`,
      {
        option: 'window',
      },
    );
  }
  const zone = window.timeZone ?? 'UTC';
  const start = zonedMidnight(from, zone);
  const end = zonedMidnight(to + DAY_MS, zone) - 1000;
  return { start: formatUtcDateTime(new Date(start)), end: formatUtcDateTime(new Date(end)) };
}

function badWindow(option: string, value: unknown): ConfigurationError {
  return new ConfigurationError(
    `${option} must be a real day written YYYY-MM-DD, got ${JSON.stringify(value)}`,
    { option },
  );
}

/** The UTC instant of local midnight of the day starting at `dayUtcMs`, in `timeZone`. */
function zonedMidnight(dayUtcMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return dayUtcMs;
  const first = dayUtcMs - timeZoneOffsetMs(dayUtcMs, timeZone, 'window.timeZone');
  const second = dayUtcMs - timeZoneOffsetMs(first, timeZone, 'window.timeZone');
  return second;
}
