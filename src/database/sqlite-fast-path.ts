/**
 * SQLite upserts straight through better-sqlite3: one prepared single-row statement, reused for
 * every row of a batch inside one transaction. Kysely's SQLite driver prepares each statement
 * it runs, which costs about half the throughput on wide tables.
 *
 * @module
 */
import type { Row } from '../fields/index.js';
import type { BindRow, FastUpsert, SqlAdapter, UpsertCount } from './sql-adapter.js';
import type { SqliteHandle, SqliteHandleStatement } from './sqlite-database.js';
import {
  countableMax,
  type RowidProbe,
  sqliteMaxRowidSql,
  sqliteRowidProbeSql,
} from './sqlite-rowid.js';
import type { Statement } from './statement.js';

/** What the fast path builds its statements with: the SQLite adapter. */
type SqliteSql = Pick<SqlAdapter, 'upsertSql' | 'countExistingStatement'>;

/** Prepared-statement upserts on one better-sqlite3 database. */
export class SqliteFastPath implements FastUpsert {
  readonly #db: SqliteHandle;
  readonly #sql: SqliteSql;
  readonly #statements = new Map<string, SqliteHandleStatement>();
  /** Tables whose rowid probe cannot be prepared (`WITHOUT ROWID`). */
  readonly #withoutRowid = new Set<string>();

  /**
   * @param db - The better-sqlite3 database.
   * @param sql - The SQLite adapter.
   */
  constructor(db: SqliteHandle, sql: SqliteSql) {
    this.#db = db;
    this.#sql = sql;
  }

  /**
   * Upserts `rows` (unique keys) in one `BEGIN IMMEDIATE` transaction, each bound by `bind` (values in `columns`
   * order, into the array it is given, reused for every row) just before it runs; an update also
   * sets the `clear` columns to `NULL`. `after` (the sync state's save) runs in the same
   * transaction, after the rows. Returns how many rows were new and the statements executed. A
   * throw from `bind` or any statement rolls the batch back.
   *
   * New rows are counted from the table's largest rowid before and after the rows (an insert takes
   * the next rowid, an update keeps its own), when the table's shape guarantees it (see
   * {@link sqliteRowidProbeSql}); otherwise by probing the keys before the rows.
   */
  upsert(
    table: string,
    columns: readonly string[],
    clear: readonly string[],
    rows: readonly Row[],
    bind: BindRow,
    after?: Statement,
  ): UpsertCount {
    const upsert = this.#prepare(this.#sql.upsertSql(table, columns, 1, clear));
    const probe = this.#probe(table);
    const save = after === undefined ? undefined : this.#prepare(after.sql);
    const values = new Array<unknown>(columns.length);
    const write = this.#db.transaction(() => {
      let statements = rows.length;
      let before: number | undefined;
      let existing = 0;
      if (probe !== undefined) {
        before = countableMax(probe.get([table, table, table, table]) as RowidProbe, rows.length);
        statements++;
      }
      if (before === undefined) {
        const count = this.#sql.countExistingStatement(
          table,
          rows.map((row) => row.sys_id as string),
        );
        existing = Number(this.#prepare(count.sql).pluck().get(count.parameters));
        statements++;
      }
      for (const row of rows) upsert.run(bind(row, values));
      let inserted = rows.length - existing;
      if (before !== undefined) {
        const max = this.#prepare(sqliteMaxRowidSql(table)).pluck().get([]) as number | null;
        inserted = (max ?? 0) - before;
        statements++;
      }
      if (save !== undefined) {
        save.run(after?.parameters as unknown[]);
        statements++;
      }
      return { inserted, statements };
    });
    // IMMEDIATE: the write lock is taken at BEGIN, where the busy timeout applies. A deferred
    // transaction reads first and then cannot upgrade while another connection writes (SQLite
    // answers SQLITE_BUSY at once rather than risk a deadlock).
    return write.immediate();
  }

  /** Forgets the prepared statements. */
  clear(): void {
    this.#statements.clear();
    this.#withoutRowid.clear();
  }

  /** The rowid probe of `table`, or `undefined` when it has no rowid. */
  #probe(table: string): SqliteHandleStatement | undefined {
    if (this.#withoutRowid.has(table)) return undefined;
    try {
      return this.#prepare(sqliteRowidProbeSql(table));
    } catch {
      this.#withoutRowid.add(table);
      return undefined;
    }
  }

  #prepare(sql: string): SqliteHandleStatement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      if (this.#statements.size > 128) this.#statements.clear();
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
