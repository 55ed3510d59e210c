/**
 * Which {@link SqlAdapter} a Kysely instance needs: one detector for the sink, the sync state and
 * the execution log alike.
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';
import type { SqlDialect } from '../fields/index.js';
import { mysqlAdapter } from './mysql-adapter.js';
import { postgresAdapter } from './postgres-adapter.js';
import type { SqlAdapter } from './sql-adapter.js';
import { sqliteAdapter } from './sqlite-adapter.js';
import { kyselyAdapterOf } from './sqlite-handle.js';

/** The built-in adapters by dialect name. */
const ADAPTERS: Readonly<Record<SqlDialect, SqlAdapter>> = {
  sqlite: sqliteAdapter,
  postgres: postgresAdapter,
  mysql: mysqlAdapter,
};

/** Kysely's dialect adapter classes, by the name of the class (or a class it extends). */
const KYSELY_ADAPTERS: ReadonlyArray<readonly [string, SqlDialect]> = [
  ['SqliteAdapter', 'sqlite'],
  ['PostgresAdapter', 'postgres'],
  ['MysqlAdapter', 'mysql'],
];

/**
 * The adapter of a dialect name.
 *
 * @throws {@link ConfigurationError} (option `dialect`) for a name that is not `sqlite`,
 * `postgres` or `mysql`.
 *
 * @example
 * ```ts
 * adapterFor('postgres').placeholder(1); // '$1'
 * ```
 */
export function adapterFor(dialect: SqlDialect): SqlAdapter {
  const adapter = Object.hasOwn(ADAPTERS, dialect) ? ADAPTERS[dialect] : undefined;
  if (adapter === undefined) {
    throw new ConfigurationError(
      `unknown database dialect ${JSON.stringify(dialect)}; expected 'sqlite' | 'postgres' | 'mysql'`,
      { option: 'dialect' },
    );
  }
  return adapter;
}

/**
 * The dialect of a Kysely instance, read from its dialect adapter (Kysely's built-in SQLite,
 * PostgreSQL and MySQL adapters, or classes extending them, as `createDatabase` builds).
 * `undefined` when it cannot be told.
 *
 * @example
 * ```ts
 * dialectOf(createDatabase('sqlite::memory:')); // 'sqlite'
 * ```
 */
export function dialectOf(db: object): SqlDialect | undefined {
  const names = classNames(kyselyAdapterOf(db));
  return KYSELY_ADAPTERS.find(([name]) => names.includes(name))?.[1];
}

/** Options of {@link adapterOf}. */
export interface AdapterOfOptions {
  /** The dialect, when the caller was told it (detection is skipped). */
  readonly dialect?: SqlDialect | undefined;
  /**
   * Who asks, to start the error message.
   * @default 'database'
   */
  readonly caller?: string;
  /** What the caller can do instead, ending the error message (`pass dialect: ...`). */
  readonly hint?: string;
}

/**
 * The adapter for `db`: the one of `options.dialect` when given, else the one {@link dialectOf}
 * tells. The sink, the sync state and the execution log all find theirs here, so an unknown
 * database gets the same answer everywhere.
 *
 * @throws {@link ConfigurationError} (option `dialect`) when the dialect cannot be told, naming
 * what was received, or for an unknown `options.dialect`.
 *
 * @example
 * ```ts
 * adapterOf(createDatabase('mysql://sync@db/reporting')).dialect; // 'mysql'
 * ```
 */
export function adapterOf(db: object, options: AdapterOfOptions = {}): SqlAdapter {
  const { dialect, caller = 'database' } = options;
  const hint = options.hint === undefined ? '' : `; ${options.hint}`;
  if (dialect !== undefined) {
    if (Object.hasOwn(ADAPTERS, dialect)) return ADAPTERS[dialect];
    throw new ConfigurationError(
      `${caller}: unknown database dialect ${JSON.stringify(dialect)}${hint}`,
      { option: 'dialect' },
    );
  }
  const detected = dialectOf(db);
  if (detected !== undefined) return ADAPTERS[detected];
  throw new ConfigurationError(
    `${caller}: cannot tell the database dialect of ${describe(db)}; expected a Kysely ` +
      `instance on Kysely's SQLite, PostgreSQL or MySQL dialect (or one extending it)${hint}`,
    { option: 'dialect' },
  );
}

/** The constructor names along a value's prototype chain. */
function classNames(value: unknown): string[] {
  const names: string[] = [];
  for (
    let proto = value;
    proto !== null && typeof proto === 'object';
    proto = Object.getPrototypeOf(proto)
  ) {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === 'string') names.push(name);
  }
  return names;
}

/** What was received, for the error message. */
function describe(db: object): string {
  const adapter = kyselyAdapterOf(db);
  if (adapter === undefined) return 'an object without a Kysely executor (db.getExecutor())';
  const [name] = classNames(adapter);
  return `a Kysely instance whose adapter is ${name ?? 'unnamed'}`;
}
