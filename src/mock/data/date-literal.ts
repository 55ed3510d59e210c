/**
 * Date-time values of query conditions (servicenow-api.md section 3.4): a plain literal is UTC;
 * `javascript:gs.dateGenerate('d','t')` and the relative `gs.*` helpers are read in the session
 * user's time zone and converted to UTC. Any other `javascript:` value is unsupported, and the
 * condition holding it is dropped, as a real instance drops what it cannot evaluate.
 *
 * @module
 */
import {
  type DateTimeParts,
  formatDateTime,
  parseDateTimeParts,
  partsToUtcSeconds,
} from './glide-format.js';
import { addDays, wallTime, zonedToUtc } from './time-zone.js';

/** The context in which relative date helpers are evaluated. @internal */
export interface DateContext {
  /** IANA zone of the session user. */
  readonly timeZone: string;
  /** "Now", epoch seconds. */
  readonly now: number;
}

/** A condition value after script evaluation. @internal */
export type ResolvedValue =
  | { readonly kind: 'text'; readonly text: string; readonly seconds?: number }
  | { readonly kind: 'unsupported' };

const SCRIPT = /^javascript\s*:\s*gs\.([A-Za-z]+)\(([^()]*)\)\s*;?\s*$/;

/** `true` when a condition value is a script (`javascript:...`). @internal */
export function isScriptValue(value: string): boolean {
  return value.trimStart().toLowerCase().startsWith('javascript:');
}

function args(text: string): string[] {
  if (text.trim() === '') return [];
  return text.split(',').map((a) => a.trim().replace(/^(['"])(.*)\1$/, '$2'));
}

function integerArg(list: readonly string[], index: number, fallback: number): number | undefined {
  const raw = list[index];
  if (raw === undefined || raw === '') return fallback;
  return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
}

function atTime(parts: DateTimeParts, hour: number, minute: number, second: number): DateTimeParts {
  return { ...parts, hour, minute, second };
}

function dayBoundary(ctx: DateContext, daysAgo: number, end: boolean): number {
  const today = wallTime(ctx.now, ctx.timeZone);
  const day = addDays(today, -daysAgo);
  return zonedToUtc(end ? atTime(day, 23, 59, 59) : atTime(day, 0, 0, 0), ctx.timeZone);
}

function unitBoundary(ctx: DateContext, unitSeconds: number, count: number, end: boolean): number {
  const instant = ctx.now - count * unitSeconds;
  const start = instant - (((instant % unitSeconds) + unitSeconds) % unitSeconds);
  if (unitSeconds === 60) return end ? start + 59 : start;
  // Hours: align on the zone's wall clock (offsets are whole minutes, not always whole hours).
  const wall = wallTime(instant, ctx.timeZone);
  const hourStart = zonedToUtc(atTime(wall, wall.hour, 0, 0), ctx.timeZone);
  return end ? hourStart + 3599 : hourStart;
}

function evaluateScript(
  name: string,
  list: readonly string[],
  ctx: DateContext,
): number | undefined {
  switch (name) {
    case 'dateGenerate': {
      const date = parseDateTimeParts(list[0] ?? '');
      if (date === undefined) return undefined;
      const timeArg = list[1] ?? '00:00:00';
      if (timeArg === 'start') return zonedToUtc(atTime(date, 0, 0, 0), ctx.timeZone);
      if (timeArg === 'end') return zonedToUtc(atTime(date, 23, 59, 59), ctx.timeZone);
      const time = parseDateTimeParts(`2000-01-01 ${timeArg}`);
      if (time === undefined) return undefined;
      return zonedToUtc(atTime(date, time.hour, time.minute, time.second), ctx.timeZone);
    }
    case 'daysAgoStart':
    case 'daysAgoEnd': {
      const n = integerArg(list, 0, 0);
      return n === undefined ? undefined : dayBoundary(ctx, n, name === 'daysAgoEnd');
    }
    case 'daysAgo': {
      const n = integerArg(list, 0, 0);
      return n === undefined ? undefined : ctx.now - n * 86400;
    }
    case 'beginningOfToday':
      return dayBoundary(ctx, 0, false);
    case 'endOfToday':
      return dayBoundary(ctx, 0, true);
    case 'beginningOfYesterday':
      return dayBoundary(ctx, 1, false);
    case 'endOfYesterday':
      return dayBoundary(ctx, 1, true);
    case 'beginningOfTomorrow':
      return dayBoundary(ctx, -1, false);
    case 'endOfTomorrow':
      return dayBoundary(ctx, -1, true);
    case 'minutesAgoStart':
    case 'minutesAgoEnd': {
      const n = integerArg(list, 0, 0);
      return n === undefined ? undefined : unitBoundary(ctx, 60, n, name === 'minutesAgoEnd');
    }
    case 'minutesAgo': {
      const n = integerArg(list, 0, 0);
      return n === undefined ? undefined : ctx.now - n * 60;
    }
    case 'hoursAgoStart':
    case 'hoursAgoEnd': {
      const n = integerArg(list, 0, 0);
      return n === undefined ? undefined : unitBoundary(ctx, 3600, n, name === 'hoursAgoEnd');
    }
    case 'hoursAgo': {
      const n = integerArg(list, 0, 0);
      return n === undefined ? undefined : ctx.now - n * 3600;
    }
    default:
      return undefined;
  }
}

/**
 * Resolves a condition value compared with a date-time field: a plain literal (UTC; date only =
 * midnight) or a supported `gs.*` script. Text that is no date at all is returned unchanged
 * (compared as text, as a database would).
 * @internal
 */
export function resolveDateTimeValue(value: string, ctx: DateContext): ResolvedValue {
  if (isScriptValue(value)) {
    const m = SCRIPT.exec(value.trim());
    if (m === null) return { kind: 'unsupported' };
    const seconds = evaluateScript(m[1] as string, args(m[2] as string), ctx);
    if (seconds === undefined) return { kind: 'unsupported' };
    return { kind: 'text', text: formatDateTime(seconds), seconds };
  }
  const parts = parseDateTimeParts(value);
  if (parts === undefined) return { kind: 'text', text: value };
  const seconds = partsToUtcSeconds(parts);
  return { kind: 'text', text: formatDateTime(seconds), seconds };
}

/**
 * Resolves a condition value compared with a date field (`YYYY-MM-DD`): scripts give the date
 * of their instant in the user's zone.
 * @internal
 */
export function resolveDateValue(value: string, ctx: DateContext): ResolvedValue {
  if (isScriptValue(value)) {
    const resolved = resolveDateTimeValue(value, ctx);
    if (resolved.kind === 'unsupported' || resolved.seconds === undefined) return resolved;
    const wall = wallTime(resolved.seconds, ctx.timeZone);
    const text = `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
    return { kind: 'text', text };
  }
  const parts = parseDateTimeParts(value);
  if (parts === undefined) return { kind: 'text', text: value };
  return { kind: 'text', text: formatDateTime(partsToUtcSeconds(parts)).slice(0, 10) };
}

/**
 * Resolves a condition value of any other field: only the script check applies (a script there
 * is unsupported; a date helper gives its UTC date-time text).
 * @internal
 */
export function resolvePlainValue(value: string, ctx: DateContext): ResolvedValue {
  if (!isScriptValue(value)) return { kind: 'text', text: value };
  return resolveDateTimeValue(value, ctx);
}
