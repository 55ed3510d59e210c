/**
 * The condition operators servicenow-sync understands, and how they are recognised in text.
 *
 * @module
 */
import type { QueryOperator } from './ast.js';

/** Every supported operator, in the order of the ServiceNow operator reference. */
export const QUERY_OPERATORS: readonly QueryOperator[] = [
  '=',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'LIKE',
  'NOT LIKE',
  'STARTSWITH',
  'ENDSWITH',
  'IN',
  'NOT IN',
  'ISEMPTY',
  'ISNOTEMPTY',
  'EMPTYSTRING',
  'ANYTHING',
  'BETWEEN',
  'SAMEAS',
  'NSAMEAS',
  'INSTANCEOF',
];

const UNARY: ReadonlySet<QueryOperator> = new Set<QueryOperator>([
  'ISEMPTY',
  'ISNOTEMPTY',
  'EMPTYSTRING',
  'ANYTHING',
]);

/**
 * Spellings accepted in text, longest first so that the longest match wins (`>=` before `>`,
 * `INSTANCEOF` before `IN`). `NOTLIKE` (seen in docs and SDKs) reads as `NOT LIKE`, and the
 * operator words `CONTAINS` / `DOES NOT CONTAIN` as `LIKE` / `NOT LIKE` (same meaning: a
 * case-insensitive substring), so a query read back is written with `LIKE`.
 */
const SPELLINGS: readonly (readonly [string, QueryOperator])[] = [
  ...QUERY_OPERATORS.map((op) => [op, op] as const),
  ['NOTLIKE', 'NOT LIKE'] as const,
  ['CONTAINS', 'LIKE'] as const,
  ['DOES NOT CONTAIN', 'NOT LIKE'] as const,
].sort((a, b) => b[0].length - a[0].length);

/**
 * `true` for operators that take no value (`ISEMPTY`, `ISNOTEMPTY`, `EMPTYSTRING`, `ANYTHING`).
 *
 * @example
 * ```ts
 * isUnaryOperator('ISEMPTY'); // true
 * ```
 */
export function isUnaryOperator(operator: QueryOperator): boolean {
  return UNARY.has(operator);
}

/** `true` when `text` is one of {@link QUERY_OPERATORS}. */
export function isQueryOperator(text: string): text is QueryOperator {
  return (QUERY_OPERATORS as readonly string[]).includes(text);
}

/**
 * The longest operator spelled at `text[from]`, with the number of characters it covers.
 * @internal
 */
export function matchOperator(
  text: string,
  from = 0,
): { readonly operator: QueryOperator; readonly length: number } | undefined {
  for (const [spelling, operator] of SPELLINGS) {
    if (text.startsWith(spelling, from)) return { operator, length: spelling.length };
  }
  return undefined;
}
