/**
 * The {@link SqlAdapter} contract: everything that differs between SQLite, PostgreSQL and
 * MySQL/MariaDB, carried by one object per database so the code that writes never asks which
 * database it is talking to.
 *
 * @module
 */

import type { ColumnDefinitionBuilder, Kysely, QueryResult } from 'kysely';
import type { Row, SqlDialect, SqlTypes } from '../fields/index.js';
import type { TypeComparison } from './column-type.js';
import type { RowFault } from './row-fault.js';
import type { SinkDatabase, SinkQueryRunner } from './sink-database.js';
import type { SqliteHandle } from './sqlite-database.js';
import type { Statement } from './statement.js';

/** A column to create, or as a table has it: name and type in the database at hand. */
export interface ColumnSpec {
  readonly name: string;
  readonly type: string;
}

/** The column types of the tables servicenow-sync defines itself (execution log, sync state). */
export interface ColumnTypes {
  /** A UTC date-time (`YYYY-MM-DD HH:MM:SS`). */
  readonly timestamp: string;
  /** A calendar day (`YYYY-MM-DD`). */
  readonly date: string;
  /** A double-precision number. */
  readonly double: string;
  /** A 64-bit integer. */
  readonly bigint: string;
  /** Text of at most `maxLength` characters (a key column on MySQL needs a bounded length). */
  text(maxLength: number): string;
  /** Text of any length (MySQL: `longtext`, as its `text` holds only 64 KB). */
  readonly longText: string;
}

/** The auto-numbered `id` primary key of the execution log. */
export interface IdColumn {
  /** Its column type (`serial` on PostgreSQL, `integer` elsewhere). */
  readonly type: string;
  /** Its constraints, applied to Kysely's column builder. */
  define(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
}

/** How many rows of a batch were new, and the statements run to write and count them. */
export interface UpsertCount {
  readonly inserted: number;
  readonly statements: number;
}

/** Values of a row bound into `into` in column order (one array reused for every row). */
export type BindRow = (row: Row, into: unknown[]) => unknown[];

/**
 * A database's own way of upserting a batch faster than multi-row statements through Kysely
 * (SQLite: one prepared statement reused for every row).
 */
export interface FastUpsert {
  /**
   * Upserts `rows` (unique keys) in one transaction, each bound by `bind`; an update also sets
   * the `clear` columns to `NULL`. `after` (the sync state's save) runs in the same transaction
   * after the rows. A throw rolls the batch back.
   */
  upsert(
    table: string,
    columns: readonly string[],
    clear: readonly string[],
    rows: readonly Row[],
    bind: BindRow,
    after?: Statement,
  ): UpsertCount;
  /** Forgets cached statements. */
  clear(): void;
}

/**
 * One database family's SQL: quoting, placeholders, column types, DDL, upserts, how new rows
 * are counted, parameter limits, the log's id, and fast paths. The built-in adapters are
 * `sqliteAdapter`, `postgresAdapter` and `mysqlAdapter`; {@link adapterOf} finds the one of a
 * Kysely instance.
 *
 * @example
 * ```ts
 * const adapter = adapterOf(createDatabase('sqlite::memory:'));
 * adapter.quote('order'); // '"order"'
 * ```
 */
export interface SqlAdapter {
  /** The dialect name (`sqlite`, `postgres`, `mysql`). */
  readonly dialect: SqlDialect;
  /** Most bound parameters in one statement. */
  readonly maxParameters: number;
  /** Most rows in one multi-row statement, whatever the parameter limit allows. */
  readonly maxRowsPerStatement: number;
  /** Column types of the tables servicenow-sync defines itself. */
  readonly types: ColumnTypes;
  /**
   * The longest table or column name this database keeps (PostgreSQL 63, MySQL 64; SQLite
   * `Infinity`): a sink shortens longer names (see `shortIdentifier`).
   */
  readonly maxIdentifierLength: number;
  /** Text appended to `CREATE TABLE` (MySQL: its character set and binary collation). */
  readonly tableOptions: string;
  /** The execution log's auto-numbered id. */
  readonly idColumn: IdColumn;
  /** `name` quoted as an identifier (quotes inside doubled). */
  quote(name: string): string;
  /** The marker of bound parameter `n` (from 1). */
  placeholder(n: number): string;
  /** A codec's column type in this database. */
  columnType(types: SqlTypes): string;
  /** A boolean as the driver binds it. */
  bindBoolean(value: boolean): boolean | number;
  /** `CREATE TABLE IF NOT EXISTS` with `sys_id` as the primary key. */
  createTableSql(table: string, columns: readonly ColumnSpec[]): string;
  /** `ALTER TABLE ... ADD COLUMN`. */
  addColumnSql(table: string, column: ColumnSpec): string;
  /**
   * The statement listing a table's columns in order: `name` and `type` (as the database spells
   * it: `varchar(40)`, `character varying(40)`, `TEXT`) per row; no rows when it does not exist.
   */
  listColumnsStatement(table: string): Statement;
  /**
   * How the type `existing` of a column compares with the type `wanted` for it (both in this
   * database's spelling): this database's idea of `same` and `wider` (MySQL: `VARCHAR(40)` ->
   * `VARCHAR(100)` -> `LONGTEXT`; PostgreSQL: `varchar(n)` -> `text`; SQLite never widens).
   */
  compareTypes(existing: string, wanted: string): TypeComparison;
  /**
   * The most characters a column of `type` holds when that bound is small enough for a value to
   * outgrow it (MySQL `varchar(40)`: 40; PostgreSQL `character varying(40)`: 40), `undefined` for
   * a type without one (`text`, `longtext`, numbers, SQLite's types). A sink widens such a
   * column before writing a longer value.
   */
  characterLimit(type: string): number | undefined;
  /**
   * The statement giving `column.name` of `table` the wider type `column.type` (asked only after
   * `compareTypes` said `wider`; SQLite, which never widens, throws).
   */
  widenColumnSql(table: string, column: ColumnSpec): string;
  /**
   * Why a table of `columns` cannot be created in this database (MySQL: its 65,535-byte row
   * limit, estimated from the types), or `undefined` when it can as far as can be told.
   */
  rowSizeProblem(columns: readonly ColumnSpec[]): string | undefined;
  /** `true` when `error` is this database refusing a table because its rows would be too large. */
  isRowSizeError(error: unknown): boolean;
  /**
   * What one row did wrong when `error` is this database refusing a row's values (a value it
   * cannot store, a constraint the row breaks), `undefined` for any other error (a statement,
   * the connection): a sink isolates such rows and writes the rest.
   */
  rowFault(error: unknown): RowFault | undefined;
  /**
   * The clause making an insert an upsert on `key`: `update` columns take the new row's values,
   * `nulls` columns are set to `NULL`.
   */
  upsertClause(
    key: readonly string[],
    update: readonly string[],
    nulls?: readonly string[],
  ): string;
  /**
   * The upsert of `rows` rows into `columns` (the first being `sys_id`) by `sys_id`; an update
   * also sets the `clear` columns to `NULL`. Cached by shape.
   */
  upsertSql(
    table: string,
    columns: readonly string[],
    rows: number,
    clear: readonly string[],
  ): string;
  /** The statement counting which of `keys` already exist in `table` (`n`). */
  countExistingStatement(table: string, keys: readonly string[]): Statement;
  /**
   * Runs `write` (the upsert statements of `rows`, on `runner`, inside a transaction) and counts
   * the new rows in the way this database allows.
   */
  countNewRows(
    runner: SinkQueryRunner,
    table: string,
    rows: readonly Row[],
    write: () => Promise<readonly QueryResult<unknown>[]>,
  ): Promise<UpsertCount>;
  /** A select expression reading a timestamp column as UTC `YYYY-MM-DD HH:MM:SS` text. */
  selectUtcText(column: string): string;
  /** The size budget of one statement, in bytes. */
  statementBytes(runner: SinkQueryRunner): Promise<number>;
  /** Inserts one row into `table` and returns its new auto-numbered `id`. */
  insertReturningId(
    db: Kysely<Record<string, Record<string, unknown>>>,
    table: string,
    values: Readonly<Record<string, unknown>>,
  ): Promise<number>;
  /**
   * The fast upsert path on `db`, when this database has one and it can be reached (`handle`, or
   * the one found from `db` itself); `undefined` otherwise.
   */
  fastUpsert(db: SinkDatabase, handle?: SqliteHandle): FastUpsert | undefined;
  /**
   * Whether `error` says the connection itself was lost (terminated by the server, reset by the
   * network) rather than a statement refused: a batch that failed so, before its commit, is
   * written again once on a fresh connection. Always `false` on SQLite.
   */
  connectionLost(error: unknown): boolean;
}
