/**
 * ServiceNow's UTC text forms (`YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD`) to and from epoch time,
 * without regular expressions (they run once per value of every decoded row).
 *
 * @module
 */

/** `00` to `99`, for formatting without padding calls. */
const TWO = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** `s[at..at+len]` as a non-negative integer, or -1 when a character is not a digit. */
function digits(s: string, at: number, len: number): number {
  let n = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Epoch milliseconds of a real calendar day at 00:00 UTC, or `NaN`. */
function dayMs(year: number, month: number, day: number): number {
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return Number.NaN;
  return date.getTime();
}

/** Epoch milliseconds of `YYYY-MM-DD` (a real day, read as UTC midnight), or `NaN`. */
export function parseUtcDate(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  return dayMs(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
}

/** Epoch milliseconds of `YYYY-MM-DD HH:MM:SS` read as UTC, or `NaN` when not a real instant. */
export function parseUtcDateTime(s: string): number {
  if (
    s.length !== 19 ||
    s.charCodeAt(10) !== 32 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  ) {
    return Number.NaN;
  }
  const day = parseUtcDate(s.slice(0, 10));
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return Number.NaN;
  }
  return day + ((hour * 60 + minute) * 60 + second) * 1000;
}

/**
 * `YYYY-MM-DD HH:MM:SS` in UTC (milliseconds dropped, not rounded).
 *
 * @throws RangeError for an invalid date or a year outside 0000-9999.
 */
export function formatUtcDateTime(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`cannot format date ${String(date)}`);
  return (
    `${year < 1000 ? String(year).padStart(4, '0') : year}-${TWO[date.getUTCMonth() + 1]}-` +
    `${TWO[date.getUTCDate()]} ${TWO[date.getUTCHours()]}:${TWO[date.getUTCMinutes()]}:` +
    `${TWO[date.getUTCSeconds()]}`
  );
}
