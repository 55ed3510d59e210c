/**
 * The errors of a run's preflight.
 *
 * @module
 */
import { ConfigurationError, ServiceNowError } from '../../core/index.js';

/** Which side a preflight failure is on. */
export type PreflightSide =
  /** The instance cannot be reached, or does not answer with JSON (hibernating, login page). */
  | 'instance'
  /** The instance refused the credentials. */
  | 'credentials'
  /** The database refused the connection. */
  | 'database';

/**
 * A check before the run failed: nothing was locked, logged or written. `problem` says what
 * failed on which side (`cannot reach https://acme.service-now.com: host not found`), `hint`
 * what to check; the message is both. No secret is ever part of it.
 *
 * @example
 * ```ts
 * try { await runTasks(tasks, options); } catch (error) {
 *   if (error instanceof PreflightError && error.side === 'credentials') rotatePassword();
 * }
 * ```
 */
export class PreflightError extends ServiceNowError {
  override readonly code: string = 'PREFLIGHT_FAILED';
  /** The side that failed. */
  readonly side: PreflightSide;
  /** What failed (`ServiceNow rejected the credentials of user sync.bot (401)`). */
  readonly problem: string;
  /** What to check (`check the user name and password`). */
  readonly hint: string;

  constructor(
    side: PreflightSide,
    problem: string,
    hint: string,
    options: { cause?: unknown } = {},
  ) {
    super(`${problem}; ${hint}`, options);
    this.side = side;
    this.problem = problem;
    this.hint = hint;
  }
}

/**
 * A task's filter names a field its table does not have: on a real instance the term would be
 * silently dropped and the run would read the whole table. Thrown by the preflight, before
 * anything is written (option `filter`).
 */
export class FilterFieldError extends ConfigurationError {
  override readonly code: string = 'FILTER_FIELD_UNKNOWN';
  /** The task whose filter names the field. */
  readonly task: string;
  /** The ServiceNow table read. */
  readonly table: string;
  /** The fields the table does not have (the first part of a dot-walk). */
  readonly fields: readonly string[];

  constructor(task: string, table: string, fields: readonly string[]) {
    const [one, ...more] = fields;
    const what =
      more.length === 0
        ? `${one}, which is not a field`
        : `${fields.join(', ')}, which are not fields`;
    super(`The filter of task ${task} names ${what} of table ${table}`, { option: 'filter' });
    this.task = task;
    this.table = table;
    this.fields = fields;
  }
}
