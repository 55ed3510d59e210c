/**
 * The identifiers servicenow-sync accepts for tables and columns: safe in every dialect once
 * quoted, and short enough for all of them.
 *
 * @module
 */

/** Lowercase letters, digits and `_`, not starting with a digit. */
export const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** PostgreSQL truncates names past 63 bytes (MySQL allows 64), so 63 is the limit everywhere. */
export const MAX_IDENTIFIER_LENGTH = 63;

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
  if (name.length > MAX_IDENTIFIER_LENGTH) {
    return `${JSON.stringify(name)} is longer than ${MAX_IDENTIFIER_LENGTH} characters`;
  }
  if (name === '__proto__') return '"__proto__" cannot be a column name';
  return undefined;
}
