/**
 * `KyselySink`: upserts rows into SQLite, PostgreSQL or MySQL/MariaDB through Kysely.
 *
 * @module
 */
import createDebug from 'debug';
import {
  databaseLocation,
  pingDatabase,
  type SinkDatabase,
  type Statement,
  shortIdentifier,
} from '../database/index.js';
import type { Row, SqlDialect } from '../fields/index.js';
import type { TaskDefinition } from '../tasks/index.js';
import { BatchWriter } from './batch-writer.js';
import { claimTables } from './instance-claims.js';
import {
  batchRows,
  type KyselySinkOptions,
  prefixedTableName,
  sinkSettings,
} from './kysely-sink-options.js';
import {
  checkKeysOptions,
  checkSysIds,
  countLiveRows,
  deleteRows,
  type LiveRowsContext,
  liveKeys,
} from './live-rows.js';
import type { PingableSink } from './pingable-sink.js';
import type { PlanningSink } from './planning-sink.js';
import { formatSchemaChange, type PrepareResult, type SchemaChange } from './schema-change.js';
import type {
  DeleteResult,
  InstanceClaim,
  InstanceSink,
  KeyedSink,
  SinkCallOptions,
  SinkDeleteOptions,
  SinkKeysOptions,
  WriteResult,
} from './sink.js';
import { SinkTables, type TableState } from './sink-tables.js';
import type { StatePeekSink } from './state-peek.js';
import {
  checkStateUpdate,
  type StateKey,
  type SyncState,
  type SyncStateUpdate,
  stateKey,
} from './sync-state.js';
import { SyncStateStore } from './sync-state-store.js';
import { upsertRows } from './upsert-rows.js';

const debug = createDebug('servicenow-sync:sink');

const EMPTY: WriteResult = { written: 0, inserted: 0, updated: 0, dbOperations: 0 };

/**
 * A {@link Sink} writing each task to a table of a Kysely database, following the database
 * contract (docs/tasks-and-sinks.md):
 *
 * - the table is named as the task's target (plus `tablePrefix`) and is created when missing,
 *   with `sys_id` as primary key and one column per field, named as the field (quoted, so `user`,
 *   `order` and `group` work), `<field>_display` for display values;
 * - columns the task gained, and columns its transform derives (typed from their values), are
 *   added, a column is widened when the task wants a wider type or a value outgrows it, names
 *   too long for the database are shortened (recorded in `servicenow_sync_columns`); nothing is
 *   ever dropped, narrowed or converted (`prepare` reports every change, `planPrepare` plans
 *   them without writing);
 * - `write` dedupes the rows by `sys_id` (the last wins) and upserts them in batches of
 *   {@link KyselySink.batchSizeFor} rows, one transaction per batch; it reports inserted and updated counts (PostgreSQL
 *   from `xmax`, SQLite from the table's largest rowid before and after, MySQL from a count of
 *   the keys already present, in the same transaction);
 * - incremental runs get the task's {@link SyncState} (`readState`, `saveState`, and `state` of
 *   `write`/`delete`, saved in the transaction of the rows), soft deletes (`sys_deleted_at`),
 *   `keys` and `countRows`;
 * - each target table belongs to one instance (`claimInstance`, called by a run before it
 *   writes): `servicenow_sync_tables` records it, and the state rows carry it.
 *
 * What differs between databases comes from the instance's `SqlAdapter` (src/database/). On SQLite, when
 * the better-sqlite3 database can be reached (instances from `createDatabase` or on
 * `BetterSqliteDialect`, or the `sqliteHandle` option), rows go through one prepared statement
 * reused within a transaction (better-sqlite3 directly, holding Kysely's connection); other
 * SQLite instances use multi-row statements through Kysely (the `servicenow-sync:sink` debug
 * namespace says which).
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
export class KyselySink
  implements KeyedSink, InstanceSink, PingableSink, PlanningSink, StatePeekSink
{
  readonly #db: SinkDatabase;
  readonly #batchSize: number | undefined;
  readonly #prefix: string;
  readonly #tables: SinkTables;
  readonly #state: SyncStateStore;
  readonly #live: LiveRowsContext;
  readonly #writer: BatchWriter;
  readonly #tableNames = new WeakMap<TaskDefinition, { full: string; sql: string }>();

  /**
   * @param db - A Kysely instance (`createDatabase(url)` or your own).
   * @throws {@link ConfigurationError} for an invalid option, or a dialect that cannot be told.
   */
  constructor(db: SinkDatabase, options: KyselySinkOptions = {}) {
    const { adapter, batchSize, prefix } = sinkSettings(db, options);
    this.#db = db;
    this.#batchSize = batchSize;
    this.#prefix = prefix;
    this.#state = new SyncStateStore(db, adapter);
    this.#tables = new SinkTables(db, adapter);
    this.#live = { db, adapter, tables: this.#tables, state: this.#state };
    const fast = adapter.fastUpsert(db, options.sqliteHandle);
    this.#writer = new BatchWriter(db, adapter, fast, (runner, statement) =>
      this.#state.run(runner, statement, 'save'),
    );
  }

  /**
   * Most rows of `task` per transaction: the `batchSize` option; else 130,000 values a
   * transaction, 1,000 to 10,000 rows by the task's width.
   */
  batchSizeFor(task: TaskDefinition): number {
    return batchRows(this.#batchSize, task);
  }

  /** The dialect written. */
  get dialect(): SqlDialect {
    return this.#live.adapter.dialect;
  }

  /** The database's URL without its password (from `createDatabase`), for messages. */
  get location(): string {
    return databaseLocation(this.#db);
  }

  /** `select 1`: resolves once the database accepts a connection (the run's preflight). */
  async ping(options: { readonly signal?: AbortSignal } = {}): Promise<void> {
    options.signal?.throwIfAborted();
    await pingDatabase(this.#db);
  }

  /**
   * The SQL name of the table a task is written to: `tablePrefix` + `task.target`, shortened
   * when longer than the database keeps (PostgreSQL 63 characters, MySQL 64: its start, `_` and
   * 8 hex digits of its hash; the same name always gives the same SQL name).
   *
   * @throws {@link ConfigurationError} when the prefixed name is not a valid name.
   */
  tableName(task: TaskDefinition): string {
    return this.#names(task).sql;
  }

  /**
   * Makes the task's table follow the task, and resolves to what it changed:
   *
   * - creates it when missing (`sys_id` its primary key);
   * - adds the columns it lacks;
   * - widens a column whose wanted type is wider, as the database defines it (MySQL:
   *   `VARCHAR(40)` -> `VARCHAR(100)` -> `LONGTEXT`); a column whose type differs in another way
   *   is kept and reported (`type-mismatch`); nothing is narrowed or dropped;
   * - a table or column name longer than the database keeps is shortened (see
   *   {@link KyselySink.tableName}), recorded in `servicenow_sync_columns` and reused by later
   *   runs; rows keep their full keys, mapped when written.
   *
   * @throws {@link SinkError} when two names shorten to one, a short name is already another
   * table's or column's, a MySQL row would be too large (naming the table, with advice), or the
   * database refuses a statement.
   */
  async prepare(task: TaskDefinition, options: SinkCallOptions = {}): Promise<PrepareResult> {
    options.signal?.throwIfAborted();
    const { changes } = await this.#tables.prepare(
      this.#fullName(task),
      this.tableName(task),
      task,
    );
    return { changes };
  }

  /**
   * The changes {@link KyselySink.prepare} would make to the task's table against the database
   * as it is now, with their SQL; creates and changes nothing (the sink's registry tables are
   * read only when they exist).
   *
   * @throws {@link SinkError} as `prepare` would (a name collision, a MySQL row too large), or
   * when the database refuses a read.
   *
   * @example
   * ```ts
   * for (const change of await sink.planPrepare(task)) console.log(change.sql ?? change.kind);
   * ```
   */
  async planPrepare(task: TaskDefinition, options: SinkCallOptions = {}): Promise<SchemaChange[]> {
    options.signal?.throwIfAborted();
    const changes = await this.#tables.plan(this.#fullName(task), this.tableName(task), task);
    for (const change of changes) debug('plan %s', formatSchemaChange(change));
    return changes;
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
   * A row that cannot be stored (a string holding NUL, an object, a value or constraint the
   * database refuses for that row) does not fail the write: the batch is written again with the
   * row isolated (halves, down to single rows, each its own transaction) and left out, and the
   * result's `rejected` names it (`sys_id`, field, reason); the state is then saved on its own.
   * A lone surrogate in a string is stored as U+FFFD on every database.
   *
   * @throws {@link SinkError} when a row has no `sys_id`, or the database refuses a statement for
   * any other reason; {@link TaskDefinitionError} for a column name that is not a
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
    const result = await upsertRows(
      { tables: this.#tables, writer: this.#writer, adapter: this.#live.adapter },
      { state, rows, save, batchSize: this.batchSizeFor(task), task },
      signal,
    );
    return { ...result, dbOperations: dbOperations + result.dbOperations };
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
    checkSysIds(sysIds);
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
   * The task's stored {@link SyncState} read without creating anything (a database without
   * `servicenow_sync_state` has none): what `planSync` shows.
   *
   * @throws {@link SinkError} when the database refuses the statement.
   */
  async peekState(
    task: TaskDefinition,
    options: SinkCallOptions = {},
  ): Promise<SyncState | undefined> {
    const key = this.#stateKey(task);
    options.signal?.throwIfAborted();
    return this.#state.peek(key);
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
    const { after, limit, signal } = checkKeysOptions(options);
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

  /**
   * Checks that the target tables of `tasks` and their sync state hold no other instance's data,
   * then records them as `instance`'s (`servicenow_sync_tables`, and the state rows), in one
   * transaction; tables written before instances were recorded are adopted (`adopted`).
   *
   * @throws {@link InstanceMismatchError} (nothing written) when a table holds another instance's
   * data; {@link SinkError} when the database refuses a statement.
   */
  claimInstance(
    instance: string,
    tasks: readonly TaskDefinition[],
    options: SinkCallOptions = {},
  ): Promise<InstanceClaim> {
    const targets = tasks.map((task) => ({ target: this.tableName(task), table: task.table }));
    const context = { db: this.#db, adapter: this.#live.adapter, state: this.#state };
    return claimTables(context, instance, targets, options.signal);
  }

  /** Forgets cached statements and table states; the database stays open. */
  async close(): Promise<void> {
    this.#writer.clear();
    this.#tables.clear();
    this.#state.reset();
  }

  /** The state key of a task (its name and table checked). */
  #stateKey(task: TaskDefinition): StateKey {
    return stateKey(task.name, task.table, this.tableName(task));
  }

  /** The table state of a task, preparing the table on first use. */
  #table(task: TaskDefinition): Promise<TableState> {
    return this.#tables.get(this.#fullName(task), this.tableName(task), task);
  }

  /** The full name of a task's table: `tablePrefix` + `task.target`. */
  #fullName(task: TaskDefinition): string {
    return this.#names(task).full;
  }

  /** The full and SQL names of a task's table, worked out once per task. */
  #names(task: TaskDefinition): { full: string; sql: string } {
    let names = this.#tableNames.get(task);
    if (names === undefined) {
      const full = prefixedTableName(this.#prefix, task);
      names = { full, sql: shortIdentifier(full, this.#live.adapter.maxIdentifierLength) };
      this.#tableNames.set(task, names);
    }
    return names;
  }
}
