/**
 * The identifiers servicenow-sync accepts for tables and columns: safe in every dialect once
 * quoted. A name longer than a database keeps is shortened by the sink that writes it.
 *
 * @module
 */

/** Lowercase letters, digits and `_`, not starting with a digit. */
export const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * The longest name every database keeps as is: PostgreSQL truncates names past 63 bytes (MySQL
 * allows 64). Longer names are accepted (up to {@link MAX_NAME_LENGTH}) and shortened by
 * `KyselySink` where the database needs it.
 */
export const MAX_IDENTIFIER_LENGTH = 63;

/**
 * The longest table or column name accepted: ServiceNow's 80-character element and table names
 * with a `_display` suffix or a table prefix.
 */
export const MAX_NAME_LENGTH = 128;

/**
 * Why `name` is not a safe SQL identifier, or `undefined` when it is.
 *
 * @example
 * ```ts
 * sqlIdentifierProblem('order'); // undefined: reserved words are fine, identifiers are quoted
 * sqlIdentifierProblem('Order'); // 'must match /^[a-z_][a-z0-9_]*$/ ...'
 * ```
 */
export function sqlIdentifierProblem(name: string): string | undefined {
  if (typeof name !== 'string' || !SQL_IDENTIFIER.test(name)) {
    return `${JSON.stringify(name)} is not a safe SQL identifier (lowercase letters, digits and _, not starting with a digit)`;
  }
  if (name.length > MAX_NAME_LENGTH) {
    return `${JSON.stringify(name)} is longer than ${MAX_NAME_LENGTH} characters`;
  }
  if (name === '__proto__') return '"__proto__" cannot be a column name';
  return undefined;
}
