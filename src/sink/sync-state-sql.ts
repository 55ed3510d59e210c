/**
 * The statements of the `servicenow_sync_state` table: its creation, the save of a task's state
 * and its read.
 *
 * @module
 */
import { formatUtcDateTime } from '../core/index.js';
import type { SqlAdapter, Statement } from '../database/index.js';
import { MAX_INSTANCE } from './instance-registry-sql.js';
import {
  MAX_TASK_NAME,
  MAX_TEXT,
  type StateKey,
  SYNC_STATE_TABLE,
  type SyncState,
  type SyncStateUpdate,
} from './sync-state.js';

/**
 * The `instance` column (added in 0.2): the instance whose data the row's target table holds;
 * `NULL` on rows written before, until a run adopts them.
 */
export const INSTANCE_COLUMN = {
  name: 'instance',
  type: (adapter: SqlAdapter): string => adapter.types.text(MAX_INSTANCE),
} as const;

/** `CREATE TABLE IF NOT EXISTS servicenow_sync_state`. */
export function createStateTableSql(adapter: SqlAdapter): string {
  const q = (name: string) => adapter.quote(name);
  const { text, timestamp: time } = adapter.types;
  const columns = [
    `${q('task_name')} ${text(MAX_TASK_NAME)} NOT NULL`,
    `${q('target_table')} ${text(64)} NOT NULL`,
    `${q('table_name')} ${text(MAX_TEXT)} NOT NULL`,
    `${q('watermark_time')} ${time} NULL`,
    `${q('watermark_sys_id')} ${text(MAX_TEXT)} NULL`,
    `${q('deletes_checked_at')} ${time} NULL`,
    `${q('updated_at')} ${time} NOT NULL`,
    `${q(INSTANCE_COLUMN.name)} ${INSTANCE_COLUMN.type(adapter)} NULL`,
    `PRIMARY KEY (${q('task_name')}, ${q('target_table')})`,
  ];
  return `CREATE TABLE IF NOT EXISTS ${q(SYNC_STATE_TABLE)} (${columns.join(', ')})${adapter.tableOptions}`;
}

/**
 * The upsert of a state row: the given fields, `table_name`, `updated_at` (`now`) and, when known,
 * `instance` are set; the fields `update` lacks keep their stored values (`NULL` on a new row).
 */
export function saveStateStatement(
  adapter: SqlAdapter,
  key: StateKey,
  update: SyncStateUpdate,
  instance: string | undefined,
  now: Date = new Date(),
): Statement {
  const q = (name: string) => adapter.quote(name);
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
  if (instance !== undefined) {
    columns.push(INSTANCE_COLUMN.name);
    parameters.push(instance);
  }
  const marks = columns.map((_, i) => adapter.placeholder(i + 1));
  const insert = `INSERT INTO ${q(SYNC_STATE_TABLE)} (${columns.map(q).join(', ')}) VALUES (${marks.join(', ')})`;
  const upsert = adapter.upsertClause(['task_name', 'target_table'], columns.slice(2));
  return { sql: `${insert} ${upsert}`, parameters };
}

/** The select of a state row, its times formatted by the database (whatever the driver parses). */
export function readStateStatement(adapter: SqlAdapter, key: StateKey): Statement {
  const q = (name: string) => adapter.quote(name);
  const time = (column: string) => adapter.selectUtcText(column);
  return {
    sql:
      `SELECT ${time('watermark_time')}, ${q('watermark_sys_id')}, ${time('deletes_checked_at')}, ` +
      `${time('updated_at')} FROM ${q(SYNC_STATE_TABLE)} ` +
      `WHERE ${q('task_name')} = ${adapter.placeholder(1)} AND ${q('target_table')} = ${adapter.placeholder(2)}`,
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
