/**
 * The MySQL/MariaDB {@link SqlAdapter} (mysql2).
 *
 * @module
 */

import { isMysqlConnectionLost } from './connection-loss.js';
import {
  compareMysqlTypes,
  MYSQL_MAX_ROW_BYTES,
  mysqlCharacterLimit,
  mysqlRowBytes,
} from './mysql-column-types.js';
import { countByExistingKeys } from './new-row-count.js';
import { mysqlRowFault } from './row-fault.js';
import type { SqlAdapter } from './sql-adapter.js';
import {
  backticked,
  cachedSql,
  columnDefinitions,
  insertValuesSql,
  MAX_STATEMENT_BYTES,
  updatedColumns,
  upsertKey,
} from './sql-text.js';
import { runStatement } from './statement.js';

/**
 * The `NO PAD` binary collation of the `sys_id` key, in executable comments that each server
 * reads only when it has it: MariaDB 10.2.2+ (`/*M!` comments, which MySQL ignores)
 * `utf8mb4_nopad_bin`, MySQL 8.0.17+ `utf8mb4_0900_bin` (MariaDB skips `/*!` comments of
 * versions 5.7 to 9.9). The table's `utf8mb4_bin` is `PAD SPACE`: `'abc'` and `'abc '` would be
 * one key.
 */
const EXACT_KEY_COLLATION =
  '/*M!100202 COLLATE utf8mb4_nopad_bin*/ /*!80017 COLLATE utf8mb4_0900_bin*/';

/** `type` with {@link EXACT_KEY_COLLATION} when it is a character type. */
function exactKeyType(type: string): string {
  return /^\s*(var)?char\b|text\b/i.test(type) ? `${type} ${EXACT_KEY_COLLATION}` : type;
}

/**
 * MySQL/MariaDB: backticked identifiers, `?` markers, `ON DUPLICATE KEY UPDATE`, booleans as 1/0,
 * `utf8mb4` tables with a binary collation, bounded `varchar` key columns; the `sys_id` of a new
 * table is `NO PAD` where the server has such a collation, so keys compare exactly. New rows are counted from the keys present, taken first in the same transaction.
 * A statement stays within half the server's `max_allowed_packet`.
 */
export const mysqlAdapter: SqlAdapter = {
  dialect: 'mysql',
  // As for prepared statements (mysql2's `query` interpolates, but the limit keeps statements a
  // sane size).
  maxParameters: 65_535,
  maxRowsPerStatement: Number.POSITIVE_INFINITY,
  types: {
    timestamp: 'datetime',
    date: 'date',
    double: 'double precision',
    bigint: 'bigint',
    text: (maxLength) => `varchar(${maxLength})`,
    longText: 'longtext',
  },
  maxIdentifierLength: 64,
  tableOptions: ' DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
  idColumn: { type: 'integer', define: (column) => column.primaryKey().autoIncrement() },
  quote: backticked,
  placeholder: () => '?',
  columnType: (types) => types.mysql,
  bindBoolean: (value) => (value ? 1 : 0),
  createTableSql(table, columns) {
    const keyed = columns.map((c) =>
      c.name === 'sys_id' ? { ...c, type: exactKeyType(c.type) } : c,
    );
    const defs = columnDefinitions(backticked, keyed, false);
    defs.push(`PRIMARY KEY (${backticked('sys_id')})`);
    return `CREATE TABLE IF NOT EXISTS ${backticked(table)} (${defs.join(', ')})${this.tableOptions}`;
  },
  addColumnSql(table, column) {
    return `ALTER TABLE ${backticked(table)} ADD COLUMN ${backticked(column.name)} ${column.type}`;
  },
  listColumnsStatement(table) {
    return {
      sql:
        'SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type FROM information_schema.columns ' +
        'WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ORDINAL_POSITION',
      parameters: [table],
    };
  },
  compareTypes: compareMysqlTypes,
  characterLimit: mysqlCharacterLimit,
  widenColumnSql(table, column) {
    // MODIFY restates the column: task columns are nullable, without default, in the table's
    // character set and collation, so nothing else changes.
    return `ALTER TABLE ${backticked(table)} MODIFY COLUMN ${backticked(column.name)} ${column.type}`;
  },
  rowSizeProblem(columns) {
    const bytes = mysqlRowBytes(columns);
    if (bytes <= MYSQL_MAX_ROW_BYTES) return undefined;
    return `its ${columns.length} columns declare rows of ${bytes} bytes, more than MySQL's ${MYSQL_MAX_ROW_BYTES}-byte row limit`;
  },
  isRowSizeError(error) {
    const e = error as { errno?: unknown; code?: unknown } | null;
    return e?.errno === 1118 || e?.code === 'ER_TOO_BIG_ROWSIZE';
  },
  rowFault: mysqlRowFault,
  upsertClause(_key, update, nulls = []) {
    const q = backticked;
    const set = [
      ...update.map((c) => `${q(c)}=VALUES(${q(c)})`),
      ...nulls.map((c) => `${q(c)}=NULL`),
    ];
    return `ON DUPLICATE KEY UPDATE ${set.join(',')}`;
  },
  upsertSql(table, columns, rows, clear) {
    return cachedSql(upsertKey('mysql', table, columns, rows, clear), () => {
      const insert = insertValuesSql(this, table, columns, rows);
      return `${insert} ${this.upsertClause(['sys_id'], updatedColumns(columns, clear), clear)}`;
    });
  },
  countExistingStatement(table, keys) {
    return {
      sql: `SELECT count(*) AS n FROM ${backticked(table)} WHERE ${backticked('sys_id')} IN (${keys.map(() => '?').join(',')})`,
      parameters: keys,
    };
  },
  countNewRows(runner, table, rows, write) {
    return countByExistingKeys(this, runner, table, rows, write);
  },
  selectUtcText: (column) =>
    `DATE_FORMAT(${backticked(column)}, '%Y-%m-%d %H:%i:%s') AS ${backticked(column)}`,
  async statementBytes(runner) {
    try {
      const [row] = await runStatement<{ m: number | string }>(runner, {
        sql: 'SELECT @@max_allowed_packet AS m',
        parameters: [],
      });
      return Math.min(MAX_STATEMENT_BYTES, Math.floor(Number(row?.m ?? 4_194_304) / 2));
    } catch {
      return 2 * 1024 * 1024;
    }
  },
  async insertReturningId(db, table, values) {
    const result = await db.insertInto(table).values(values).executeTakeFirstOrThrow();
    return Number(result.insertId);
  },
  fastUpsert: () => undefined,
  connectionLost: isMysqlConnectionLost,
};
