/**
 * The tables a `KyselySink` writes, as it knows them: prepared once (created, extended, widened,
 * names shortened), then changed one DDL plan at a time (columns a later task gained, columns a
 * transform derived, `sys_deleted_at`).
 *
 * @module
 */
import createDebug from 'debug';
import {
  type ColumnSpec,
  inferSqlTypes,
  readTableColumns,
  runStatement,
  type SinkQueryRunner,
  type SqlAdapter,
} from '../database/index.js';
import type { Row } from '../fields/index.js';
import { sqlIdentifierProblem } from '../fields/index.js';
import type { TaskDefinition } from '../tasks/index.js';
import { TaskDefinitionError } from '../tasks/index.js';
import { NameRegistry, NO_NAMES, type RecordedNames } from './name-registry.js';
import { formatSchemaChange, type SchemaChange } from './schema-change.js';
import { needsRegistry, planTable, ROW_SIZE_ADVICE, type TablePlan } from './schema-plan.js';
import { messageOf, SinkError } from './sink-error.js';

const debug = createDebug('servicenow-sync:sink');

/** A table as the sink knows it. */
export interface TableState {
  /** Its SQL name. */
  readonly name: string;
  /** Its full name (prefix included; `name` unless shortened). */
  readonly fullName: string;
  /** The table's columns (SQL names), in order. */
  columns: string[];
  /** Their types, by SQL name. */
  types: Map<string, string>;
  /** The row key of each column whose SQL name is shortened, by SQL name (empty: none is). */
  keyOf: Map<string, string>;
  /**
   * The columns whose type bounds their characters (MySQL `varchar(n)`), with the row key each
   * is read from; empty on SQLite and wherever every text column is unbounded.
   */
  bounded: readonly BoundedColumn[];
  /** What the registry records for the table, once read. */
  names: RecordedNames | undefined;
  /** Tasks whose columns the table is known to have. */
  readonly checked: WeakSet<TaskDefinition>;
  /** Serialises DDL on this table. */
  ddl: Promise<unknown>;
}

/** A column whose type holds at most `limit` characters. */
export interface BoundedColumn {
  /** The row key (the full column name). */
  readonly key: string;
  readonly limit: number;
}

/** `true` when `value` is text of more than `limit` characters (code points, as SQL counts). */
function outgrows(value: unknown, limit: number): boolean {
  // The UTF-16 length first: only a long text pays for counting code points.
  return typeof value === 'string' && value.length > limit && [...value].length > limit;
}

/** A table's state and the changes a call made to it. */
export interface PreparedTable {
  readonly state: TableState;
  readonly changes: readonly SchemaChange[];
  /** Statements executed. */
  readonly statements: number;
}

/** The wanted columns of `task` in this database (full names). */
function wantedColumns(adapter: SqlAdapter, task: TaskDefinition): ColumnSpec[] {
  return task.columns.map((c) => ({ name: c.name, type: adapter.columnType(c.sqlType) }));
}

/** The table states of one sink, by SQL table name. */
export class SinkTables {
  readonly #db: SinkQueryRunner;
  readonly #adapter: SqlAdapter;
  readonly #registry: NameRegistry;
  readonly #tables = new Map<string, Promise<PreparedTable>>();

  /**
   * @param db - The database written.
   * @param adapter - Its SQL adapter.
   */
  constructor(db: SinkQueryRunner, adapter: SqlAdapter) {
    this.#db = db;
    this.#adapter = adapter;
    this.#registry = new NameRegistry(db, adapter);
  }

  /**
   * Makes table `sqlName` (full name `fullName`) hold the columns of `task`: prepared on first
   * use (read, then created or changed), then given what a later task adds. Resolves to the
   * state and the changes this call made.
   */
  async prepare(fullName: string, sqlName: string, task: TaskDefinition): Promise<PreparedTable> {
    let first = this.#tables.get(sqlName);
    if (first === undefined) {
      first = this.#prepareFirst(fullName, sqlName, task).catch((error: unknown) => {
        this.#tables.delete(sqlName);
        throw error instanceof SinkError
          ? error
          : new SinkError(sqlName, `cannot prepare the table: ${messageOf(error)}`, {
              cause: error,
            });
      });
      this.#tables.set(sqlName, first);
      return first;
    }
    const { state } = await first;
    if (state.fullName !== fullName) {
      throw new SinkError(
        sqlName,
        `tables ${state.fullName} and ${fullName} both shorten to ${sqlName}; give one a shorter target or tablePrefix`,
      );
    }
    if (state.checked.has(task)) return { state, changes: [], statements: 0 };
    const result = await this.apply(state, wantedColumns(this.#adapter, task));
    state.checked.add(task);
    return { state, ...result };
  }

  /** The state of a table written by `task`, prepared when first used. */
  async get(fullName: string, sqlName: string, task: TaskDefinition): Promise<TableState> {
    return (await this.prepare(fullName, sqlName, task)).state;
  }

  /**
   * The changes that preparing `task`'s table would make to the database as it is now; runs
   * reads only (the registry is read only when it exists).
   */
  async plan(fullName: string, sqlName: string, task: TaskDefinition): Promise<SchemaChange[]> {
    const wanted = wantedColumns(this.#adapter, task);
    try {
      const { plan } = await this.#planFresh(fullName, sqlName, wanted);
      return [...plan.changes];
    } catch (error) {
      if (error instanceof SinkError) throw error;
      throw new SinkError(sqlName, `cannot plan the table: ${messageOf(error)}`, { cause: error });
    }
  }

  /**
   * Gives a known table the `wanted` columns (full names): the plan against what the sink knows
   * of it, one DDL plan at a time per table. Resolves to the changes and statements run.
   */
  apply(
    state: TableState,
    wanted: readonly ColumnSpec[],
  ): Promise<{ changes: readonly SchemaChange[]; statements: number }> {
    const next = state.ddl.then(async () => {
      let statements = 0;
      if (state.names === undefined && needsRegistry(this.#adapter, state.fullName, wanted)) {
        state.names = await this.#registry.read(state.name);
        statements++;
      }
      const known = state.columns.map((name) => ({ name, type: state.types.get(name) ?? '' }));
      const run = async (existing: readonly ColumnSpec[]) => {
        const plan = planTable({
          adapter: this.#adapter,
          fullTable: state.fullName,
          sqlTable: state.name,
          existing,
          wanted,
          names: state.names ?? NO_NAMES,
        });
        statements += await this.#execute(state.name, plan);
        this.#update(state, plan);
        return plan;
      };
      let plan: TablePlan;
      try {
        plan = await run(known);
      } catch (error) {
        // Another writer may have changed the table meanwhile: plan again from what it has.
        if (error instanceof SinkError) throw error;
        const current = await readTableColumns(this.#db, this.#adapter, state.name);
        statements++;
        if (current.length === 0) throw error;
        plan = await run(current);
      }
      return { changes: plan.changes, statements };
    });
    state.ddl = next.catch(() => undefined);
    return next.catch((error: unknown) => {
      if (error instanceof SinkError) throw error;
      throw new SinkError(state.name, `cannot change the table: ${messageOf(error)}`, {
        cause: error,
      });
    });
  }

  /**
   * Widens the bounded columns (`varchar(n)`) that a value of `rows` outgrows to the database's
   * long text type before the rows are written: the instance holds longer values than its
   * dictionary's `max_length` (it was lowered, or a script wrote past it), and nothing may be
   * lost. No cost where the table has no bounded column.
   */
  async fitValues(
    state: TableState,
    rows: readonly Row[],
  ): Promise<{ changes: readonly SchemaChange[]; statements: number }> {
    if (state.bounded.length === 0) return { changes: [], statements: 0 };
    const outgrown = state.bounded.filter((column) =>
      rows.some((row) => outgrows(row[column.key], column.limit)),
    );
    if (outgrown.length === 0) return { changes: [], statements: 0 };
    const type = this.#adapter.types.longText;
    return this.apply(
      state,
      outgrown.map((column) => ({ name: column.key, type })),
    );
  }

  /** Adds columns (SQL names as given). Returns the statements executed. */
  async alter(state: TableState, wanted: readonly ColumnSpec[]): Promise<number> {
    return (await this.apply(state, wanted)).statements;
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
    const known = new Set(state.columns);
    const keys = state.keyOf;
    const shortened = keys.size === 0 ? undefined : new Set(keys.values());
    const fresh = present.filter((key) => !known.has(key) && !shortened?.has(key));
    if (fresh.length === 0) return 0;
    const problems = fresh
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
    const wanted = fresh.map((name) => ({
      name,
      type: this.#adapter.columnType(inferSqlTypes(rows.map((row) => row[name]))),
    }));
    const { changes, statements } = await this.apply(state, wanted);
    for (const change of changes) debug('%s', formatSchemaChange(change));
    return statements;
  }

  /** Forgets every table state. */
  clear(): void {
    this.#tables.clear();
  }

  async #prepareFirst(
    fullName: string,
    sqlName: string,
    task: TaskDefinition,
  ): Promise<PreparedTable> {
    const wanted = wantedColumns(this.#adapter, task);
    let { plan, names, statements } = await this.#planFresh(fullName, sqlName, wanted);
    try {
      statements += await this.#execute(sqlName, plan);
    } catch (error) {
      // Another writer may have created or changed the table meanwhile: plan again from what it
      // did; anything else fails again, for real.
      if (error instanceof SinkError) throw error;
      debug('%s: %s; planning again', sqlName, messageOf(error));
      ({ plan, names, statements } = await this.#planFresh(fullName, sqlName, wanted));
      statements += await this.#execute(sqlName, plan);
    }
    const state: TableState = {
      name: sqlName,
      fullName,
      columns: [],
      types: new Map(),
      keyOf: new Map(),
      bounded: [],
      names,
      checked: new WeakSet([task]),
      ddl: Promise.resolve(),
    };
    this.#update(state, plan);
    return { state, changes: plan.changes, statements };
  }

  /** The plan against the database as it is now: registry (when needed) and columns read. */
  async #planFresh(
    fullName: string,
    sqlName: string,
    wanted: readonly ColumnSpec[],
  ): Promise<{ plan: TablePlan; names: RecordedNames | undefined; statements: number }> {
    const adapter = this.#adapter;
    const names = needsRegistry(adapter, fullName, wanted)
      ? await this.#registry.read(sqlName)
      : undefined;
    const columns = await readTableColumns(this.#db, adapter, sqlName);
    const plan = planTable({
      adapter,
      fullTable: fullName,
      sqlTable: sqlName,
      existing: columns.length === 0 ? undefined : columns,
      wanted,
      names: names ?? NO_NAMES,
    });
    return { plan, names, statements: names === undefined ? 1 : 3 };
  }

  /** Records the plan's names, then runs its statements in order. Returns the statements run. */
  async #execute(table: string, plan: TablePlan): Promise<number> {
    let statements = await this.#registry.record(plan.record);
    for (const change of plan.changes) {
      debug('%s', formatSchemaChange(change));
      if (change.sql === undefined) continue;
      try {
        await runStatement(this.#db, { sql: change.sql, parameters: [] });
      } catch (error) {
        if (this.#adapter.isRowSizeError(error)) {
          throw new SinkError(
            table,
            `the database refuses the table's row size (${messageOf(error)}); ${ROW_SIZE_ADVICE}`,
            { cause: error },
          );
        }
        throw error;
      }
      statements++;
    }
    return statements;
  }

  /** The state after `plan` ran. */
  #update(state: TableState, plan: TablePlan): void {
    const recorded = plan.record.filter((row) => row.kind === 'column');
    if (state.names !== undefined && recorded.length > 0) {
      const columns = new Map(state.names.columns);
      for (const row of recorded) columns.set(row.full_name, row.sql_name);
      state.names = { table: state.names.table, columns };
    }
    state.columns = plan.columns.map((column) => column.name);
    state.types = new Map(plan.columns.map((column) => [column.name, column.type]));
    if (plan.keys.size > 0) {
      const keyOf = new Map(state.keyOf);
      for (const [key, sql] of plan.keys) keyOf.set(sql, key);
      state.keyOf = keyOf;
    }
    const bounded: BoundedColumn[] = [];
    for (const column of plan.columns) {
      const limit = this.#adapter.characterLimit(column.type);
      if (limit !== undefined && column.name !== 'sys_id') {
        bounded.push({ key: state.keyOf.get(column.name) ?? column.name, limit });
      }
    }
    state.bounded = bounded;
  }
}
