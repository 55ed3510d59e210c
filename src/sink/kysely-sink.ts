/**
 * `KyselySink`: upserts rows into SQLite, PostgreSQL or MySQL/MariaDB through Kysely.
 *
 * @module
 */
import createDebug from 'debug';
import { ConfigurationError } from '../core/index.js';
import type { Row, SqlDialect } from '../fields/index.js';
import { sqlIdentifierProblem } from '../fields/index.js';
import type { TaskDefinition } from '../tasks/index.js';
import { dialectOf, sqliteHandleOf } from './create-database.js';
import type { Statement } from './dialect-sql.js';
import {
  countLiveRows,
  DELETED_AT_COLUMN,
  deleteRows,
  type LiveRowsContext,
  liveKeys,
} from './live-rows.js';
import { bindChunks, writeMultiRow } from './multi-row-path.js';
import { bindRow, dedupe, keysOf } from './row-batch.js';
import type {
  DeleteResult,
  KeyedSink,
  SinkCallOptions,
  SinkDeleteOptions,
  SinkKeysOptions,
  WriteResult,
} from './sink.js';
import type { SinkDatabase } from './sink-database.js';
import { messageOf, SinkError } from './sink-error.js';
import { SinkTables, type TableState } from './sink-tables.js';
import { SqliteFastPath } from './sqlite-fast-path.js';
import {
  checkStateUpdate,
  type StateKey,
  type SyncState,
  SyncStateStore,
  type SyncStateUpdate,
  stateKey,
} from './sync-state.js';
import { run } from './table-schema.js';

const debug = createDebug('servicenow-sync:sink');

/** Options of {@link KyselySink}. */
export interface KyselySinkOptions {
  /**
   * The database's dialect.
   * @default detected: known for `createDatabase` instances, else read from Kysely's adapter
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
}

/** Values (columns x rows) per transaction unless `batchSize` says otherwise. */
const VALUES_PER_COMMIT = 130_000;
/** Bounds of the width-sized batches. */
const BATCH_ROWS = { min: 1000, max: 10_000 } as const;

const EMPTY: WriteResult = { written: 0, inserted: 0, updated: 0, dbOperations: 0 };
/** Upper bound of one PostgreSQL statement's estimated size. */
const MAX_STATEMENT_BYTES = 16 * 1024 * 1024;

/**
 * A {@link Sink} writing each task to a table of a Kysely database, following the database
 * contract (docs/tasks-and-sinks.md):
 *
 * - the table is named as the task's target (plus `tablePrefix`) and is created when missing,
 *   with `sys_id` as primary key and one column per field, named as the field (quoted, so `user`,
 *   `order` and `group` work), `<field>_display` for display values;
 * - columns the task gained, and columns its transform derives (typed from their values), are
 *   added; nothing is ever dropped or altered;
 * - `write` dedupes the rows by `sys_id` (the last wins) and upserts them in batches of
 *   {@link KyselySink.batchSizeFor} rows, one transaction per batch; it reports inserted and updated counts (PostgreSQL
 *   from `xmax`, SQLite from the table's largest rowid before and after, MySQL from a count of
 *   the keys already present, in the same transaction);
 * - incremental runs get the task's {@link SyncState} (`readState`, `saveState`, and `state` of
 *   `write`/`delete`, saved in the transaction of the rows), soft deletes (`sys_deleted_at`),
 *   `keys` and `countRows`.
 *
 * On SQLite databases from `createDatabase` rows go through one prepared statement reused
 * within a transaction (better-sqlite3 directly, holding Kysely's connection); other SQLite
 * instances use multi-row statements through Kysely.
 *
 * `close()` forgets cached statements; it does not close the database, which the caller owns.
 *
 * @example
 * ```ts
 * const db = createDatabase('postgres://sync:secret@db.internal/reporting');
 * const sink = new KyselySink(db, { tablePrefix: 'sn_' });
 * await runTasks(incidentsJob(), { client, sink });
 * await db.destroy();
 * ```
 */
export class KyselySink implements KeyedSink {
  readonly #db: SinkDatabase;
  readonly #dialect: SqlDialect;
  readonly #batchSize: number | undefined;
  readonly #prefix: string;
  readonly #fast: SqliteFastPath | undefined;
  readonly #tables: SinkTables;
  #maxStatementBytes: Promise<number> | undefined;
  readonly #state: SyncStateStore;
  readonly #live: LiveRowsContext;

  /**
   * @param db - A Kysely instance (`createDatabase(url)` or your own).
   * @throws {@link ConfigurationError} for an invalid option, or a dialect that cannot be told.
   */
  constructor(db: SinkDatabase, options: KyselySinkOptions = {}) {
    const dialect = options.dialect ?? dialectOf(db);
    if (dialect !== 'sqlite' && dialect !== 'postgres' && dialect !== 'mysql') {
      throw new ConfigurationError(
        `KyselySink: cannot tell the database dialect${options.dialect === undefined ? '' : ` (got ${JSON.stringify(options.dialect)})`}; pass dialect: 'sqlite' | 'postgres' | 'mysql'`,
        { option: 'dialect' },
      );
    }
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
    this.#db = db;
    this.#dialect = dialect;
    this.#batchSize = batchSize;
    this.#prefix = prefix;
    const handle = dialect === 'sqlite' ? sqliteHandleOf(db) : undefined;
    this.#fast = handle === undefined ? undefined : new SqliteFastPath(handle);
    this.#state = new SyncStateStore(db, dialect);
    this.#tables = new SinkTables(db, dialect);
    this.#live = { db, dialect, tables: this.#tables, state: this.#state };
  }

  /**
   * Most rows of `task` per transaction: the `batchSize` option; else 130,000 values a
   * transaction, 1,000 to 10,000 rows by the task's width.
   */
  batchSizeFor(task: TaskDefinition): number {
    if (this.#batchSize !== undefined) return this.#batchSize;
    const rows = Math.floor(VALUES_PER_COMMIT / Math.max(1, task.columns.length));
    return Math.min(BATCH_ROWS.max, Math.max(BATCH_ROWS.min, rows));
  }

  /** The dialect written. */
  get dialect(): SqlDialect {
    return this.#dialect;
  }

  /**
   * The table a task is written to: `tablePrefix` + `task.target`.
   *
   * @throws {@link ConfigurationError} when the prefixed name is too long.
   */
  tableName(task: TaskDefinition): string {
    const name = `${this.#prefix}${task.target}`;
    const problem = sqlIdentifierProblem(name);
    if (problem !== undefined) {
      throw new ConfigurationError(`KyselySink: table name ${problem}`, { option: 'tablePrefix' });
    }
    return name;
  }

  /** Creates the task's table when missing and adds the columns it lacks. */
  async prepare(task: TaskDefinition, options: SinkCallOptions = {}): Promise<void> {
    options.signal?.throwIfAborted();
    await this.#table(task);
  }

  /**
   * Upserts `rows` by `sys_id`. Rows may carry columns beyond the task's (from a transform):
   * they are added to the table first, typed from their values (text, double precision,
   * boolean, date-time; text when all null). A column missing from some rows of the batch is
   * written as `NULL` for them. An upserted row that was soft-deleted is live again
   * (`sys_deleted_at` set to `NULL`).
   *
   * With `options.state`, the task's {@link SyncState} is saved in the transaction of the last
   * batch: when the write throws, the state is unchanged (batches before the failing one stay
   * committed). With no rows, only the state is saved.
   *
   * @throws {@link SinkError} when a row has no `sys_id`, holds an unsupported value, or the
   * database refuses a statement; {@link TaskDefinitionError} for a column name that is not a
   * safe identifier; {@link ConfigurationError} for an invalid `state`. Batches committed before
   * the failure stay committed.
   */
  async write(
    task: TaskDefinition,
    rows: readonly Row[],
    options: SinkCallOptions = {},
  ): Promise<WriteResult> {
    const signal = options.signal;
    const update = options.state === undefined ? undefined : checkStateUpdate(options.state);
    const key = update === undefined ? undefined : this.#stateKey(task);
    signal?.throwIfAborted();
    const state = await this.#table(task);
    let dbOperations = 0;
    let save: Statement | undefined;
    if (update !== undefined && key !== undefined) {
      const prepared = await this.#state.saveStatement(key, update);
      save = prepared.statement;
      dbOperations += prepared.statements;
    }
    if (rows.length === 0) {
      if (save === undefined) return EMPTY;
      signal?.throwIfAborted();
      await this.#state.run(this.#db, save, 'save');
      return { ...EMPTY, dbOperations: dbOperations + 1 };
    }
    const table = state.name;
    const unique = dedupe(table, rows);
    const present = keysOf(unique);
    dbOperations += await this.#tables.addDerived(task, state, unique, present);
    const columns = state.columns.filter((c) => c === 'sys_id' || present.includes(c));
    const clear =
      state.columns.includes(DELETED_AT_COLUMN) && !columns.includes(DELETED_AT_COLUMN)
        ? [DELETED_AT_COLUMN]
        : [];
    const bind = (row: Row, into?: unknown[]) => bindRow(this.#dialect, table, columns, row, into);
    let inserted = 0;
    const size = this.batchSizeFor(task);
    for (let start = 0; start < unique.length; start += size) {
      signal?.throwIfAborted();
      const batch = unique.slice(start, start + size);
      const last = start + size >= unique.length;
      const result = await this.#writeBatch(
        table,
        columns,
        clear,
        batch,
        bind,
        last ? save : undefined,
      ).catch((error: unknown) => {
        if (error instanceof SinkError) throw error;
        throw new SinkError(table, `upsert failed: ${messageOf(error)}`, { cause: error });
      });
      inserted += result.inserted;
      dbOperations += result.statements;
    }
    debug('%s: wrote %d rows (%d new)', table, unique.length, inserted);
    return {
      written: unique.length,
      inserted,
      updated: unique.length - inserted,
      dbOperations,
    };
  }

  /**
   * Deletes rows by `sys_id`, in batches, one transaction per batch; with `soft: true`, sets their
   * `sys_deleted_at` (UTC) instead (the column is added when missing; rows already marked are left
   * alone and not counted). With `options.state`, the task's {@link SyncState} is saved in the
   * transaction of the last batch (or alone when `sysIds` is empty).
   *
   * @throws {@link SinkError} when the database refuses a statement; {@link ConfigurationError}
   * for a key that is not a string or an invalid `state`.
   */
  async delete(
    task: TaskDefinition,
    sysIds: readonly string[],
    options: SinkDeleteOptions = {},
  ): Promise<DeleteResult> {
    const update = options.state === undefined ? undefined : checkStateUpdate(options.state);
    if (sysIds.some((sysId) => typeof sysId !== 'string')) {
      throw new ConfigurationError('KyselySink.delete: every sys_id must be a string', {
        option: 'sysIds',
      });
    }
    options.signal?.throwIfAborted();
    const table = await this.#table(task);
    const save =
      update === undefined
        ? undefined
        : await this.#state.saveStatement(this.#stateKey(task), update);
    return deleteRows(this.#live, table, sysIds, {
      soft: options.soft === true,
      save,
      batchSize: this.batchSizeFor(task),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  }

  /**
   * The task's stored {@link SyncState} (from `servicenow_sync_state`, created when missing),
   * `undefined` when none was saved for this task and target table.
   *
   * @throws {@link SinkError} when the database refuses a statement.
   */
  async readState(
    task: TaskDefinition,
    options: SinkCallOptions = {},
  ): Promise<SyncState | undefined> {
    const key = this.#stateKey(task);
    options.signal?.throwIfAborted();
    return this.#state.read(key);
  }

  /**
   * Saves a change to the task's {@link SyncState} (absent keys keep their stored values).
   *
   * @throws {@link ConfigurationError} for an invalid update (a time that is not UTC
   * `YYYY-MM-DD HH:MM:SS`, a watermark `sys_id` that is not a string); {@link SinkError} when the
   * database refuses the statement.
   */
  async saveState(
    task: TaskDefinition,
    update: SyncStateUpdate,
    options: SinkCallOptions = {},
  ): Promise<void> {
    const checked = checkStateUpdate(update);
    const key = this.#stateKey(task);
    options.signal?.throwIfAborted();
    const { statement } = await this.#state.saveStatement(key, checked);
    await this.#state.run(this.#db, statement, 'save');
  }

  /**
   * Live (not soft-deleted) `sys_id`s of the task's table, ordered by `sys_id` in the column's
   * collation (binary on SQLite and MySQL, the database's on PostgreSQL), strictly after
   * `options.after`, at most `options.limit`.
   *
   * @throws {@link ConfigurationError} for a `limit` that is not a positive integer or an `after`
   * that is not a string; {@link SinkError} when the database refuses the statement.
   */
  async keys(task: TaskDefinition, options: SinkKeysOptions): Promise<string[]> {
    const { after, limit, signal } = options;
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new ConfigurationError(
        `KyselySink.keys: limit must be a positive integer, got ${String(limit)}`,
        { option: 'limit' },
      );
    }
    if (after !== undefined && typeof after !== 'string') {
      throw new ConfigurationError(`KyselySink.keys: after must be a string, got ${typeof after}`, {
        option: 'after',
      });
    }
    signal?.throwIfAborted();
    return liveKeys(this.#live, await this.#table(task), after, limit);
  }

  /**
   * How many live (not soft-deleted) rows the task's table holds.
   *
   * @throws {@link SinkError} when the database refuses the statement.
   */
  async countRows(task: TaskDefinition, options: SinkCallOptions = {}): Promise<number> {
    options.signal?.throwIfAborted();
    return countLiveRows(this.#live, await this.#table(task));
  }

  /** Forgets cached statements and table states; the database stays open. */
  async close(): Promise<void> {
    this.#fast?.clear();
    this.#tables.clear();
    this.#state.reset();
  }

  /** The state key of a task (its name and table checked). */
  #stateKey(task: TaskDefinition): StateKey {
    return stateKey(task.name, task.table, this.tableName(task));
  }

  /** The table state of a task, preparing the table on first use. */
  #table(task: TaskDefinition): Promise<TableState> {
    return this.#tables.get(this.tableName(task), task);
  }

  /**
   * Upserts one batch (unique keys) in one transaction, running `after` (the state's save) in
   * that transaction after the rows.
   */
  async #writeBatch(
    table: string,
    columns: readonly string[],
    clear: readonly string[],
    rows: readonly Row[],
    bind: (row: Row, into?: unknown[]) => unknown[],
    after: Statement | undefined,
  ): Promise<{ inserted: number; statements: number }> {
    const fast = this.#fast;
    if (fast !== undefined) {
      return this.#db
        .connection()
        .execute(async () => fast.upsert(table, columns, clear, rows, bind, after));
    }
    const maxBytes = await this.#statementBytes();
    const chunks = bindChunks(this.#dialect, table, columns, rows, maxBytes);
    return writeMultiRow(
      this.#db,
      {
        dialect: this.#dialect,
        table,
        columns,
        clear,
        rows,
        after,
        runAfter: (runner, statement) => this.#state.run(runner, statement, 'save'),
      },
      chunks,
    );
  }

  /** The size budget of one statement: half MySQL's `max_allowed_packet`, 16 MiB at most. */
  #statementBytes(): Promise<number> {
    if (this.#dialect !== 'mysql') return Promise.resolve(MAX_STATEMENT_BYTES);
    this.#maxStatementBytes ??= run<{ m: number | string }>(this.#db, {
      sql: 'SELECT @@max_allowed_packet AS m',
      parameters: [],
    }).then(
      ([row]) => Math.min(MAX_STATEMENT_BYTES, Math.floor(Number(row?.m ?? 4_194_304) / 2)),
      () => 2 * 1024 * 1024,
    );
    return this.#maxStatementBytes;
  }
}
