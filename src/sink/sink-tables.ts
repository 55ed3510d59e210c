/**
 * The tables a `KyselySink` writes, as it knows them: prepared once (created or extended), then
 * extended one DDL change at a time (columns a task gained, columns a transform derived,
 * `sys_deleted_at`).
 *
 * @module
 */
import {
  type ColumnSpec,
  ensureColumns,
  inferSqlTypes,
  type SinkQueryRunner,
  type SqlAdapter,
} from '../database/index.js';
import type { Row } from '../fields/index.js';
import { sqlIdentifierProblem } from '../fields/index.js';
import type { TaskDefinition } from '../tasks/index.js';
import { TaskDefinitionError } from '../tasks/index.js';
import { messageOf, SinkError } from './sink-error.js';

/** A table as the sink knows it. */
export interface TableState {
  readonly name: string;
  /** The table's columns, in order. */
  columns: string[];
  /** Serialises DDL on this table. */
  ddl: Promise<unknown>;
}

/** The table states of one sink, by table name. */
export class SinkTables {
  readonly #db: SinkQueryRunner;
  readonly #adapter: SqlAdapter;
  readonly #tables = new Map<string, Promise<TableState>>();

  /**
   * @param db - The database written.
   * @param adapter - Its SQL adapter.
   */
  constructor(db: SinkQueryRunner, adapter: SqlAdapter) {
    this.#db = db;
    this.#adapter = adapter;
  }

  /**
   * The state of table `name` written by `task`: the table is prepared on first use, and gains
   * the columns of `task` it lacks (a task with more fields than the one that prepared it).
   */
  get(name: string, task: TaskDefinition): Promise<TableState> {
    let state = this.#tables.get(name);
    if (state === undefined) {
      state = this.#prepare(name, task).catch((error: unknown) => {
        this.#tables.delete(name);
        throw error instanceof SinkError
          ? error
          : new SinkError(name, `cannot prepare the table: ${messageOf(error)}`, { cause: error });
      });
      this.#tables.set(name, state);
    }
    return state.then(async (table) => {
      const missing = task.columns.filter((column) => !table.columns.includes(column.name));
      if (missing.length > 0) {
        await this.alter(
          table,
          missing.map((c) => ({ name: c.name, type: this.#adapter.columnType(c.sqlType) })),
        );
      }
      return table;
    });
  }

  /** Adds columns, one DDL change at a time per table. Returns the statements executed. */
  alter(state: TableState, wanted: readonly ColumnSpec[]): Promise<number> {
    const next = state.ddl.then(async () => {
      const result = await ensureColumns(
        this.#db,
        this.#adapter,
        state.name,
        state.columns,
        wanted,
      );
      state.columns = result.columns;
      return result.statements;
    });
    state.ddl = next.catch(() => undefined);
    return next.catch((error: unknown) => {
      throw new SinkError(state.name, `cannot add columns: ${messageOf(error)}`, { cause: error });
    });
  }

  /**
   * Adds the columns of keys `present` in `rows` that the table lacks (derived by a transform),
   * typed from their values.
   *
   * @throws {@link TaskDefinitionError} for a key that is not a safe identifier.
   */
  async addDerived(
    task: TaskDefinition,
    state: TableState,
    rows: readonly Row[],
    present: readonly string[],
  ): Promise<number> {
    const fresh = new Set(present.filter((key) => !state.columns.includes(key)));
    if (fresh.size === 0) return 0;
    const problems = [...fresh]
      .map((name) => ({ name, problem: sqlIdentifierProblem(name) }))
      .filter((entry) => entry.problem !== undefined);
    if (problems.length > 0) {
      throw new TaskDefinitionError(
        task.name,
        problems.map((entry) => ({
          path: `transform.${entry.name}`,
          message: `derived column ${entry.problem}`,
        })),
      );
    }
    const wanted = [...fresh].map((name) => ({
      name,
      type: this.#adapter.columnType(inferSqlTypes(rows.map((row) => row[name]))),
    }));
    return this.alter(state, wanted);
  }

  /** Forgets every table state. */
  clear(): void {
    this.#tables.clear();
  }

  async #prepare(name: string, task: TaskDefinition): Promise<TableState> {
    const wanted = task.columns.map((column) => ({
      name: column.name,
      type: this.#adapter.columnType(column.sqlType),
    }));
    const { columns } = await ensureColumns(this.#db, this.#adapter, name, [], wanted);
    return { name, columns, ddl: Promise.resolve() };
  }
}
