/**
 * The statements of `servicenow_sync_tables`, the registry of which instance each target table
 * holds, and of the `instance` column of `servicenow_sync_state`.
 *
 * @module
 */
import { formatUtcDateTime } from '../core/index.js';
import type { SqlAdapter, Statement } from '../database/index.js';
import { SYNC_STATE_TABLE } from './sync-state.js';

/** The registry's name (fixed, never prefixed). */
export const INSTANCE_TABLE = 'servicenow_sync_tables';

/** Longest instance identity stored. */
export const MAX_INSTANCE = 255;

/** `count` parameter markers numbered from `first`, comma-separated. */
function markList(adapter: SqlAdapter, count: number, first = 1): string {
  return Array.from({ length: count }, (_, i) => adapter.placeholder(first + i)).join(', ');
}

/** A target table's claim: one row of `servicenow_sync_tables`. */
export interface ClaimRow {
  readonly target_table: string;
  readonly instance: string;
  readonly table_name: string;
  readonly claimed_at: string;
}

/** A state row's instance, `NULL` when the row predates the column or was never claimed. */
export interface StateInstanceRow {
  readonly task_name: string;
  readonly target_table: string;
  readonly instance: string | null;
}

/** A target table to claim and the ServiceNow table written to it. */
export interface ClaimTarget {
  readonly target: string;
  readonly table: string;
}

/** `CREATE TABLE IF NOT EXISTS servicenow_sync_tables`. */
export function createRegistrySql(adapter: SqlAdapter): string {
  const q = (name: string) => adapter.quote(name);
  const { text, timestamp } = adapter.types;
  const columns = [
    `${q('target_table')} ${text(64)} NOT NULL`,
    `${q('instance')} ${text(MAX_INSTANCE)} NOT NULL`,
    `${q('table_name')} ${text(255)} NOT NULL`,
    `${q('claimed_at')} ${timestamp} NOT NULL`,
    `PRIMARY KEY (${q('target_table')})`,
  ];
  return `CREATE TABLE IF NOT EXISTS ${q(INSTANCE_TABLE)} (${columns.join(', ')})${adapter.tableOptions}`;
}

/** The claims of `targets` (every claim when `targets` is absent), by target table. */
export function selectClaimsStatement(adapter: SqlAdapter, targets?: readonly string[]): Statement {
  const q = (name: string) => adapter.quote(name);
  const select =
    `SELECT ${q('target_table')}, ${q('instance')}, ${q('table_name')}, ` +
    `${adapter.selectUtcText('claimed_at')} FROM ${q(INSTANCE_TABLE)}`;
  const order = ` ORDER BY ${q('target_table')}`;
  if (targets === undefined) return { sql: `${select}${order}`, parameters: [] };
  return {
    sql: `${select} WHERE ${q('target_table')} IN (${markList(adapter, targets.length)})${order}`,
    parameters: [...targets],
  };
}

/** Records `targets` as `instance`'s; a target already claimed keeps its claim. */
export function insertClaimsStatement(
  adapter: SqlAdapter,
  targets: readonly ClaimTarget[],
  instance: string,
  now: Date,
): Statement {
  const q = (name: string) => adapter.quote(name);
  const columns = ['target_table', 'instance', 'table_name', 'claimed_at'];
  const claimedAt = formatUtcDateTime(now);
  const tuples = targets.map((_, i) => `(${markList(adapter, columns.length, i * 4 + 1)})`);
  return {
    sql:
      `INSERT INTO ${q(INSTANCE_TABLE)} (${columns.map(q).join(', ')}) VALUES ${tuples.join(', ')} ` +
      adapter.upsertClause(['target_table'], ['target_table']),
    parameters: targets.flatMap((t) => [t.target, instance, t.table, claimedAt]),
  };
}

/**
 * The instances of the state rows of `targets`; `NULL` for all of them when the state table has
 * no `instance` column yet (`hasColumn` false).
 */
export function selectStateInstancesStatement(
  adapter: SqlAdapter,
  targets: readonly string[],
  hasColumn: boolean,
): Statement {
  const q = (name: string) => adapter.quote(name);
  const instance = hasColumn ? q('instance') : `NULL AS ${q('instance')}`;
  return {
    sql:
      `SELECT ${q('task_name')}, ${q('target_table')}, ${instance} FROM ${q(SYNC_STATE_TABLE)} ` +
      `WHERE ${q('target_table')} IN (${markList(adapter, targets.length)})`,
    parameters: [...targets],
  };
}

/** Records `instance` on the state rows of `targets` that have none. */
export function adoptStateStatement(
  adapter: SqlAdapter,
  targets: readonly string[],
  instance: string,
): Statement {
  const q = (name: string) => adapter.quote(name);
  return {
    sql:
      `UPDATE ${q(SYNC_STATE_TABLE)} SET ${q('instance')} = ${adapter.placeholder(1)} ` +
      `WHERE ${q('instance')} IS NULL AND ${q('target_table')} IN (${markList(adapter, targets.length, 2)})`,
    parameters: [instance, ...targets],
  };
}
