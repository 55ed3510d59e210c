/**
 * Wall-clock time in an IANA zone to UTC and back, through `Intl` (no time-zone database of our
 * own). Used for `gs.dateGenerate()` and the `gs.daysAgo*()` family, which a real instance reads
 * in the session user's zone.
 *
 * @module
 */
import { assertTimeZone as assertKnownZone, timeZoneOffsetMs } from '../../core/index.js';
import type { DateTimeParts } from './glide-format.js';

/**
 * Throws a {@link ConfigurationError} naming `timeZone` when the zone is not known to `Intl`.
 * @internal
 */
export function assertTimeZone(timeZone: string): void {
  assertKnownZone(timeZone, 'timeZone');
}

/** The wall-clock parts of an instant (epoch seconds) in `timeZone`. @internal */
export function wallTime(seconds: number, timeZone: string): DateTimeParts {
  const d = new Date(seconds * 1000 + timeZoneOffsetMs(seconds * 1000, timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

function wallAsUtc(parts: DateTimeParts): number {
  return (
    Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) / 1000
  );
}

/** Offset of `timeZone` from UTC at an instant, in seconds (`-28800` for Los Angeles in winter). */
function offsetAt(seconds: number, timeZone: string): number {
  return timeZoneOffsetMs(seconds * 1000, timeZone) / 1000;
}

/**
 * The instant (epoch seconds) at which the clocks of `timeZone` show `parts`. In a DST gap the
 * later offset wins; in an overlap, the earlier instant.
 * @internal
 */
export function zonedToUtc(parts: DateTimeParts, timeZone: string): number {
  const guess = wallAsUtc(parts);
  if (timeZone === 'UTC') return guess;
  const first = offsetAt(guess, timeZone);
  const candidate = guess - first;
  const second = offsetAt(candidate, timeZone);
  if (second === first) {
    const earlier = guess - offsetAt(candidate - 3600, timeZone);
    if (earlier < candidate && wallAsUtc(wallTime(earlier, timeZone)) === guess) return earlier;
    return candidate;
  }
  return guess - second;
}

/** Calendar parts shifted by whole days (month and year carry over). @internal */
export function addDays(parts: DateTimeParts, days: number): DateTimeParts {
  const d = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + days));
  return {
    ...parts,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
  };
}
