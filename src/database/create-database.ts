/**
 * `createDatabase(url)`: a Kysely instance for SQLite, PostgreSQL or MySQL/MariaDB from a URL.
 *
 * @module
 */
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect } from 'kysely';
import type { CustomTypesConfig } from 'pg';
import { ConfigurationError } from '../core/index.js';
import { type ConnectionErrorListener, guardMysqlPool, guardPgPool } from './connection-loss.js';
import { rememberLocation } from './database-location.js';
import { type DatabaseTarget, parseDatabaseUrl, redactUrl } from './database-url.js';
import { BetterSqliteDialect } from './sqlite-handle.js';

/**
 * The tables of a servicenow-sync database as Kysely sees them: any table, any column, values
 * `unknown`. Narrow with your own interface (`db.withTables<...>()` or a cast) to query.
 */
export type SyncTables = Record<string, Record<string, unknown>>;

/** Options of {@link createDatabase}. */
export interface CreateDatabaseOptions {
  /**
   * Most connections a PostgreSQL or MySQL pool opens (SQLite uses one).
   * @default 10
   */
  readonly poolSize?: number;
  /**
   * SQLite only: milliseconds to wait for a lock held by another process before failing.
   * @default 5000
   */
  readonly busyTimeoutMs?: number;
  /**
   * PostgreSQL and MySQL only: called when a pooled connection is lost while idle or between
   * statements (the server terminated it, the network reset it). Such an error never crashes
   * the process: the pool drops the connection and opens a new one when next needed, and a
   * statement that was running fails with its own error. Use it to log or count the losses.
   * @default none (a `servicenow-sync:database` debug line only)
   */
  readonly onConnectionError?: ConnectionErrorListener;
}

/**
 * Loads CommonJS drivers on demand. The drivers are loaded when a URL of theirs is opened, never
 * at import: pg, mysql2 and better-sqlite3 each cost 6-16 MB of memory, and a sync into one
 * database needs one of them at most.
 */
const load = createRequire(import.meta.url);

/** The options of {@link createDatabase}, defaulted and checked. */
interface Settings {
  readonly url: string;
  readonly poolSize: number;
  readonly busyTimeoutMs: number;
  readonly onConnectionError: ConnectionErrorListener | undefined;
}

type SqliteTarget = Extract<DatabaseTarget, { dialect: 'sqlite' }>;
type ServerTarget = Exclude<DatabaseTarget, SqliteTarget>;

/** Opens one kind of database from its parsed URL. */
type Opener<T extends DatabaseTarget> = (target: T, settings: Settings) => Kysely<SyncTables>;

/** How each kind of database is opened. */
const OPENERS: {
  readonly sqlite: Opener<SqliteTarget>;
  readonly postgres: Opener<ServerTarget>;
  readonly mysql: Opener<ServerTarget>;
} = {
  sqlite: openSqlite,
  postgres: openPostgres,
  mysql: openMysql,
};

/**
 * Opens a database from a URL and returns a Kysely instance (close it with `db.destroy()`):
 *
 * - `sqlite:PATH` or `sqlite::memory:`: better-sqlite3, WAL journal (files), `synchronous=NORMAL`,
 *   `wal_autocheckpoint=10000` (pages), a busy timeout; the file is created when missing. The
 *   instance is built on {@link BetterSqliteDialect}, so a `KyselySink` on it finds the
 *   better-sqlite3 database for its prepared-statement path.
 * - `postgres://user:pass@host:5432/db` (or `postgresql://`): a pg pool. `timestamp` and `date`
 *   columns read back as their UTC text (`YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD`) and `bigint` as a
 *   number (as text beyond 2^53), never a local-time `Date`.
 * - `mysql://user:pass@host:3306/db` (or `mariadb://`): a mysql2 pool, `utf8mb4`, UTC
 *   (`timezone: 'Z'`), date-times read back as text, big numbers as numbers (text beyond 2^53).
 *
 * Nothing connects until the first query, except SQLite, which opens its file at once. Each
 * driver is loaded when a URL of its kind is opened (pg and mysql2 on the first query), not when
 * the library is imported. A server connection lost while idle (terminated by the server, reset
 * by the network) never crashes the process: the pool drops it and reports it to
 * `onConnectionError`.
 *
 * @throws {@link ConfigurationError} for a malformed or unsupported URL (the message never
 * shows the password), or a SQLite file that cannot be opened.
 *
 * @example
 * ```ts
 * const db = createDatabase('sqlite:./servicenow.db');
 * try {
 *   await runTasks(incidentsJob(), { client, sink: new KyselySink(db) });
 * } finally {
 *   await db.destroy();
 * }
 * ```
 */
export function createDatabase(
  url: string,
  options: CreateDatabaseOptions = {},
): Kysely<SyncTables> {
  const settings: Settings = {
    url,
    poolSize: positiveInteger(options.poolSize, 10, 'poolSize'),
    busyTimeoutMs: positiveInteger(options.busyTimeoutMs, 5000, 'busyTimeoutMs'),
    onConnectionError: options.onConnectionError,
  };
  const target = parseDatabaseUrl(url);
  const open = OPENERS[target.dialect] as Opener<DatabaseTarget>;
  const db = open(target, settings);
  rememberLocation(db, redactUrl(url));
  return db;
}

/** better-sqlite3 on a file (WAL) or in memory, through {@link BetterSqliteDialect}. */
function openSqlite(target: SqliteTarget, settings: Settings): Kysely<SyncTables> {
  let sqlite: Database.Database;
  try {
    const Sqlite = load('better-sqlite3') as typeof Database;
    sqlite = new Sqlite(target.path);
  } catch (error) {
    throw new ConfigurationError(
      `database URL ${redactUrl(settings.url)}: cannot open the SQLite file (${error instanceof Error ? error.message : String(error)})`,
      { option: 'url', cause: error },
    );
  }
  if (target.path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  // Checkpoint every ~40 MB of WAL instead of 4 MB: a load commits every batch, and each
  // checkpoint syncs the file; this roughly halves the cost of per-batch commits.
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma(`busy_timeout = ${settings.busyTimeoutMs}`);
  return new Kysely<SyncTables>({ dialect: new BetterSqliteDialect(sqlite) });
}

/** A pg pool, created on the first query; its connection errors never crash the process. */
function openPostgres(target: ServerTarget, settings: Settings): Kysely<SyncTables> {
  const connectionString = target.url.href;
  const pool = async () => {
    const { default: pg } = await import('pg');
    const created = new pg.Pool({
      connectionString,
      max: settings.poolSize,
      types: pgTypes(pg.types),
    });
    guardPgPool(created, settings.onConnectionError);
    return created;
  };
  return new Kysely<SyncTables>({ dialect: new PostgresDialect({ pool }) });
}

/** A mysql2 pool, created on the first query; its connection errors never crash the process. */
function openMysql(target: ServerTarget, settings: Settings): Kysely<SyncTables> {
  const uri = target.url.href.replace(/^mariadb:/, 'mysql:');
  const pool = async () => {
    const { createPool } = await import('mysql2');
    const created = createPool({
      uri,
      connectionLimit: settings.poolSize,
      charset: 'utf8mb4',
      timezone: 'Z',
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
    });
    guardMysqlPool(created, settings.onConnectionError);
    return created;
  };
  return new Kysely<SyncTables>({ dialect: new MysqlDialect({ pool }) });
}

/** DATE and TIMESTAMP as their UTC text; BIGINT as a number when exact; the rest as pg reads it. */
function pgTypes(defaults: CustomTypesConfig): CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (format === 'binary') return defaults.getTypeParser(oid, 'binary');
      if (oid === 1082 || oid === 1114) return (value: string) => value;
      if (oid === 20) {
        return (value: string) => {
          const n = Number(value);
          return Number.isSafeInteger(n) ? n : value;
        };
      }
      return defaults.getTypeParser(oid, 'text');
    }) as CustomTypesConfig['getTypeParser'],
  };
}

function positiveInteger(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigurationError(`${option} must be a positive integer, got ${String(value)}`, {
      option,
    });
  }
  return value;
}
