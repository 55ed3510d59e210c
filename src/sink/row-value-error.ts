/**
 * The error of one row holding a value no database stores.
 *
 * @module
 */
import { SinkError } from './sink-error.js';

/**
 * One row holds a value that cannot be stored (a string holding NUL, an object, a non-finite
 * number, an invalid Date). A write rejects that row and writes the others. @internal
 */
export class RowValueError extends SinkError {
  override readonly code: string = 'ROW_VALUE_REFUSED';
  /** The row's `sys_id`. */
  readonly sysId: string;
  /** The row's key (field) holding the value. */
  readonly field: string;
  /** Why the value is refused. */
  readonly reason: string;

  constructor(table: string, sysId: string, field: string, reason: string) {
    super(table, `row ${sysId}: column "${field}" ${reason}`);
    this.sysId = sysId;
    this.field = field;
    this.reason = reason;
  }
}
