/**
 * What a sink remembers of a task between runs (the `servicenow_sync_state` table: per task and
 * target table, the incremental watermark and when deletes were last checked), and the checks
 * of the values saved; every statement binds them.
 *
 * @module
 */
import { ConfigurationError, type PageCursor, parseUtcDateTime } from '../core/index.js';

/** The state table's name (fixed, never prefixed). */
export const SYNC_STATE_TABLE = 'servicenow_sync_state';

/**
 * What a sink remembers of a task between runs (`Sink.readState`). Times are UTC
 * `YYYY-MM-DD HH:MM:SS` text.
 */
export interface SyncState {
  /**
   * The compound key `(sys_updated_on, sys_id)` of the last row committed by an incremental read;
   * `null` before the first one.
   */
  readonly watermark: PageCursor | null;
  /** When deletes were last propagated for the task, `null` when never. */
  readonly deletesCheckedAt: string | null;
  /** When the state was last saved. */
  readonly updatedAt: string;
}

/**
 * A change to a task's {@link SyncState} (`Sink.saveState`, or `state` of a `write`): a key that
 * is absent keeps the stored value, `null` clears it.
 */
export interface SyncStateUpdate {
  /** The new watermark; `updatedOn` must be UTC `YYYY-MM-DD HH:MM:SS`. */
  readonly watermark?: PageCursor | null;
  /** When deletes were last propagated, UTC `YYYY-MM-DD HH:MM:SS`. */
  readonly deletesCheckedAt?: string | null;
}

/** Whom a state row belongs to. */
export interface StateKey {
  readonly taskName: string;
  readonly targetTable: string;
  readonly tableName: string;
}

/** Longest task name stored (MySQL keys: 191 characters of utf8mb4 per column). */
export const MAX_TASK_NAME = 191;
/** Longest ServiceNow table name and watermark `sys_id` stored. */
export const MAX_TEXT = 255;

/**
 * `update` checked: a time must be a real UTC `YYYY-MM-DD HH:MM:SS` (years 1000 to 9999, which
 * every dialect stores), a watermark `sys_id` a string of at most 255 characters without NUL.
 *
 * @throws {@link ConfigurationError} naming the bad field and value.
 */
export function checkStateUpdate(update: unknown): SyncStateUpdate {
  if (update === null || typeof update !== 'object') {
    throw new ConfigurationError(`sync state: an update must be an object, got ${show(update)}`, {
      option: 'state',
    });
  }
  const { watermark, deletesCheckedAt } = update as Record<string, unknown>;
  const checked: { watermark?: PageCursor | null; deletesCheckedAt?: string | null } = {};
  if (watermark !== undefined) {
    if (watermark === null) checked.watermark = null;
    else if (typeof watermark !== 'object') {
      throw new ConfigurationError(
        `sync state: watermark must be { updatedOn, sysId } or null, got ${show(watermark)}`,
        { option: 'state.watermark' },
      );
    } else {
      const { updatedOn, sysId } = watermark as Record<string, unknown>;
      checked.watermark = {
        updatedOn: checkTime(updatedOn, 'state.watermark.updatedOn'),
        sysId: checkText(sysId, MAX_TEXT, 'state.watermark.sysId', true),
      };
    }
  }
  if (deletesCheckedAt !== undefined) {
    checked.deletesCheckedAt =
      deletesCheckedAt === null ? null : checkTime(deletesCheckedAt, 'state.deletesCheckedAt');
  }
  return checked;
}

/**
 * The state key of a task, its values checked (a custom task object may carry any name).
 *
 * @throws {@link ConfigurationError} for an empty or too long name or table.
 */
export function stateKey(taskName: unknown, tableName: unknown, targetTable: string): StateKey {
  return {
    taskName: checkText(taskName, MAX_TASK_NAME, 'task.name', false),
    tableName: checkText(tableName, MAX_TEXT, 'task.table', false),
    targetTable,
  };
}

function checkTime(value: unknown, option: string): string {
  if (typeof value === 'string') {
    const year = Number(value.slice(0, 4));
    if (!Number.isNaN(parseUtcDateTime(value)) && year >= 1000) return value;
  }
  throw new ConfigurationError(
    `sync state: ${option} must be a UTC time "YYYY-MM-DD HH:MM:SS" (years 1000 to 9999), got ${show(value)}`,
    { option },
  );
}

function checkText(value: unknown, max: number, option: string, allowEmpty: boolean): string {
  if (
    typeof value === 'string' &&
    (allowEmpty || value !== '') &&
    value.length <= max &&
    !value.includes('\u0000')
  ) {
    return value;
  }
  throw new ConfigurationError(
    `sync state: ${option} must be a ${allowEmpty ? '' : 'non-empty '}string of at most ${max} characters without NUL, got ${show(value)}`,
    { option },
  );
}

/** A value for an error message, clipped. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
