/**
 * The options of `KyselySink`, their defaults and their checks.
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';
import {
  adapterOf,
  type SinkDatabase,
  type SqlAdapter,
  type SqliteHandle,
} from '../database/index.js';
import { type SqlDialect, sqlIdentifierProblem } from '../fields/index.js';
import { type TaskDefinition, toolTableProblem } from '../tasks/index.js';

/** Options of {@link KyselySink}. */
export interface KyselySinkOptions {
  /**
   * The database's dialect.
   * @default detected from the Kysely instance's dialect adapter (Kysely's SQLite, PostgreSQL or
   * MySQL adapter, or a class extending one)
   */
  readonly dialect?: SqlDialect;
  /**
   * Rows per transaction. Each batch is committed on its own, so a failure keeps the batches
   * before it. Statements inside a batch are further split to respect the dialect's
   * bound-parameter limit (SQLite 32766, PostgreSQL and MySQL 65535) and a statement size limit.
   * A run groups pages into writes of at most this many rows ({@link KyselySink.batchSizeFor}).
   *
   * The default follows the task's width: 130,000 values (columns x rows) a transaction, from
   * 1,000 to 10,000 rows (5,000 rows of 26 columns, 1,710 of 76). A commit has a cost of its own
   * whatever it holds (SQLite appends every key-index page it touched to the write-ahead log
   * again, and random `sys_id`s touch most of them; PostgreSQL and MySQL flush their logs and
   * plan each statement), so narrow rows need more of them per commit (docs/tasks-and-sinks.md,
   * Throughput).
   * @default 130,000 / the task's columns, 1,000 to 10,000
   */
  readonly batchSize?: number;
  /**
   * Prefix of every table name (`sn_` writes `incident` as `sn_incident`). Lowercase letters,
   * digits and `_`.
   * @default ''
   */
  readonly tablePrefix?: string;
  /**
   * SQLite only: the better-sqlite3 database behind your own Kysely instance, so rows go
   * through one prepared statement reused within a transaction (about twice the throughput on
   * wide tables). Instances from `createDatabase` (and any built on `BetterSqliteDialect`) are
   * found without it; other SQLite instances without it use multi-row statements through Kysely.
   * @default the handle found from the Kysely instance, if any
   */
  readonly sqliteHandle?: SqliteHandle;
}

/** The options checked and defaulted. */
export interface SinkSettings {
  readonly adapter: SqlAdapter;
  readonly batchSize: number | undefined;
  readonly prefix: string;
}

/** Values (columns x rows) per transaction unless `batchSize` says otherwise. */
const VALUES_PER_COMMIT = 130_000;
/** Bounds of the width-sized batches. */
const BATCH_ROWS = { min: 1000, max: 10_000 } as const;

/**
 * The options checked, the adapter found.
 *
 * @throws {@link ConfigurationError} for an invalid option, or a dialect that cannot be told.
 */
export function sinkSettings(db: SinkDatabase, options: KyselySinkOptions): SinkSettings {
  const adapter = adapterOf(db, {
    dialect: options.dialect,
    caller: 'KyselySink',
    hint: "pass dialect: 'sqlite' | 'postgres' | 'mysql'",
  });
  const batchSize = options.batchSize;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) {
    throw new ConfigurationError(
      `KyselySink: batchSize must be a positive integer, got ${String(batchSize)}`,
      { option: 'batchSize' },
    );
  }
  const prefix = options.tablePrefix ?? '';
  if (typeof prefix !== 'string' || (prefix !== '' && !/^[a-z_][a-z0-9_]*$/.test(prefix))) {
    throw new ConfigurationError(
      `KyselySink: tablePrefix must be lowercase letters, digits and _, got ${JSON.stringify(prefix)}`,
      { option: 'tablePrefix' },
    );
  }
  return { adapter, batchSize, prefix };
}

/**
 * Most rows of `task` per transaction: `batchSize` when set; else 130,000 values a transaction,
 * 1,000 to 10,000 rows by the task's width.
 */
export function batchRows(batchSize: number | undefined, task: TaskDefinition): number {
  if (batchSize !== undefined) return batchSize;
  const rows = Math.floor(VALUES_PER_COMMIT / Math.max(1, task.columns.length));
  return Math.min(BATCH_ROWS.max, Math.max(BATCH_ROWS.min, rows));
}

/**
 * The table a task is written to: `prefix` + `task.target`.
 *
 * @throws {@link ConfigurationError} when the prefixed name is too long.
 */
export function prefixedTableName(prefix: string, task: TaskDefinition): string {
  const name = `${prefix}${task.target}`;
  const problem = sqlIdentifierProblem(name) ?? toolTableProblem(name);
  if (problem !== undefined) {
    throw new ConfigurationError(`KyselySink: table name ${problem}`, { option: 'tablePrefix' });
  }
  return name;
}
