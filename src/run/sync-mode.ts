/**
 * Full and incremental runs: the options that choose between them, and the selection of one
 * task in incremental mode (its watermark minus the overlap, up to the bound frozen at the
 * run's start).
 *
 * @module
 */
import {
  formatUtcDateTime,
  type PageCursor,
  parseUtcDate,
  parseUtcDateTime,
} from '../core/index.js';
import { andQuery, formatQuery, type QueryBuilder, query, toEncodedQuery } from '../query/index.js';
import type { SyncState } from '../sink/index.js';
import type { TaskDefinition } from '../tasks/index.js';
import { InvalidWindowError } from './errors.js';
import { EARLIEST_WINDOW_DAY } from './window.js';

/**
 * How a run reads each task:
 * - `full`: the task's whole selection, or the run window's part of it (keyset by `sys_id`);
 * - `incremental`: the rows whose `sys_updated_on` is at or after the task's watermark (minus
 *   the overlap) and before the run's start, in `(sys_updated_on, sys_id)` order; the
 *   watermark advances with every committed page. A task without a watermark loads its whole
 *   selection (or from `since`) this way.
 */
export type SyncMode = 'full' | 'incremental';

/**
 * How deleted ServiceNow records reach the database (the default: `audit` in incremental runs
 * into a sink that can delete, `none` in full runs):
 * - `none`: they do not;
 * - `audit`: read `sys_audit_delete` (`tablename=<table>^sys_created_on>=<last check>`) and
 *   remove the rows it lists (needs read access to that table; when it is not readable the run
 *   says so once in its `warnings` and goes on, deletes not applied);
 * - `reconcile`: page the `sys_id`s of the task's whole selection and remove the rows the
 *   instance no longer has (every key is read: costlier, but needs no audit access).
 */
export type DeleteMode = 'none' | 'audit' | 'reconcile';

/** The incremental bounds of one task in one run. */
export interface IncrementalPlan {
  /** The encoded query read: the selection AND `sys_updated_on>=from` AND `sys_updated_on<until`. */
  readonly query: string;
  /** Lower bound, UTC `YYYY-MM-DD HH:MM:SS`; `undefined` on a first load without `since`. */
  readonly from: string | undefined;
  /** Upper bound (excluded): the run's start, UTC `YYYY-MM-DD HH:MM:SS`. */
  readonly until: string;
}

/**
 * `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` (UTC) to the date-time form; throws
 * `InvalidWindowError` on anything else, and on a time before 1970-01-01 (`EARLIEST_WINDOW_DAY`).
 */
export function normalizeSince(since: unknown): string {
  if (typeof since === 'string') {
    const text = !Number.isNaN(parseUtcDate(since))
      ? `${since} 00:00:00`
      : !Number.isNaN(parseUtcDateTime(since))
        ? since
        : undefined;
    if (text !== undefined && text < EARLIEST_WINDOW_DAY)
      throw new InvalidWindowError(
        `since ${since} is before ${EARLIEST_WINDOW_DAY}: an instance ignores such dates and would read the whole table`,
      );
    if (text !== undefined) return text;
  }
  throw new InvalidWindowError(
    `since must be a real date written YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (UTC), received ${
      typeof since === 'string' ? JSON.stringify(since.slice(0, 40)) : typeof since
    }`,
  );
}

/** The run's frozen upper bound: its start, to the second, in UTC. */
export function upperBound(startedAt: Date): string {
  return formatUtcDateTime(startedAt);
}

/** `text` (UTC `YYYY-MM-DD HH:MM:SS`) minus `minutes`, same form. */
export function minusMinutes(text: string, minutes: number): string {
  const ms = parseUtcDateTime(text);
  if (Number.isNaN(ms)) throw new RangeError(`not a UTC date-time: ${JSON.stringify(text)}`);
  return formatUtcDateTime(new Date(ms - minutes * 60_000));
}

/**
 * The incremental selection of a task: with a watermark, from its time minus the overlap (or
 * strictly after its `(sys_updated_on, sys_id)` when the overlap is 0); without one, from
 * `since` or from the beginning. The same query serves the read and the completeness count.
 *
 * @example
 * ```ts
 * planIncremental(task, { watermark: { updatedOn: '2026-11-29 10:00:00', sysId: 'ab' }, ... },
 *   { overlapMinutes: 10, until: '2026-11-30 02:00:00' });
 * // query: '<selection>^sys_updated_on>=2026-11-29 09:50:00^sys_updated_on<2026-11-30 02:00:00'
 * ```
 */
export function planIncremental(
  task: TaskDefinition,
  state: SyncState | undefined,
  options: { readonly overlapMinutes: number; readonly until: string; readonly since?: string },
): IncrementalPlan {
  const watermark = state?.watermark ?? null;
  const exact = watermark !== null && options.overlapMinutes === 0 && watermark.sysId !== '';
  const from = exact ? watermark.updatedOn : startOf(watermark, options);
  const bounds = exact ? exactlyAfter(watermark, options.until) : between(from, options.until);
  const query = formatQuery(andQuery(toEncodedQuery(task.buildQuery()), bounds.toQuery()));
  return { query, from, until: options.until };
}

/** Where an overlapping read starts: the watermark minus the overlap, or `since`. */
function startOf(
  watermark: PageCursor | null,
  options: { readonly overlapMinutes: number; readonly since?: string },
): string | undefined {
  if (watermark === null) return options.since;
  return options.overlapMinutes === 0
    ? watermark.updatedOn
    : minusMinutes(watermark.updatedOn, options.overlapMinutes);
}

/** `sys_updated_on>=from` (when there is one) and `sys_updated_on<until`. */
function between(from: string | undefined, until: string): QueryBuilder {
  const start = from === undefined ? query() : query().greaterOrEqual('sys_updated_on', from);
  return start.lessThan('sys_updated_on', until);
}

/** `(sys_updated_on, sys_id) > (T, S)` and `sys_updated_on<until`, as two `^NQ` groups. */
function exactlyAfter(watermark: PageCursor, until: string): QueryBuilder {
  const { updatedOn, sysId } = watermark;
  return query()
    .greaterThan('sys_updated_on', updatedOn)
    .lessThan('sys_updated_on', until)
    .newQuery()
    .equals('sys_updated_on', updatedOn)
    .greaterThan('sys_id', sysId)
    .lessThan('sys_updated_on', until);
}

/** True for `none`, `audit` and `reconcile`. */
export function isDeleteMode(value: unknown): value is DeleteMode {
  return value === 'none' || value === 'audit' || value === 'reconcile';
}
