/**
 * The PostgreSQL {@link SqlAdapter} (pg).
 *
 * @module
 */

import { isPostgresConnectionLost } from './connection-loss.js';
import { comparePostgresTypes, postgresCharacterLimit } from './postgres-column-types.js';
import { postgresRowFault } from './row-fault.js';
import type { SqlAdapter } from './sql-adapter.js';
import {
  cachedSql,
  columnDefinitions,
  doubleQuoted,
  insertValuesSql,
  MAX_STATEMENT_BYTES,
  onConflictClause,
  updatedColumns,
  upsertKey,
} from './sql-text.js';

/**
 * PostgreSQL: double-quoted identifiers, `$n` markers, `ON CONFLICT ... DO UPDATE`, real
 * booleans and timestamps. The rows' upsert returns one row per row written, `inserted` true for
 * a new one (`xmax = 0` marks a row version created by an insert rather than an update):
 * counting them in the client costs less than in a `WITH ... RETURNING` wrapper, which slows the
 * upsert by a quarter. No fast path: multi-row statements are the fast path.
 */
export const postgresAdapter: SqlAdapter = {
  dialect: 'postgres',
  // The protocol's limit.
  maxParameters: 65_535,
  maxRowsPerStatement: Number.POSITIVE_INFINITY,
  types: {
    timestamp: 'timestamp',
    date: 'date',
    double: 'double precision',
    bigint: 'bigint',
    text: () => 'text',
    longText: 'text',
  },
  // NAMEDATALEN - 1 bytes (names here are ASCII).
  maxIdentifierLength: 63,
  tableOptions: '',
  idColumn: { type: 'serial', define: (column) => column.primaryKey() },
  quote: doubleQuoted,
  placeholder: (n) => `$${n}`,
  columnType: (types) => types.postgres,
  bindBoolean: (value) => value,
  createTableSql(table, columns) {
    const defs = columnDefinitions(doubleQuoted, columns, true);
    return `CREATE TABLE IF NOT EXISTS ${doubleQuoted(table)} (${defs.join(', ')})`;
  },
  addColumnSql(table, column) {
    return `ALTER TABLE ${doubleQuoted(table)} ADD COLUMN IF NOT EXISTS ${doubleQuoted(column.name)} ${column.type}`;
  },
  listColumnsStatement(table) {
    return {
      sql:
        'SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type ' +
        'FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid ' +
        'WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = $1 ' +
        "AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
      parameters: [table],
    };
  },
  compareTypes: comparePostgresTypes,
  characterLimit: postgresCharacterLimit,
  widenColumnSql(table, column) {
    return `ALTER TABLE ${doubleQuoted(table)} ALTER COLUMN ${doubleQuoted(column.name)} TYPE ${column.type}`;
  },
  rowSizeProblem: () => undefined,
  isRowSizeError: () => false,
  rowFault: postgresRowFault,
  upsertClause: onConflictClause,
  upsertSql(table, columns, rows, clear) {
    return cachedSql(upsertKey('postgres', table, columns, rows, clear), () => {
      const insert = insertValuesSql(this, table, columns, rows);
      const upsert = this.upsertClause(['sys_id'], updatedColumns(columns, clear), clear);
      return `${insert} ${upsert} RETURNING (xmax = 0) AS "inserted"`;
    });
  },
  countExistingStatement(table, keys) {
    const marks = keys.map((_, i) => `$${i + 1}`);
    return {
      sql: `SELECT count(*) AS n FROM ${doubleQuoted(table)} WHERE ${doubleQuoted('sys_id')} IN (${marks.join(',')})`,
      parameters: keys,
    };
  },
  async countNewRows(_runner, _table, _rows, write) {
    const results = await write();
    let inserted = 0;
    for (const result of results) {
      for (const row of result.rows as { inserted?: unknown }[]) {
        if (row.inserted === true || row.inserted === 't') inserted++;
      }
    }
    return { inserted, statements: results.length };
  },
  selectUtcText: (column) =>
    `to_char(${doubleQuoted(column)}, 'YYYY-MM-DD HH24:MI:SS') AS ${doubleQuoted(column)}`,
  statementBytes: () => Promise.resolve(MAX_STATEMENT_BYTES),
  async insertReturningId(db, table, values) {
    const row = await db.insertInto(table).values(values).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  },
  fastUpsert: () => undefined,
  connectionLost: isPostgresConnectionLost,
};
