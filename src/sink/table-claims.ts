/**
 * Reading which instance each target table of a database holds (`servicenow_sync_tables`).
 *
 * @module
 */
import { adapterOf, readColumns, runStatement, type SinkDatabase } from '../database/index.js';
import { type ClaimRow, INSTANCE_TABLE, selectClaimsStatement } from './instance-registry-sql.js';

/** A target table and the instance whose data it holds. */
export interface TableClaim {
  /** The database table. */
  readonly targetTable: string;
  /** The instance (a normalised URL, or an identity such as the demo's). */
  readonly instance: string;
  /** The ServiceNow table of the task that claimed it first. */
  readonly table: string;
  /** When the table was claimed, UTC `YYYY-MM-DD HH:MM:SS`. */
  readonly claimedAt: string;
}

/**
 * Every claimed target table of the database, by name; `[]` when no run recorded one yet.
 * Creates and changes nothing.
 *
 * @example
 * ```ts
 * const instances = new Set((await readTableClaims(db)).map((c) => c.instance));
 * ```
 */
export async function readTableClaims(
  db: SinkDatabase,
  options: { readonly signal?: AbortSignal } = {},
): Promise<TableClaim[]> {
  const adapter = adapterOf(db, { caller: 'readTableClaims' });
  options.signal?.throwIfAborted();
  if ((await readColumns(db, adapter, INSTANCE_TABLE)).length === 0) return [];
  const rows = await runStatement<ClaimRow>(db, selectClaimsStatement(adapter));
  return rows.map((row) => ({
    targetTable: row.target_table,
    instance: row.instance,
    table: row.table_name,
    claimedAt: String(row.claimed_at).slice(0, 19).replace('T', ' '),
  }));
}
