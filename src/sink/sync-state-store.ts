/**
 * The `servicenow_sync_state` table of one database, as a sink uses it: created once, read, and
 * saved (alone or within the transaction of the rows).
 *
 * @module
 */
import {
  ensureColumns,
  readColumns,
  runStatement,
  type SinkQueryRunner,
  type SqlAdapter,
  type Statement,
} from '../database/index.js';
import { messageOf, SinkError } from './sink-error.js';
import {
  type StateKey,
  SYNC_STATE_TABLE,
  type SyncState,
  type SyncStateUpdate,
} from './sync-state.js';
import {
  createStateTableSql,
  INSTANCE_COLUMN,
  readStateStatement,
  type StateRow,
  saveStateStatement,
  stateOfRow,
} from './sync-state-sql.js';

/**
 * Creates the state table when missing, tolerating another writer creating it at the same moment
 * (PostgreSQL then fails on its catalog instead of doing nothing), and adds the `instance` column
 * to a table created before it existed (its rows kept, their instance `NULL`). Returns the
 * statements run.
 */
export async function createStateTable(
  runner: SinkQueryRunner,
  adapter: SqlAdapter,
): Promise<number> {
  let statements = 1;
  try {
    await runStatement(runner, { sql: createStateTableSql(adapter), parameters: [] });
  } catch (error) {
    const columns = await readColumns(runner, adapter, SYNC_STATE_TABLE).catch(() => []);
    if (columns.length === 0) throw error;
    statements++;
  }
  const column = { name: INSTANCE_COLUMN.name, type: INSTANCE_COLUMN.type(adapter) };
  const upgrade = await ensureColumns(runner, adapter, SYNC_STATE_TABLE, [], [column]);
  return statements + upgrade.statements;
}

/** The state table of one database: created once, read, and saved (alone or within a transaction). */
export class SyncStateStore {
  readonly #db: SinkQueryRunner;
  readonly #adapter: SqlAdapter;
  /** The instance claimed for each target table, recorded with its state rows. */
  readonly #instances = new Map<string, string>();
  #created: Promise<number> | undefined;

  /**
   * @param db - The database holding the table.
   * @param adapter - Its SQL adapter.
   */
  constructor(db: SinkQueryRunner, adapter: SqlAdapter) {
    this.#db = db;
    this.#adapter = adapter;
  }

  /** Creates the table once; resolves to the statements this call ran. */
  async ensure(): Promise<number> {
    if (this.#created !== undefined) {
      await this.#created;
      return 0;
    }
    const created = createStateTable(this.#db, this.#adapter).catch((error: unknown) => {
      this.#created = undefined;
      throw new SinkError(SYNC_STATE_TABLE, `cannot create the table: ${messageOf(error)}`, {
        cause: error,
      });
    });
    this.#created = created;
    return created;
  }

  /** The stored state of `key`, `undefined` when there is none. */
  async read(key: StateKey): Promise<SyncState | undefined> {
    await this.ensure();
    const [row] = await this.run<StateRow>(
      this.#db,
      readStateStatement(this.#adapter, key),
      'read',
    );
    return row === undefined ? undefined : stateOfRow(row);
  }

  /**
   * The stored state of `key` without creating the table: `undefined` when the table or the
   * row does not exist.
   */
  async peek(key: StateKey): Promise<SyncState | undefined> {
    const columns = await readColumns(this.#db, this.#adapter, SYNC_STATE_TABLE);
    if (columns.length === 0) return undefined;
    const [row] = await this.run<StateRow>(
      this.#db,
      readStateStatement(this.#adapter, key),
      'read',
    );
    return row === undefined ? undefined : stateOfRow(row);
  }

  /** The statement saving `update` (checked) for `key`, the table created first. */
  async saveStatement(
    key: StateKey,
    update: SyncStateUpdate,
  ): Promise<{ statement: Statement; statements: number }> {
    const statements = await this.ensure();
    const instance = this.#instances.get(key.targetTable);
    return { statement: saveStateStatement(this.#adapter, key, update, instance), statements };
  }

  /** Records `instance` with every state row of `targetTable` saved from now on. */
  claim(targetTable: string, instance: string): void {
    this.#instances.set(targetTable, instance);
  }

  /** Runs a state statement on `runner` (the database or a transaction); a failure is a {@link SinkError}. */
  run<R>(runner: SinkQueryRunner, statement: Statement, verb: string): Promise<R[]> {
    return runStatement<R>(runner, statement).catch((error: unknown) => {
      throw new SinkError(SYNC_STATE_TABLE, `cannot ${verb} the state: ${messageOf(error)}`, {
        cause: error,
      });
    });
  }

  /** Forgets that the table was created (it is checked again on next use). */
  reset(): void {
    this.#created = undefined;
  }
}
