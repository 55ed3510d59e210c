/**
 * What can stop a discovery: a table the instance does not have, and a read the integration
 * user is not allowed (the dictionary tables, or the table itself).
 *
 * @module
 */
import { ConfigurationError, ServiceNowError } from '../core/index.js';

/** The table is not in `sys_db_object`: misspelt, or not on this instance. */
export class UnknownTableError extends ConfigurationError {
  override readonly code: string = 'UNKNOWN_TABLE';
  /** The table asked for. */
  readonly table: string;

  /** @param table - The table asked for. */
  constructor(table: string) {
    super(
      `Table ${JSON.stringify(table)} is not in sys_db_object on this instance: check its name (the table's name, e.g. "u_vendor_ticket", not its label)`,
      { option: 'table' },
    );
    this.table = table;
  }
}

/** Options of the access errors. */
export interface AccessErrorOptions {
  /** The table whose read was refused. */
  readonly table: string;
  /** The role that grants the read, when known (`personalize_dictionary`, `itil`). */
  readonly role: string | undefined;
  /** The 403 error of the request. */
  readonly cause?: unknown;
}

/**
 * 403 on `sys_db_object`, `sys_dictionary` or `sys_choice`: the integration user may not read
 * the dictionary. Grant it `personalize_dictionary` (or `admin`); the message says so.
 *
 * @example
 * ```ts
 * try { await discoverTable(client, 'problem'); } catch (error) {
 *   if (error instanceof DictionaryAccessError) console.error(error.table, error.role);
 * }
 * ```
 */
export class DictionaryAccessError extends ServiceNowError {
  override readonly code: string = 'DICTIONARY_ACCESS_DENIED';
  /** The dictionary table refused (`sys_dictionary`). */
  readonly table: string;
  /** The role that grants the read (`personalize_dictionary` unless the instance named another). */
  readonly role: string;

  constructor(options: AccessErrorOptions) {
    const role = options.role ?? 'personalize_dictionary';
    super(
      `Reading ${options.table} was refused (403): schema discovery reads sys_db_object, sys_dictionary and sys_choice; grant the integration user the role ${role} (or admin), or a read ACL on ${options.table}`,
      { cause: options.cause },
    );
    this.table = options.table;
    this.role = role;
  }
}

/**
 * 403 on the discovered table itself (the sample record that finds unreadable fields): the
 * integration user has no read role for it (`itil` for task tables).
 */
export class TableAccessError extends ServiceNowError {
  override readonly code: string = 'TABLE_ACCESS_DENIED';
  /** The table refused. */
  readonly table: string;
  /** The role that grants the read, when known. */
  readonly role: string | undefined;

  constructor(options: AccessErrorOptions) {
    const grant =
      options.role === undefined
        ? `a role with a read ACL on ${options.table}`
        : `the role ${options.role}`;
    super(
      `Reading ${options.table} was refused (403): the integration user lacks a read role for it; grant ${grant}`,
      { cause: options.cause },
    );
    this.table = options.table;
    this.role = options.role;
  }
}
