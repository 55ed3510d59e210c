/**
 * Any way a caller may give a query, normalised.
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';
import type { EncodedQuery } from './ast.js';
import { formatQuery } from './format-query.js';
import { parseQuery } from './parse-query.js';
import { isQueryBuilder, type QueryBuilder } from './query-builder.js';

/** A query as callers give it: encoded text (parsed strictly), a builder, or an AST. */
export type QueryInput = string | QueryBuilder | EncodedQuery;

/**
 * The AST of any {@link QueryInput}, validated: a string is parsed strictly, an AST is checked
 * with the rules of strict parsing.
 *
 * @throws {@link QuerySyntaxError} for an invalid query.
 * @throws {@link ConfigurationError} for a value that is no query at all.
 *
 * @example
 * ```ts
 * toEncodedQuery(query().equals('active', true)); // { groups: [...], orderBy: [] }
 * ```
 */
export function toEncodedQuery(input: QueryInput): EncodedQuery {
  if (typeof input === 'string') return parseQuery(input);
  if (isQueryBuilder(input)) return input.toQuery();
  if (isEncodedQuery(input)) {
    formatQuery(input);
    return input;
  }
  throw new ConfigurationError(
    `expected an encoded query string, a query() builder or an EncodedQuery, got ${describe(input)}`,
  );
}

/**
 * The canonical encoded string of any {@link QueryInput} (sorts last, `NOTLIKE` written
 * `NOT LIKE`, a final `^EQ` removed).
 *
 * @throws {@link QuerySyntaxError} for an invalid query.
 *
 * @example
 * ```ts
 * toQueryString('ORDERBYnumber^active=true'); // 'active=true^ORDERBYnumber'
 * ```
 */
export function toQueryString(input: QueryInput): string {
  return formatQuery(toEncodedQuery(input));
}

function isEncodedQuery(value: unknown): value is EncodedQuery {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof EncodedQuery, unknown>>;
  return Array.isArray(candidate.groups) && Array.isArray(candidate.orderBy);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object without groups/orderBy' : typeof value;
}
