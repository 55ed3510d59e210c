/**
 * The error of a record that cannot be decoded.
 *
 * @module
 */
import { ServiceNowError } from '../core/index.js';
import { truncateValue } from '../fields/index.js';

/** What a {@link RecordRejectedError} is built from. */
export interface RecordRejectedDetails {
  /** The ServiceNow table read. */
  readonly table: string;
  /** The record's `sys_id`, when it had a readable one. */
  readonly sysId: string | undefined;
  /** The field at fault (`sys_id` when the key itself is missing). */
  readonly field: string;
  /** The raw value as received (strings as is, anything else as JSON); truncated. */
  readonly value: unknown;
  /** Why it was refused. */
  readonly reason: string;
  /** The codec's error, when there is one. */
  readonly cause?: unknown;
}

/**
 * A record was refused by its task's field codecs: a value that does not parse is reported,
 * never stored as a silent `null`. The run counts these per task and keeps the first ones.
 *
 * @example
 * ```ts
 * try { decodeRecord(task, record); } catch (error) {
 *   if (error instanceof RecordRejectedError) console.log(error.table, error.sysId, error.field);
 * }
 * ```
 */
export class RecordRejectedError extends ServiceNowError {
  override readonly code: string = 'RECORD_REJECTED';
  readonly table: string;
  readonly sysId: string | undefined;
  readonly field: string;
  /** The raw value, as text truncated to 200 characters. */
  readonly value: string;
  readonly reason: string;

  constructor(details: RecordRejectedDetails) {
    const value = describeRaw(details.value);
    const record = details.sysId === undefined ? 'record without sys_id' : details.sysId;
    super(
      `${details.table} ${record}: field "${details.field}" ${details.reason} (received ${value})`,
      details.cause === undefined ? {} : { cause: details.cause },
    );
    this.table = details.table;
    this.sysId = details.sysId;
    this.field = details.field;
    this.value = value;
    this.reason = details.reason;
  }
}

function describeRaw(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(truncateValue(value));
  if (value === undefined) return 'nothing';
  try {
    return truncateValue(JSON.stringify(value) ?? String(value));
  } catch {
    return truncateValue(String(value));
  }
}
