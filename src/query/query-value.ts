/**
 * Turns builder arguments into validated condition values.
 *
 * @module
 */
import type { QueryCondition, QueryOperator } from './ast.js';
import { fieldNameProblem, valueProblem } from './condition-rules.js';
import { isQueryOperator, isUnaryOperator } from './operators.js';
import { QuerySyntaxError } from './query-syntax-error.js';
import { formatDateTime } from './values.js';

/**
 * A value the builder accepts: strings as they are, numbers in decimal, booleans as
 * `true`/`false`, and dates as UTC `YYYY-MM-DD HH:MM:SS`.
 */
export type QueryValue = string | number | boolean | Date;

const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;
const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2})?$/;
const ORDERING: ReadonlySet<QueryOperator> = new Set<QueryOperator>([
  '>',
  '>=',
  '<',
  '<=',
  'BETWEEN',
]);

/**
 * Builds one validated condition from builder arguments. Arrays are accepted for `IN` /
 * `NOT IN` (the elements) and `BETWEEN` (exactly two bounds).
 *
 * @throws {@link QuerySyntaxError} for a bad field, operator or value.
 * @throws ConfigurationError for an invalid `Date` or date literal.
 * @internal
 */
export function buildCondition(
  field: string,
  operator: QueryOperator,
  value: QueryValue | readonly QueryValue[] | undefined,
): QueryCondition {
  const fieldProblem =
    typeof field === 'string' ? fieldNameProblem(field) : 'field must be a string';
  if (fieldProblem !== undefined) {
    throw new QuerySyntaxError(fieldProblem, { query: String(field), position: 0 });
  }
  const term = (text: string): string => `${field}${operator}${text}`;
  if (!isQueryOperator(operator)) {
    throw new QuerySyntaxError(`unknown operator ${JSON.stringify(operator)}`, {
      query: term(''),
      position: field.length,
    });
  }
  const fail = (message: string, text: string, offset = 0): never => {
    throw new QuerySyntaxError(`${message} in term ${JSON.stringify(term(text))}`, {
      query: term(text),
      position: field.length + operator.length + offset,
    });
  };
  let text: string;
  if (isUnaryOperator(operator)) {
    if (value !== undefined) fail(`operator ${operator} takes no value`, String(value));
    text = '';
  } else if (value === undefined || value === null) {
    return fail(`operator ${operator} needs a value`, '');
  } else if (Array.isArray(value)) {
    text = listValue(operator, value as readonly QueryValue[], fail);
  } else {
    text = toText(value as QueryValue, operator, fail);
  }
  const problem = valueProblem(operator, text);
  if (problem !== undefined) fail(problem.message, text, problem.offset);
  return Object.freeze({ field, operator, value: text });
}

type Fail = (message: string, text: string, offset?: number) => never;

function listValue(operator: QueryOperator, values: readonly QueryValue[], fail: Fail): string {
  const texts = values.map((value) => toText(value, operator, fail));
  if (operator === 'IN' || operator === 'NOT IN') {
    if (texts.length === 0) fail(`${operator} needs at least one value`, '');
    for (const text of texts) {
      if (text.includes(',')) {
        fail(
          `${operator} value ${JSON.stringify(text)} contains a comma, which cannot be escaped (use or() instead)`,
          texts.join(','),
        );
      }
    }
    return texts.join(',');
  }
  if (operator === 'BETWEEN') {
    if (texts.length !== 2)
      fail(`BETWEEN needs exactly two bounds, got ${texts.length}`, texts.join('@'));
    for (const text of texts) {
      if (text.includes('@')) {
        fail(
          `BETWEEN bound ${JSON.stringify(text)} contains "@", which cannot be escaped`,
          texts.join('@'),
        );
      }
    }
    return texts.join('@');
  }
  return fail(`operator ${operator} takes one value, not a list`, texts.join(','));
}

function toText(value: QueryValue, operator: QueryOperator, fail: Fail): string {
  if (value instanceof Date) return formatDateTime(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(`value must be a finite number, got ${value}`, String(value));
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value !== 'string') return fail(`unsupported value type ${typeof value}`, '');
  if (ORDERING.has(operator)) checkDateLiteral(value, operator, fail);
  return value;
}

/**
 * A value compared with `>`/`<`/`BETWEEN` that starts like a date must be a whole
 * `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` literal: `2025-01-01 00:00:00 00:00:00` (a doubled
 * time suffix) or ISO `2025-01-01T00:00:00Z` would be silently dropped by a real instance.
 */
function checkDateLiteral(value: string, operator: QueryOperator, fail: Fail): void {
  const bounds = operator === 'BETWEEN' ? value.split('@') : [value];
  for (const bound of bounds) {
    if (!DATE_PREFIX.test(bound)) continue;
    if (!DATE_LITERAL.test(bound)) {
      fail(
        `date value ${JSON.stringify(bound)} is not 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' (UTC); pass a Date to convert`,
        value,
      );
    }
    formatDateTime(bound);
  }
}
