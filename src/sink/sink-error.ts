/**
 * The error of a failed sink operation.
 *
 * @module
 */
import { ServiceNowError, type ServiceNowErrorOptions } from '../core/index.js';

/**
 * A sink could not write: the database refused a statement (the driver's error is the `cause`),
 * or a row cannot be stored (no `sys_id`, a value of an unsupported type). Batches committed
 * before the failure stay committed.
 */
export class SinkError extends ServiceNowError {
  override readonly code: string = 'SINK_FAILED';
  /** The database table concerned. */
  readonly table: string;

  constructor(table: string, message: string, options: ServiceNowErrorOptions = {}) {
    super(`${table}: ${message}`, options);
    this.table = table;
  }
}

/** The message of a driver error (or the value itself), for a {@link SinkError}'s text. @internal */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
