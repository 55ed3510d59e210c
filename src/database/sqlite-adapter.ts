/**
 * The SQLite {@link SqlAdapter} (better-sqlite3).
 *
 * @module
 */

import { ConfigurationError } from '../core/index.js';
import { countByExistingKeys } from './new-row-count.js';
import { sqliteRowFault } from './row-fault.js';
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
import { SqliteFastPath } from './sqlite-fast-path.js';
import { sqliteHandleOf } from './sqlite-handle.js';
import { maxRowid, maxRowidBefore } from './sqlite-rowid.js';

/**
 * SQLite: double-quoted identifiers, `?` markers, `ON CONFLICT ... DO UPDATE`, booleans as 1/0,
 * timestamps as UTC text. New rows are counted from the table's largest rowid when its shape
 * allows (see `sqliteRowidProbeSql`), else from the keys present. Its fast path binds rows into
 * one prepared better-sqlite3 statement, reached from the Kysely instance of `createDatabase` or
 * the handle given.
 */
export const sqliteAdapter: SqlAdapter = {
  dialect: 'sqlite',
  // SQLITE_MAX_VARIABLE_NUMBER of the bundled SQLite.
  maxParameters: 32_766,
  // A bigger statement only costs more to prepare.
  maxRowsPerStatement: 200,
  types: {
    timestamp: 'text',
    date: 'text',
    double: 'real',
    bigint: 'integer',
    text: () => 'text',
    longText: 'text',
  },
  maxIdentifierLength: Number.POSITIVE_INFINITY,
  tableOptions: '',
  idColumn: { type: 'integer', define: (column) => column.primaryKey().autoIncrement() },
  quote: doubleQuoted,
  placeholder: () => '?',
  columnType: (types) => types.sqlite,
  bindBoolean: (value) => (value ? 1 : 0),
  createTableSql(table, columns) {
    const defs = columnDefinitions(doubleQuoted, columns, true);
    return `CREATE TABLE IF NOT EXISTS ${doubleQuoted(table)} (${defs.join(', ')})`;
  },
  addColumnSql(table, column) {
    return `ALTER TABLE ${doubleQuoted(table)} ADD COLUMN ${doubleQuoted(column.name)} ${column.type}`;
  },
  listColumnsStatement(table) {
    return { sql: 'SELECT name, type FROM pragma_table_info(?)', parameters: [table] };
  },
  // Declared types are affinities: they are the same or they differ, nothing is widened.
  characterLimit: () => undefined,
  compareTypes: (existing, wanted) =>
    existing.trim().toUpperCase() === wanted.trim().toUpperCase() ? 'same' : 'different',
  widenColumnSql(table) {
    throw new ConfigurationError(`SQLite cannot widen a column of ${table}: it never needs to`);
  },
  rowSizeProblem: () => undefined,
  isRowSizeError: () => false,
  rowFault: sqliteRowFault,
  upsertClause: onConflictClause,
  upsertSql(table, columns, rows, clear) {
    return cachedSql(upsertKey('sqlite', table, columns, rows, clear), () => {
      const insert = insertValuesSql(this, table, columns, rows);
      return `${insert} ${this.upsertClause(['sys_id'], updatedColumns(columns, clear), clear)}`;
    });
  },
  countExistingStatement(table, keys) {
    // One JSON parameter, probing the key index once per key.
    return {
      sql:
        `SELECT count(*) AS n FROM json_each(?) AS "k" ` +
        `WHERE EXISTS (SELECT 1 FROM ${doubleQuoted(table)} WHERE ${doubleQuoted('sys_id')} = "k"."value")`,
      parameters: [JSON.stringify(keys)],
    };
  },
  async countNewRows(runner, table, rows, write) {
    const before = await maxRowidBefore(runner, table, rows.length);
    if (before === undefined) {
      const counted = await countByExistingKeys(this, runner, table, rows, write);
      return { inserted: counted.inserted, statements: counted.statements + 1 };
    }
    const results = await write();
    const after = await maxRowid(runner, table);
    return { inserted: after - before, statements: results.length + 2 };
  },
  selectUtcText: (column) => `${doubleQuoted(column)} AS ${doubleQuoted(column)}`,
  statementBytes: () => Promise.resolve(MAX_STATEMENT_BYTES),
  async insertReturningId(db, table, values) {
    const result = await db.insertInto(table).values(values).executeTakeFirstOrThrow();
    return Number(result.insertId);
  },
  fastUpsert(db, handle) {
    const found = handle ?? sqliteHandleOf(db);
    return found === undefined ? undefined : new SqliteFastPath(found, this);
  },
  // A file in this process: no connection to lose.
  connectionLost: () => false,
};
