/**
 * Statements over a task's live rows (those not marked deleted by a soft delete): mark deleted,
 * list keys, count.
 *
 * @module
 */
import type { SqlDialect } from '../fields/field-codec.js';
import { quote, type Statement } from './dialect-sql.js';

/** The column a soft delete sets; `NULL` on live rows. */
export const DELETED_AT_COLUMN = 'sys_deleted_at';

const mark = (dialect: SqlDialect, i: number) => (dialect === 'postgres' ? `$${i}` : '?');

/**
 * `UPDATE ... SET sys_deleted_at = <at> WHERE sys_id IN (...) AND sys_deleted_at IS NULL`: rows
 * already marked keep their time and are not counted.
 */
export function softDeleteStatement(
  dialect: SqlDialect,
  table: string,
  keys: readonly string[],
  at: string,
): Statement {
  const q = (name: string) => quote(dialect, name);
  const marks = keys.map((_, i) => mark(dialect, i + 2));
  return {
    sql:
      `UPDATE ${q(table)} SET ${q(DELETED_AT_COLUMN)} = ${mark(dialect, 1)} ` +
      `WHERE ${q('sys_id')} IN (${marks.join(',')}) AND ${q(DELETED_AT_COLUMN)} IS NULL`,
    parameters: [at, ...keys],
  };
}

/**
 * The live `sys_id`s after `after` (all when `undefined`), in the key's order, at most `limit`
 * (a validated positive integer). `softDeletes` says whether the table has the column.
 */
export function keysStatement(
  dialect: SqlDialect,
  table: string,
  softDeletes: boolean,
  after: string | undefined,
  limit: number,
): Statement {
  const q = (name: string) => quote(dialect, name);
  const where: string[] = [];
  const parameters: unknown[] = [];
  if (softDeletes) where.push(`${q(DELETED_AT_COLUMN)} IS NULL`);
  if (after !== undefined) {
    parameters.push(after);
    where.push(`${q('sys_id')} > ${mark(dialect, parameters.length)}`);
  }
  const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  return {
    sql: `SELECT ${q('sys_id')} AS ${q('sys_id')} FROM ${q(table)}${filter} ORDER BY ${q('sys_id')} LIMIT ${limit}`,
    parameters,
  };
}

/** `SELECT count(*) AS n` of the live rows. */
export function countRowsStatement(
  dialect: SqlDialect,
  table: string,
  softDeletes: boolean,
): Statement {
  const q = (name: string) => quote(dialect, name);
  const filter = softDeletes ? ` WHERE ${q(DELETED_AT_COLUMN)} IS NULL` : '';
  return { sql: `SELECT count(*) AS n FROM ${q(table)}${filter}`, parameters: [] };
}
