/**
 * A change a sink makes (or, planning, would make) to a target table so that it follows the
 * instance: the contract between the sink's DDL, the run log and `plan`.
 *
 * @module
 */

/** What changed: a table created, a column added, a column widened, a name shortened. */
export type SchemaChangeKind = 'create-table' | 'add-column' | 'widen-column' | 'shorten-name';

/** One change to a target table. */
export interface SchemaChange {
  readonly kind: SchemaChangeKind;
  /** The target table (its SQL name, prefix included). */
  readonly table: string;
  /** The SQL column concerned (absent for `create-table`). */
  readonly column?: string;
  /** The column's type after the change (`VARCHAR(100)`, `LONGTEXT`). */
  readonly type?: string;
  /** `widen-column`: the type before; `shorten-name`: the full name that was too long. */
  readonly from?: string;
  /** The statement run (or that would run); absent for `shorten-name`, which is no DDL. */
  readonly sql?: string;
}
