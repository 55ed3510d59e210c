/**
 * Finding the better-sqlite3 database behind a Kysely instance: `createDatabase` builds its
 * SQLite instances with {@link BetterSqliteDialect}, whose Kysely adapter carries the handle, so
 * the handle is read from the instance itself (`db.getExecutor().adapter`), on the instance, its
 * transactions and any `withPlugin`/`withTables` copy alike.
 *
 * @module
 */
import type Database from 'better-sqlite3';
import { type DialectAdapter, SqliteAdapter, SqliteDialect } from 'kysely';

/** Kysely's SQLite adapter, carrying the better-sqlite3 database it runs on. */
export class BetterSqliteAdapter extends SqliteAdapter {
  /** @param database - The better-sqlite3 database. */
  constructor(readonly database: Database.Database) {
    super();
  }
}

/**
 * Kysely's `SqliteDialect` on one better-sqlite3 database, which a `KyselySink` finds to write
 * through one prepared statement a batch (the fast path). `createDatabase('sqlite:...')` uses
 * it; build your own instance with it to get the same path.
 *
 * @example
 * ```ts
 * const db = new Kysely<SyncTables>({ dialect: new BetterSqliteDialect(new Database('sync.db')) });
 * ```
 */
export class BetterSqliteDialect extends SqliteDialect {
  readonly #database: Database.Database;

  /** @param database - The better-sqlite3 database (closed by `db.destroy()`). */
  constructor(database: Database.Database) {
    super({ database });
    this.#database = database;
  }

  override createAdapter(): DialectAdapter {
    return new BetterSqliteAdapter(this.#database);
  }
}

/**
 * The better-sqlite3 database behind a Kysely instance built on {@link BetterSqliteDialect}
 * (every SQLite instance of `createDatabase`); `undefined` for any other instance.
 */
export function sqliteHandleOf(db: object): Database.Database | undefined {
  const adapter = kyselyAdapterOf(db);
  return adapter instanceof BetterSqliteAdapter ? adapter.database : undefined;
}

/** The Kysely dialect adapter of an instance (`db.getExecutor().adapter`), when it has one. */
export function kyselyAdapterOf(db: object): unknown {
  const getExecutor = (db as { getExecutor?: unknown }).getExecutor;
  if (typeof getExecutor !== 'function') return undefined;
  return (getExecutor.call(db) as { adapter?: unknown } | undefined)?.adapter;
}
