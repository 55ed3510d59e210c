/**
 * The error thrown for an invalid encoded query.
 *
 * @module
 */
import { ServiceNowError, type ServiceNowErrorOptions } from '../core/index.js';

/** Options of {@link QuerySyntaxError}. */
export interface QuerySyntaxErrorOptions extends ServiceNowErrorOptions {
  /** The query text at fault (the whole `sysparm_query`, or the single term being built). */
  readonly query: string;
  /** Character offset of the problem in {@link QuerySyntaxErrorOptions.query}. */
  readonly position: number;
}

/**
 * An encoded query is malformed: an empty term, an unknown keyword such as `^Or`, an unknown or
 * missing operator, an empty value, a bad field name...
 *
 * A real instance silently drops such a term and so widens the selection; servicenow-sync refuses
 * the query instead, before any request is sent.
 *
 * @example
 * ```ts
 * try {
 *   parseQuery('active=true^Orpriority=1');
 * } catch (error) {
 *   if (error instanceof QuerySyntaxError) console.error(error.position, error.message);
 * }
 * ```
 */
export class QuerySyntaxError extends ServiceNowError {
  override readonly code: string = 'QUERY_SYNTAX';
  /** The query text at fault. */
  readonly query: string;
  /** Character offset of the problem in {@link QuerySyntaxError.query}. */
  readonly position: number;

  /**
   * @param problem - What is wrong, quoting the bad term (`unknown keyword "^Or" in "^Orb=1"`).
   * @param options - The query text and the offset of the problem.
   */
  constructor(problem: string, options: QuerySyntaxErrorOptions) {
    super(`Invalid encoded query at position ${options.position}: ${problem}`, options);
    this.query = options.query;
    this.position = options.position;
  }
}
