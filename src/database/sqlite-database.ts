/**
 * The part of a better-sqlite3 database that servicenow-sync uses, declared here: the published
 * types then name no type of a devDependency (`@types/better-sqlite3`), and compile in a
 * project that does not install it (`skipLibCheck: false`).
 *
 * @module
 */
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** A prepared statement of a {@link SqliteHandle}: Kysely's `SqliteStatement`, plus `get`/`pluck`. */
export interface SqliteHandleStatement extends SqliteStatement {
  /** The first row (after `pluck()`, its first column); `undefined` when there is none. */
  get(parameters: ReadonlyArray<unknown>): unknown;
  /** Makes the statement return the first column of each row instead of the row. */
  pluck(toggle?: boolean): this;
}

/**
 * A better-sqlite3 `Database` as servicenow-sync sees it: Kysely's `SqliteDatabase`, statements
 * with `get`/`pluck`, and `transaction`. Any better-sqlite3 database is one.
 *
 * @example
 * ```ts
 * import Database from 'better-sqlite3';
 * const handle: SqliteHandle = new Database('sync.db');
 * ```
 */
export interface SqliteHandle extends SqliteDatabase {
  /** Prepares `sql`. */
  prepare(sql: string): SqliteHandleStatement;
  /**
   * Wraps `fn` in `BEGIN` / `COMMIT` (`ROLLBACK` when it throws); `.immediate()` runs it in a
   * `BEGIN IMMEDIATE` transaction.
   */
  transaction<T>(fn: () => T): SqliteTransactionFunction<T>;
}

/**
 * A function wrapped by {@link SqliteHandle.transaction}: calling it runs a deferred transaction,
 * `immediate()` one that takes the write lock at `BEGIN` (waiting up to the busy timeout for it).
 */
export interface SqliteTransactionFunction<T> {
  /** Runs the function in a deferred transaction. */
  (): T;
  /** Runs the function in a `BEGIN IMMEDIATE` transaction. */
  immediate(): T;
}
