/**
 * JOIN and RLQUERY terms to text, validated so that the strict parser reads back the same
 * subqueries.
 *
 * @module
 */
import type { EncodedQuery, JoinSubquery, QuerySubquery, RelatedListSubquery } from './ast.js';
import { QuerySyntaxError } from './query-syntax-error.js';

const NAME = /^[a-z][a-z0-9_]*$/;
const COUNT_OPERATORS: readonly string[] = ['=', '!=', '>', '>=', '<', '<='];

/** Writes a query (the caller's `formatQuery`, passed in to keep the modules acyclic). */
export type QueryWriter = (query: EncodedQuery) => string;

/**
 * The subqueries of a group as terms: RLQUERY blocks first, then JOINs (the condition of a JOIN
 * runs to the next JOIN, so nothing else may follow one).
 * @internal
 */
export function formatSubqueries(
  subqueries: readonly QuerySubquery[],
  write: QueryWriter,
): string[] {
  const related = subqueries.filter((s): s is RelatedListSubquery => s.kind === 'related');
  const joins = subqueries.filter((s): s is JoinSubquery => s.kind === 'join');
  if (related.length + joins.length !== subqueries.length) {
    const kinds = subqueries.map((s) => JSON.stringify((s as { kind?: unknown }).kind));
    throw fail(`a subquery must have kind 'join' or 'related', got ${kinds.join(', ')}`, '');
  }
  return [
    ...related.map((s) => formatRelated(s, write)),
    ...joins.map((s) => formatJoin(s, write)),
  ];
}

function fail(message: string, term: string): QuerySyntaxError {
  return new QuerySyntaxError(
    term === '' ? message : `${message} in term ${JSON.stringify(term)}`,
    {
      query: term,
      position: 0,
    },
  );
}

function checkNames(term: string, names: Readonly<Record<string, string>>): void {
  for (const [what, name] of Object.entries(names)) {
    if (typeof name !== 'string' || !NAME.test(name)) {
      throw fail(`${what} ${JSON.stringify(name)} is not a table or field name`, term);
    }
  }
}

function formatRelated(s: RelatedListSubquery, write: QueryWriter): string {
  const { operator, value } = s.count;
  const head = `RLQUERY${s.table}.${s.field},${operator}${value}${s.manyToMany ? ',m2m' : ''}`;
  checkNames(head, { 'related table': s.table, 'reference field': s.field });
  if (!COUNT_OPERATORS.includes(operator) || !Number.isSafeInteger(value) || value < 0) {
    throw fail(
      `the count condition must be one of ${COUNT_OPERATORS.join(' ')} and a non-negative integer`,
      head,
    );
  }
  if (s.query.orderBy.length > 0) throw fail('a related-list condition cannot sort', head);
  const inner = write(s.query);
  return inner === '' ? `${head}^ENDRLQUERY` : `${head}^${inner}^ENDRLQUERY`;
}

function formatJoin(s: JoinSubquery, write: QueryWriter): string {
  const head = `JOIN${s.table}.${s.field}=${s.joinTable}.${s.joinField}!`;
  checkNames(head, {
    table: s.table,
    field: s.field,
    'join table': s.joinTable,
    'join field': s.joinField,
  });
  const { groups, orderBy } = s.query;
  if (orderBy.length > 0) throw fail('a JOIN condition cannot sort', head);
  if (groups.length > 1) {
    throw fail('a JOIN condition has one group at most ("^NQ" would end the JOIN)', head);
  }
  if ((groups[0]?.subqueries ?? []).some((inner) => inner.kind === 'join')) {
    throw fail('a JOIN condition cannot hold a JOIN (it would read as the next JOIN)', head);
  }
  return `${head}${write(s.query)}`;
}
