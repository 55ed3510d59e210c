/**
 * The error of a run refused because its database holds another instance's data.
 *
 * @module
 */
import { ConfigurationError, type ServiceNowErrorOptions } from './errors.js';

/** What {@link InstanceMismatchError} reports. */
export interface InstanceMismatchDetails {
  /** The instance of the refused run (a normalised URL, or an identity such as `mock:demo`). */
  readonly runInstance: string;
  /** The instance the database (or `table`) holds data of. */
  readonly storedInstance: string;
  /** The table found holding `storedInstance`'s data, when one table is concerned. */
  readonly table?: string;
  /**
   * What to do instead, replacing the default advice (another database or schema, `--db` on
   * the command line, or another table prefix, `--table-prefix`).
   */
  readonly advice?: string;
}

const DEFAULT_ADVICE =
  'One database holds one instance: write this instance into another database or schema, or under another table prefix (tablePrefix).';

/**
 * A run against one instance was pointed at a database (or table) that holds another
 * instance's data, and was refused before anything was written. A `ConfigurationError` (the CLI
 * exits with code 2); the message names both instances and what to do. Instance URLs never hold
 * credentials, so the message is safe to log.
 *
 * @example
 * ```ts
 * try {
 *   await runTasks(incidentsJob(), { client, ...connectDatabase(db) });
 * } catch (error) {
 *   if (error instanceof InstanceMismatchError) console.error(error.table, error.storedInstance);
 * }
 * ```
 */
export class InstanceMismatchError extends ConfigurationError {
  override readonly code: string = 'INSTANCE_MISMATCH';
  /** The instance of the refused run. */
  readonly runInstance: string;
  /** The instance whose data the database (or {@link InstanceMismatchError.table}) holds. */
  readonly storedInstance: string;
  /** The table holding {@link InstanceMismatchError.storedInstance}'s data, when one is concerned. */
  readonly table: string | undefined;

  constructor(details: InstanceMismatchDetails, options: ServiceNowErrorOptions = {}) {
    const where = details.table === undefined ? 'The database' : `Table ${details.table}`;
    super(
      `${where} holds data of ${details.storedInstance}, not of ${details.runInstance} (the instance of this run); nothing was written. ${details.advice ?? DEFAULT_ADVICE}`,
      { ...options, option: 'instance' },
    );
    this.runInstance = details.runInstance;
    this.storedInstance = details.storedInstance;
    this.table = details.table;
  }
}
