/**
 * Display-value formatting of raw ServiceNow values (servicenow-api.md section 2.1): date-times
 * in the user's time zone, integers with grouping separators, durations in words.
 *
 * @module
 */
import { timeZoneOffsetMs } from '../../core/index.js';

/** The offset of `timeZone` from UTC at `epoch`, in ms. */
function offsetAt(timeZone: string, epoch: number): number {
  return timeZoneOffsetMs(epoch, timeZone);
}

const pad = (value: number) => String(value).padStart(2, '0');

/** Digits `from`..`from + count` of `value` as a number, or -1 when one is not a digit. */
function digitsAt(value: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/** The six fields of `YYYY-MM-DD HH:MM:SS`, or `undefined` (no regex: this runs per value). */
function dateTimeFields(
  value: string,
): [number, number, number, number, number, number] | undefined {
  if (
    value.length !== 19 ||
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 32 || // space
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58
  ) {
    return undefined;
  }
  const fields: [number, number, number, number, number, number] = [
    digitsAt(value, 0, 4),
    digitsAt(value, 5, 2),
    digitsAt(value, 8, 2),
    digitsAt(value, 11, 2),
    digitsAt(value, 14, 2),
    digitsAt(value, 17, 2),
  ];
  return fields.includes(-1) ? undefined : fields;
}

/** Epoch ms of a `YYYY-MM-DD HH:MM:SS` UTC value, or `undefined` when it is not one. @internal */
export function parseUtcDateTime(value: string): number | undefined {
  const f = dateTimeFields(value);
  return f === undefined ? undefined : Date.UTC(f[0], f[1] - 1, f[2], f[3], f[4], f[5]);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when the fields name a real instant that formats back to the same text. */
function isCanonical([year, month, day, hour, minute, second]: readonly number[]): boolean {
  if (year! < 100 || month! < 1 || month! > 12 || day! < 1 || hour! > 23) return false;
  if (minute! > 59 || second! > 59) return false;
  if (month === 2 && day === 29) return year! % 4 === 0 && (year! % 100 !== 0 || year! % 400 === 0);
  return day! <= DAYS_IN_MONTH[month! - 1]!;
}

/**
 * A UTC `YYYY-MM-DD HH:MM:SS` value shown in `timeZone`, same format; other text unchanged.
 * @internal
 */
export function shiftDateTime(value: string, timeZone: string): string {
  const f = dateTimeFields(value);
  if (f === undefined) return value;
  const epoch = Date.UTC(f[0], f[1] - 1, f[2], f[3], f[4], f[5]);
  const offset = offsetAt(timeZone, epoch);
  if (offset === 0 && isCanonical(f)) return value; // formatting would give the same text
  const local = new Date(epoch + offset);
  return (
    `${String(local.getUTCFullYear()).padStart(4, '0')}-${pad(local.getUTCMonth() + 1)}-` +
    `${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:` +
    pad(local.getUTCSeconds())
  );
}

/** `102197` -> `102,197`; `-1234.50` -> `-1,234.50`; other text unchanged. @internal */
export function groupDigits(value: string): string {
  if (value.length <= 3) return value; // nothing to group (or not a number)
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (match === null) return value;
  const [, sign, whole, fraction] = match;
  return `${sign}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ?? ''}`;
}

/**
 * A currency amount as an instance shows it to a user whose currency is USD: `1234.5` ->
 * `$1,234.50`, `-3` -> `-$3.00`; text that is no number unchanged.
 * @internal
 */
export function currencyText(value: string): string {
  if (value === '') return '';
  const amount = Number(value);
  if (!/^-?\d+(\.\d+)?$/.test(value) || !Number.isFinite(amount)) return value;
  const text = groupDigits(Math.abs(amount).toFixed(2));
  return amount < 0 ? `-$${text}` : `$${text}`;
}

/** A `glide_time` stored as `1970-01-01 HH:MM:SS` shown as `HH:MM:SS`; other text unchanged. @internal */
export function timeOfDay(value: string): string {
  return dateTimeFields(value) === undefined ? value : value.slice(11);
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
