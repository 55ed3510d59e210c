/**
 * Display-value formatting of raw ServiceNow values (servicenow-api.md section 2.1): date-times
 * in the user's time zone, integers with grouping separators, durations in words.
 *
 * @module
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();
/** UTC offsets (ms) by zone and quarter hour: zone rules change at most on quarter hours. */
const offsets = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 900_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The offset of `timeZone` from UTC at `epoch`, in ms (cached; `Intl` is slow). */
function offsetAt(timeZone: string, epoch: number): number {
  let zone = offsets.get(timeZone);
  if (zone === undefined || zone.size > 100_000) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const bucket = Math.floor(epoch / QUARTER_HOUR);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    const at = bucket * QUARTER_HOUR;
    const parts: Record<string, number> = {};
    for (const part of formatterFor(timeZone).formatToParts(at))
      parts[part.type] = Number(part.value);
    const local = Date.UTC(
      parts.year!,
      parts.month! - 1,
      parts.day!,
      parts.hour!,
      parts.minute!,
      parts.second!,
    );
    offset = local - at;
    zone.set(bucket, offset);
  }
  return offset;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** Epoch ms of a `YYYY-MM-DD HH:MM:SS` UTC value, or `undefined` when it is not one. @internal */
export function parseUtcDateTime(value: string): number | undefined {
  const match = DATE_TIME.exec(value);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, ...number[]];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}

/**
 * A UTC `YYYY-MM-DD HH:MM:SS` value shown in `timeZone`, same format; other text unchanged.
 * @internal
 */
export function shiftDateTime(value: string, timeZone: string): string {
  const epoch = parseUtcDateTime(value);
  if (epoch === undefined) return value;
  const local = new Date(epoch + offsetAt(timeZone, epoch));
  return (
    `${String(local.getUTCFullYear()).padStart(4, '0')}-${pad(local.getUTCMonth() + 1)}-` +
    `${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:` +
    pad(local.getUTCSeconds())
  );
}

/** `102197` -> `102,197`; `-1234.50` -> `-1,234.50`; other text unchanged. @internal */
export function groupDigits(value: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (match === null) return value;
  const [, sign, whole, fraction] = match;
  return `${sign}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ?? ''}`;
}

function unit(count: number, name: string): string {
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}

/**
 * A duration stored as `1970-01-DD HH:MM:SS` in words: `1 Day 4 Hours 23 Minutes`. Seconds are
 * dropped once there is a minute or more; a shorter duration reads `45 Seconds`.
 * @internal
 */
export function durationWords(value: string): string {
  const epoch = parseUtcDateTime(value);
  if (epoch === undefined) return value;
  const total = Math.floor(epoch / 1000);
  if (total < 0) return value;
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const words: string[] = [];
  if (days > 0) words.push(unit(days, 'Day'));
  if (hours > 0) words.push(unit(hours, 'Hour'));
  if (minutes > 0) words.push(unit(minutes, 'Minute'));
  return words.length > 0 ? words.join(' ') : unit(total % 60, 'Second');
}
