/**
 * IANA time-zone offsets through `Intl` (no time-zone database of our own), cached because
 * `Intl` is slow. Shared by run windows, the mock's display values and its `gs.*` dates.
 *
 * @module
 */
import { ConfigurationError } from './errors.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Offsets (ms) by zone and quarter hour: zone rules change at most on quarter hours. */
const offsets = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 900_000;

function formatterFor(timeZone: string, option: string): Intl.DateTimeFormat {
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
      throw new ConfigurationError(
        `${option}: unknown IANA time zone ${JSON.stringify(timeZone)}`,
        {
          option,
          cause: error,
        },
      );
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Throws a {@link ConfigurationError} naming `option` when `timeZone` is not a zone `Intl` knows.
 *
 * @example
 * ```ts
 * assertTimeZone('Europe/Paris'); // ok
 * assertTimeZone('Mars/Olympus', 'window.timeZone'); // throws
 * ```
 */
export function assertTimeZone(timeZone: string, option = 'timeZone'): void {
  if (timeZone !== 'UTC') formatterFor(timeZone, option);
}

/**
 * How far `timeZone`'s clocks are ahead of UTC at the instant `epochMs`, in milliseconds
 * (`-28_800_000` for Los Angeles in winter).
 *
 * @example
 * ```ts
 * timeZoneOffsetMs(Date.UTC(2026, 0, 15), 'America/Los_Angeles'); // -28800000
 * ```
 */
export function timeZoneOffsetMs(epochMs: number, timeZone: string, option = 'timeZone'): number {
  if (timeZone === 'UTC') return 0;
  let zone = offsets.get(timeZone);
  if (zone === undefined || zone.size > 100_000) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const bucket = Math.floor(epochMs / QUARTER_HOUR);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    const at = bucket * QUARTER_HOUR;
    const parts: Record<string, number> = {};
    for (const part of formatterFor(timeZone, option).formatToParts(at)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const local = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      (parts.hour ?? 0) % 24,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    offset = local - at;
    zone.set(bucket, offset);
  }
  return offset;
}
