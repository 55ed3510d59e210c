/**
 * Wall-clock time in an IANA zone to UTC and back, through `Intl` (no time-zone database of our
 * own). Used for `gs.dateGenerate()` and the `gs.daysAgo*()` family, which a real instance reads
 * in the session user's zone.
 *
 * @module
 */
import { ConfigurationError } from '../../client/errors.js';
import type { DateTimeParts } from './glide-format.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (error) {
      throw new ConfigurationError(`timeZone: unknown IANA time zone ${JSON.stringify(timeZone)}`, {
        option: 'timeZone',
        cause: error,
      });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Throws a {@link ConfigurationError} naming `timeZone` when the zone is not known to `Intl`.
 * @internal
 */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The wall-clock parts of an instant (epoch seconds) in `timeZone`. @internal */
export function wallTime(seconds: number, timeZone: string): DateTimeParts {
  if (timeZone === 'UTC') {
    const d = new Date(seconds * 1000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    };
  }
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(seconds * 1000))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 1970,
    month: values.month ?? 1,
    day: values.day ?? 1,
    hour: (values.hour ?? 0) % 24,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

function wallAsUtc(parts: DateTimeParts): number {
  return (
    Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) / 1000
  );
}

/** Offset of `timeZone` from UTC at an instant, in seconds (`-28800` for Los Angeles in winter). */
function offsetAt(seconds: number, timeZone: string): number {
  return wallAsUtc(wallTime(seconds, timeZone)) - seconds;
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
