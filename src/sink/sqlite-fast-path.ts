/**
 * SQLite upserts straight through better-sqlite3: one prepared single-row statement, reused for
 * every row of a batch inside one transaction. Kysely's SQLite driver prepares each statement
 * it runs, which costs about half the throughput on wide tables.
 *
 * @module
 */
import type Database from 'better-sqlite3';
import type { Row } from '../fields/field-codec.js';
import { countExistingStatement, upsertSql } from './dialect-sql.js';

/** Prepared-statement upserts on one better-sqlite3 database. */
export class SqliteFastPath {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /**
   * Upserts `rows` (unique keys) in one transaction, each bound by `bind` (values in `columns`
   * order) just before it runs. Returns how many were new and the statements executed. A throw
   * from `bind` rolls the batch back.
   */
  upsert(
    table: string,
    columns: readonly string[],
    rows: readonly Row[],
    bind: (row: Row) => unknown[],
  ): { inserted: number; statements: number } {
    const upsert = this.#prepare(upsertSql('sqlite', table, columns, 1));
    const count = this.#prepare(countExistingStatement('sqlite', table, []).sql).pluck();
    const keys = rows.map((row) => row.sys_id);
    const write = this.#db.transaction(() => {
      const existing = Number(count.get(JSON.stringify(keys)));
      for (const row of rows) upsert.run(bind(row));
      return existing;
    });
    const existing = write();
    return { inserted: rows.length - existing, statements: rows.length + 1 };
  }

  /** Forgets the prepared statements. */
  clear(): void {
    this.#statements.clear();
  }

  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      if (this.#statements.size > 128) this.#statements.clear();
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
