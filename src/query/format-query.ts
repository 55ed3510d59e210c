/**
 * {@link EncodedQuery} to its canonical encoded-query text.
 *
 * @module
 */
import type { EncodedQuery, QueryCondition, QueryGroup, QueryOrder } from './ast.js';
import { fieldNameProblem, valueProblem } from './condition-rules.js';
import { formatSubqueries } from './format-subquery.js';
import { isQueryOperator } from './operators.js';
import { QuerySyntaxError } from './query-syntax-error.js';
import { escapeValue } from './values.js';

/**
 * Writes the canonical encoded query: conditions `<field><OP><value>` with `^` escaped as `^^`,
 * OR'ed conditions joined by `^OR`, terms by `^`, groups by `^NQ`, then every `ORDERBY` /
 * `ORDERBYDESC` term at the end. `parseQuery(formatQuery(q))` gives back `q`.
 *
 * The AST is validated with the rules of strict {@link parseQuery}, so a query that a real
 * instance would partly ignore is never written.
 *
 * @throws {@link QuerySyntaxError} for an invalid condition or field, or an empty group or term
 * (write `groups: []` to select everything), or a subquery that cannot be written (a bad name,
 * a count that is not a non-negative integer, a sort inside it, a JOIN condition with `^NQ`
 * groups or a JOIN of its own). `query` is then the offending term.
 *
 * @example
 * ```ts
 * formatQuery({
 *   groups: [{ terms: [[{ field: 'active', operator: '=', value: 'true' }]] }],
 *   orderBy: [{ field: 'number', direction: 'desc' }],
 * }); // 'active=true^ORDERBYDESCnumber'
 * ```
 */
export function formatQuery(query: EncodedQuery): string {
  const groups = query.groups.map(formatGroup);
  const orders = query.orderBy.map(formatOrder);
  return [...(groups.length > 0 ? [groups.join('^NQ')] : []), ...orders].join('^');
}

/** One group: its terms, then its RLQUERY terms, then its JOIN terms. */
function formatGroup(group: QueryGroup): string {
  const subqueries = group.subqueries ?? [];
  if (group.terms.length === 0 && subqueries.length === 0) {
    throw new QuerySyntaxError('a query group has no terms (use groups: [] to select all)', {
      query: '',
      position: 0,
    });
  }
  const terms = group.terms.map((term) => {
    if (term.length === 0) {
      throw new QuerySyntaxError('a query term has no conditions', { query: '', position: 0 });
    }
    return term.map(formatCondition).join('^OR');
  });
  return [...terms, ...formatSubqueries(subqueries, formatQuery)].join('^');
}

/**
 * One condition as `<field><OP><escaped value>`, validated.
 *
 * @throws {@link QuerySyntaxError} when the condition is invalid.
 */
export function formatCondition(condition: QueryCondition): string {
  const { field, operator, value } = condition;
  const naive = `${field}${operator}${value}`;
  const fieldProblem = fieldNameProblem(field);
  if (fieldProblem !== undefined) {
    throw new QuerySyntaxError(`${fieldProblem} in term ${JSON.stringify(naive)}`, {
      query: naive,
      position: 0,
    });
  }
  if (!isQueryOperator(operator)) {
    throw new QuerySyntaxError(
      `unknown operator ${JSON.stringify(operator)} in term ${JSON.stringify(naive)}`,
      { query: naive, position: field.length },
    );
  }
  if (typeof value !== 'string') {
    throw new QuerySyntaxError(`the value of field "${field}" is not a string`, {
      query: naive,
      position: field.length + operator.length,
    });
  }
  const problem = valueProblem(operator, value);
  if (problem !== undefined) {
    throw new QuerySyntaxError(`${problem.message} in term ${JSON.stringify(naive)}`, {
      query: naive,
      position: field.length + operator.length + problem.offset,
    });
  }
  return `${field}${operator}${escapeValue(value)}`;
}

function formatOrder(order: QueryOrder): string {
  const keyword = order.direction === 'desc' ? 'ORDERBYDESC' : 'ORDERBY';
  const problem = fieldNameProblem(order.field);
  if (problem !== undefined || (order.direction !== 'asc' && order.direction !== 'desc')) {
    const text = `${keyword}${order.field}`;
    throw new QuerySyntaxError(
      `${problem ?? `direction must be 'asc' or 'desc'`} in term ${JSON.stringify(text)}`,
      { query: text, position: keyword.length },
    );
  }
  return `${keyword}${order.field}`;
}
