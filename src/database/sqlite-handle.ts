/**
 * Finding the better-sqlite3 database behind a Kysely instance: `createDatabase` builds its
 * SQLite instances with {@link BetterSqliteDialect}, whose Kysely adapter carries the handle, so
 * the handle is read from the instance itself (`db.getExecutor().adapter`), on the instance, its
 * transactions and any `withPlugin`/`withTables` copy alike.
 *
 * @module
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import type { SqliteHandle } from './sqlite-database.js';

/** Kysely's SQLite adapter, carrying the better-sqlite3 database it runs on. @internal */
export class BetterSqliteAdapter extends SqliteAdapter {
  /** @param database - The better-sqlite3 database. */
  constructor(readonly database: SqliteHandle) {
    super();
  }
}

/**
 * Kysely's SQLite driver, but a transaction begins `IMMEDIATE`: it takes the write lock at
 * `BEGIN`, waiting up to the busy timeout while another connection holds it, instead of reading
 * first and then failing at once with `database is locked` when it cannot upgrade.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  /** @param database - The better-sqlite3 database. */
  constructor(database: SqliteHandle) {
    super({ database });
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * Kysely's SQLite dialect on one better-sqlite3 database, which a `KyselySink` finds to write
 * through one prepared statement a batch (the fast path). `createDatabase('sqlite:...')` uses
 * it; build your own instance with it to get the same path. Its transactions begin `IMMEDIATE`,
 * so the busy timeout applies to their writes. Everything else is Kysely's `SqliteDialect`.
 *
 * @example
 * ```ts
 * const db = new Kysely<SyncTables>({ dialect: new BetterSqliteDialect(new Database('sync.db')) });
 * ```
 */
export class BetterSqliteDialect implements Dialect {
  readonly #database: SqliteHandle;
  readonly #sqlite: SqliteDialect;

  /** @param database - The better-sqlite3 database (closed by `db.destroy()`). */
  constructor(database: SqliteHandle) {
    this.#database = database;
    this.#sqlite = new SqliteDialect({ database });
  }

  /** Kysely's SQLite driver on the database, its transactions `BEGIN IMMEDIATE`. */
  createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#database);
  }

  /** Kysely's SQLite query compiler. */
  createQueryCompiler(): QueryCompiler {
    return this.#sqlite.createQueryCompiler();
  }

  /** Kysely's SQLite adapter, carrying the better-sqlite3 database. */
  createAdapter(): DialectAdapter {
    return new BetterSqliteAdapter(this.#database);
  }

  /** Kysely's SQLite introspector. */
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return this.#sqlite.createIntrospector(db);
  }
}

/**
 * The better-sqlite3 database behind a Kysely instance built on {@link BetterSqliteDialect}
 * (every SQLite instance of `createDatabase`); `undefined` for any other instance.
 */
export function sqliteHandleOf(db: object): SqliteHandle | undefined {
  const adapter = kyselyAdapterOf(db);
  return adapter instanceof BetterSqliteAdapter ? adapter.database : undefined;
}

/** The Kysely dialect adapter of an instance (`db.getExecutor().adapter`), when it has one. */
export function kyselyAdapterOf(db: object): unknown {
  const getExecutor = (db as { getExecutor?: unknown }).getExecutor;
  if (typeof getExecutor !== 'function') return undefined;
  return (getExecutor.call(db) as { adapter?: unknown } | undefined)?.adapter;
}
