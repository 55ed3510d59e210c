/**
 * The `servicenow_sync_state` table: per task and target table, the incremental watermark and
 * when deletes were last checked. Values are validated here; every statement binds them.
 *
 * @module
 */
import {
  ConfigurationError,
  formatUtcDateTime,
  type PageCursor,
  parseUtcDateTime,
} from '../core/index.js';
import type { SqlDialect } from '../fields/index.js';
import { placeholder, quote, type Statement } from './dialect-sql.js';
import type { SinkQueryRunner } from './sink-database.js';
import { messageOf, SinkError } from './sink-error.js';
import { readColumns, run } from './table-schema.js';

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
const MAX_TASK_NAME = 191;
/** Longest ServiceNow table name and watermark `sys_id` stored. */
const MAX_TEXT = 255;

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

/** `CREATE TABLE IF NOT EXISTS servicenow_sync_state`. */
export function createStateTableSql(dialect: SqlDialect): string {
  const q = (name: string) => quote(dialect, name);
  const time = { sqlite: 'TEXT', postgres: 'timestamp', mysql: 'DATETIME' }[dialect];
  const text = (length: number) => (dialect === 'mysql' ? `VARCHAR(${length})` : 'TEXT');
  const columns = [
    `${q('task_name')} ${text(MAX_TASK_NAME)} NOT NULL`,
    `${q('target_table')} ${text(64)} NOT NULL`,
    `${q('table_name')} ${text(MAX_TEXT)} NOT NULL`,
    `${q('watermark_time')} ${time} NULL`,
    `${q('watermark_sys_id')} ${text(MAX_TEXT)} NULL`,
    `${q('deletes_checked_at')} ${time} NULL`,
    `${q('updated_at')} ${time} NOT NULL`,
    `PRIMARY KEY (${q('task_name')}, ${q('target_table')})`,
  ];
  const options = dialect === 'mysql' ? ' DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin' : '';
  return `CREATE TABLE IF NOT EXISTS ${q(SYNC_STATE_TABLE)} (${columns.join(', ')})${options}`;
}

/**
 * Creates the state table when missing, tolerating another writer creating it at the same moment
 * (PostgreSQL then fails on its catalog instead of doing nothing). Returns the statements run.
 */
export async function createStateTable(
  runner: SinkQueryRunner,
  dialect: SqlDialect,
): Promise<number> {
  try {
    await run(runner, { sql: createStateTableSql(dialect), parameters: [] });
    return 1;
  } catch (error) {
    const columns = await readColumns(runner, dialect, SYNC_STATE_TABLE).catch(() => []);
    if (columns.length === 0) throw error;
    return 2;
  }
}

/**
 * The upsert of a state row: the given fields, `table_name` and `updated_at` (`now`) are set; the
 * fields `update` lacks keep their stored values (`NULL` on a new row).
 */
export function saveStateStatement(
  dialect: SqlDialect,
  key: StateKey,
  update: SyncStateUpdate,
  now: Date = new Date(),
): Statement {
  const q = (name: string) => quote(dialect, name);
  const columns = ['task_name', 'target_table', 'table_name', 'updated_at'];
  const parameters: unknown[] = [
    key.taskName,
    key.targetTable,
    key.tableName,
    formatUtcDateTime(now),
  ];
  if (update.watermark !== undefined) {
    columns.push('watermark_time', 'watermark_sys_id');
    parameters.push(update.watermark?.updatedOn ?? null, update.watermark?.sysId ?? null);
  }
  if (update.deletesCheckedAt !== undefined) {
    columns.push('deletes_checked_at');
    parameters.push(update.deletesCheckedAt);
  }
  const marks = columns.map((_, i) => placeholder(dialect, i + 1));
  const changed = columns.slice(2);
  const insert = `INSERT INTO ${q(SYNC_STATE_TABLE)} (${columns.map(q).join(', ')}) VALUES (${marks.join(', ')})`;
  const sql =
    dialect === 'mysql'
      ? `${insert} ON DUPLICATE KEY UPDATE ${changed.map((c) => `${q(c)} = VALUES(${q(c)})`).join(', ')}`
      : `${insert} ON CONFLICT (${q('task_name')}, ${q('target_table')}) DO UPDATE SET ${changed.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`;
  return { sql, parameters };
}

/** The select of a state row, its times formatted by the database (whatever the driver parses). */
export function readStateStatement(dialect: SqlDialect, key: StateKey): Statement {
  const q = (name: string) => quote(dialect, name);
  const time = (column: string) => {
    switch (dialect) {
      case 'sqlite':
        return `${q(column)} AS ${q(column)}`;
      case 'postgres':
        return `to_char(${q(column)}, 'YYYY-MM-DD HH24:MI:SS') AS ${q(column)}`;
      case 'mysql':
        return `DATE_FORMAT(${q(column)}, '%Y-%m-%d %H:%i:%s') AS ${q(column)}`;
    }
  };
  return {
    sql:
      `SELECT ${time('watermark_time')}, ${q('watermark_sys_id')}, ${time('deletes_checked_at')}, ` +
      `${time('updated_at')} FROM ${q(SYNC_STATE_TABLE)} ` +
      `WHERE ${q('task_name')} = ${placeholder(dialect, 1)} AND ${q('target_table')} = ${placeholder(dialect, 2)}`,
    parameters: [key.taskName, key.targetTable],
  };
}

/** A row of {@link readStateStatement}. */
export interface StateRow {
  readonly watermark_time: string | null;
  readonly watermark_sys_id: string | null;
  readonly deletes_checked_at: string | null;
  readonly updated_at: string;
}

/** The {@link SyncState} of a stored row. */
export function stateOfRow(row: StateRow): SyncState {
  return {
    watermark:
      row.watermark_time === null
        ? null
        : { updatedOn: row.watermark_time, sysId: row.watermark_sys_id ?? '' },
    deletesCheckedAt: row.deletes_checked_at,
    updatedAt: row.updated_at,
  };
}

/** The state table of one database: created once, read, and saved (alone or within a transaction). */
export class SyncStateStore {
  readonly #db: SinkQueryRunner;
  readonly #dialect: SqlDialect;
  #created: Promise<number> | undefined;

  constructor(db: SinkQueryRunner, dialect: SqlDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  /** Creates the table once; resolves to the statements this call ran. */
  async ensure(): Promise<number> {
    if (this.#created !== undefined) {
      await this.#created;
      return 0;
    }
    const created = createStateTable(this.#db, this.#dialect).catch((error: unknown) => {
      this.#created = undefined;
      throw new SinkError(SYNC_STATE_TABLE, `cannot create the table: ${messageOf(error)}`, {
        cause: error,
      });
    });
    this.#created = created;
    return created;
  }

  /** The stored state of `key`, `undefined` when there is none. */
  async read(key: StateKey): Promise<SyncState | undefined> {
    await this.ensure();
    const [row] = await this.run<StateRow>(
      this.#db,
      readStateStatement(this.#dialect, key),
      'read',
    );
    return row === undefined ? undefined : stateOfRow(row);
  }

  /** The statement saving `update` (checked) for `key`, the table created first. */
  async saveStatement(
    key: StateKey,
    update: SyncStateUpdate,
  ): Promise<{ statement: Statement; statements: number }> {
    const statements = await this.ensure();
    return { statement: saveStateStatement(this.#dialect, key, update), statements };
  }

  /** Runs a state statement on `runner` (the database or a transaction); a failure is a {@link SinkError}. */
  run<R>(runner: SinkQueryRunner, statement: Statement, verb: string): Promise<R[]> {
    return run<R>(runner, statement).catch((error: unknown) => {
      throw new SinkError(SYNC_STATE_TABLE, `cannot ${verb} the state: ${messageOf(error)}`, {
        cause: error,
      });
    });
  }

  /** Forgets that the table was created (it is checked again on next use). */
  reset(): void {
    this.#created = undefined;
  }
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
