/**
 * A change a sink makes (or, planning, would make) to a target table so that it follows the
 * instance: the contract between the sink's DDL, the run log and `plan`.
 *
 * @module
 */

/**
 * What changed: a table created, a column added, a column widened, a name shortened; or
 * `type-mismatch`, a column whose type differs from the wanted one in a way that is not a
 * widening (reported, never applied: nothing is ever narrowed or converted).
 */
export type SchemaChangeKind =
  | 'create-table'
  | 'add-column'
  | 'widen-column'
  | 'shorten-name'
  | 'type-mismatch';

/**
 * One change to a target table.
 *
 * @example
 * ```ts
 * const change: SchemaChange = {
 *   kind: 'widen-column',
 *   table: 'u_asset',
 *   column: 'u_label',
 *   type: 'VARCHAR(100)',
 *   from: 'varchar(40)',
 *   sql: 'ALTER TABLE `u_asset` MODIFY COLUMN `u_label` VARCHAR(100)',
 * };
 * ```
 */
export interface SchemaChange {
  readonly kind: SchemaChangeKind;
  /** The target table (its SQL name, prefix included). */
  readonly table: string;
  /**
   * The SQL column concerned (absent for `create-table`, and for the `shorten-name` of the table
   * itself).
   */
  readonly column?: string;
  /**
   * The column's type after the change (`VARCHAR(100)`, `LONGTEXT`); `type-mismatch`: the type
   * wanted.
   */
  readonly type?: string;
  /**
   * `widen-column` and `type-mismatch`: the column's type in the database; `shorten-name`: the
   * full name that was too long.
   */
  readonly from?: string;
  /**
   * The statement run (or that would run); absent for `shorten-name`, which is no DDL, and for
   * `type-mismatch`, which is not applied.
   */
  readonly sql?: string;
}

/** What `Sink.prepare` may resolve to: the changes it made to the task's destination. */
export interface PrepareResult {
  /** The changes made, in the order they were made; empty when the table was already right. */
  readonly changes: readonly SchemaChange[];
}

/**
 * One change as a readable line (the run log's `schema_changes` and debug lines).
 *
 * @example
 * ```ts
 * formatSchemaChange({ kind: 'add-column', table: 'incident', column: 'u_tier', type: 'text' });
 * // 'incident: add column u_tier text'
 * ```
 */
export function formatSchemaChange(change: SchemaChange): string {
  const { table, column, type, from } = change;
  switch (change.kind) {
    case 'create-table':
      return `${table}: create table`;
    case 'add-column':
      return `${table}: add column ${column} ${type}`;
    case 'widen-column':
      return `${table}: widen column ${column} from ${from} to ${type}`;
    case 'shorten-name':
      return column === undefined
        ? `${table}: table name ${from} shortened to ${table}`
        : `${table}: column name ${from} shortened to ${column}`;
    case 'type-mismatch':
      return `${table}: column ${column} is ${from}, not ${type} (kept: not a widening)`;
  }
}
