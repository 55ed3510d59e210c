/**
 * ServiceNow's raw value formats (servicenow-api.md section 2.1): date-times `YYYY-MM-DD HH:MM:SS`
 * in UTC, dates `YYYY-MM-DD`, durations as the date-time `1970-01-DD HH:MM:SS` of their seconds.
 *
 * @module
 */

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) =>
  String(i).padStart(2, '0'),
);

/** `YYYY-MM-DD` of a day number (days since 1970-01-01), proleptic Gregorian. */
function civilDate(days: number): string {
  // Howard Hinnant's days_from_civil inverse.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const y = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : String(year);
  return `${y}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

/** Epoch seconds to `YYYY-MM-DD HH:MM:SS` (UTC). @internal */
export function formatDateTime(seconds: number): string {
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86400);
  const rest = s - days * 86400;
  const hour = Math.floor(rest / 3600);
  const minute = Math.floor((rest - hour * 3600) / 60);
  const second = rest - hour * 3600 - minute * 60;
  return `${civilDate(days)} ${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}`;
}

/** Epoch seconds to `YYYY-MM-DD` (UTC). @internal */
export function formatDate(seconds: number): string {
  return civilDate(Math.floor(Math.floor(seconds) / 86400));
}

/** Whole seconds to a glide duration (`1970-01-02 04:23:17` = 102197 s). @internal */
export function formatDuration(seconds: number): string {
  return formatDateTime(Math.max(0, Math.floor(seconds)));
}

const DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/;

/** Calendar parts of a date-time, month 1-12. @internal */
export interface DateTimeParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/**
 * Reads `YYYY-MM-DD[ HH:MM[:SS]]` (a missing time is midnight), or `undefined` when the text is
 * not a valid calendar date-time.
 * @internal
 */
export function parseDateTimeParts(text: string): DateTimeParts | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (m === null) return undefined;
  const parts: DateTimeParts = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: m[4] === undefined ? 0 : Number(m[4]),
    minute: m[5] === undefined ? 0 : Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
  };
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) return undefined;
  const check = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  if (check.getUTCMonth() !== parts.month - 1 || check.getUTCDate() !== parts.day) return undefined;
  return parts;
}

/** Calendar parts read as UTC to epoch seconds. @internal */
export function partsToUtcSeconds(parts: DateTimeParts): number {
  const ms = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return Math.floor(ms / 1000);
}

/** A UTC date-time literal to epoch seconds, or `undefined`. @internal */
export function parseDateTime(text: string): number | undefined {
  const parts = parseDateTimeParts(text);
  return parts === undefined ? undefined : partsToUtcSeconds(parts);
}

/** A glide duration (`1970-01-02 04:23:17`) to seconds, or `undefined`. @internal */
export function parseDuration(text: string): number | undefined {
  return parseDateTime(text);
}
