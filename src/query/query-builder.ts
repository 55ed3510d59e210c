/**
 * The immutable encoded-query builder.
 *
 * @module
 */
import { andQuery } from './and-query.js';
import type { EncodedQuery, QueryCondition, QueryGroup, QueryOperator, QueryOrder } from './ast.js';
import { fieldNameProblem } from './condition-rules.js';
import { formatQuery } from './format-query.js';
import { parseQuery } from './parse-query.js';
import { QuerySyntaxError } from './query-syntax-error.js';
import { buildCondition, type QueryValue } from './query-value.js';
import type { DateInput } from './values.js';
import { formatDateTime } from './values.js';

const EMPTY: EncodedQuery = Object.freeze({
  groups: Object.freeze([]),
  orderBy: Object.freeze([]),
});

/**
 * An immutable encoded-query builder: every method returns a new builder and leaves this one
 * as it was. Arguments are validated at call time (field names, empty values, commas in `IN`
 * values, `@` in `BETWEEN` bounds, malformed date literals), carets in values are escaped, and
 * `Date` values are written in UTC. Start one with {@link query}.
 *
 * Conditions are ANDed into the current group; {@link QueryBuilder.or} ORs into the last
 * condition; {@link QueryBuilder.newQuery} starts a new `^NQ` group.
 *
 * @example
 * ```ts
 * const q = query()
 *   .onOrAfter('opened_at', new Date(Date.UTC(2025, 0, 1)))
 *   .equals('priority', 1)
 *   .or('priority', '=', 2)
 *   .orderBy('number');
 * q.toString(); // 'opened_at>=2025-01-01 00:00:00^priority=1^ORpriority=2^ORDERBYnumber'
 * ```
 */
export class QueryBuilder {
  /** Groups; the last is the one conditions go to and may be empty after `newQuery()`. */
  readonly #groups: readonly QueryGroup[];
  readonly #orderBy: readonly QueryOrder[];

  private constructor(groups: readonly QueryGroup[], orderBy: readonly QueryOrder[]) {
    this.#groups = Object.freeze(groups);
    this.#orderBy = Object.freeze(orderBy);
  }

  /** @internal Use {@link query}. */
  static create(base: EncodedQuery | string = EMPTY): QueryBuilder {
    const parsed = typeof base === 'string' ? parseQuery(base) : base;
    formatQuery(parsed);
    return new QueryBuilder(
      parsed.groups.map(freezeGroup),
      parsed.orderBy.map((order) => Object.freeze({ ...order })),
    );
  }

  /**
   * ANDs `<field><operator><value>` into the current group. Arrays are taken for `IN` /
   * `NOT IN` (elements) and `BETWEEN` (two bounds); unary operators take no value.
   *
   * @throws {@link QuerySyntaxError} for a bad field, operator or value.
   */
  where(
    field: string,
    operator: QueryOperator,
    value?: QueryValue | readonly QueryValue[],
  ): QueryBuilder {
    const condition = buildCondition(field, operator, value);
    const groups = [...this.#groups];
    const current = groups.pop() ?? { terms: [] };
    groups.push(freezeGroup({ ...current, terms: [...current.terms, [condition]] }));
    return new QueryBuilder(groups, this.#orderBy);
  }

  /** Alias of {@link QueryBuilder.where}. */
  and(
    field: string,
    operator: QueryOperator,
    value?: QueryValue | readonly QueryValue[],
  ): QueryBuilder {
    return this.where(field, operator, value);
  }

  /**
   * ORs a condition into the last condition of the current group (`^OR`, which binds tighter
   * than AND): `equals('a', 1).equals('b', 2).or('c', '=', 3)` is `a=1 AND (b=2 OR c=3)`.
   *
   * @throws {@link QuerySyntaxError} when the current group has no condition yet.
   */
  or(
    field: string,
    operator: QueryOperator,
    value?: QueryValue | readonly QueryValue[],
  ): QueryBuilder {
    const condition = buildCondition(field, operator, value);
    const groups = [...this.#groups];
    const current = groups.pop();
    const last = current?.terms[current.terms.length - 1];
    if (current === undefined || last === undefined) {
      throw new QuerySyntaxError('or() needs a condition before it in the current group', {
        query: this.toString(),
        position: this.toString().length,
      });
    }
    groups.push(
      freezeGroup({ ...current, terms: [...current.terms.slice(0, -1), [...last, condition]] }),
    );
    return new QueryBuilder(groups, this.#orderBy);
  }

  /**
   * Starts a new `^NQ` group: the next conditions form a query OR'ed with the previous ones.
   * A group left without conditions is not written.
   */
  newQuery(): QueryBuilder {
    const current = this.#groups[this.#groups.length - 1];
    if (current === undefined || isEmptyGroup(current)) return this;
    return new QueryBuilder([...this.#groups, freezeGroup({ terms: [] })], this.#orderBy);
  }

  /**
   * ANDs another query into EVERY group of this one (see {@link andQuery}); a string is
   * parsed strictly. Use it to narrow a selection with a user filter.
   */
  filter(other: QueryBuilder | EncodedQuery | string): QueryBuilder {
    const extra = other instanceof QueryBuilder ? other.toQuery() : other;
    return QueryBuilder.create(andQuery(this.toQuery(), extra));
  }

  /** Sorts ascending by `field` (`ORDERBY<field>`), after any earlier sort. */
  orderBy(field: string): QueryBuilder {
    return this.#sort(field, 'asc');
  }

  /** Sorts descending by `field` (`ORDERBYDESC<field>`), after any earlier sort. */
  orderByDesc(field: string): QueryBuilder {
    return this.#sort(field, 'desc');
  }

  /** `field=value` */
  equals(field: string, value: QueryValue): QueryBuilder {
    return this.where(field, '=', value);
  }
  /** `field!=value` (on a real instance this also matches empty values) */
  notEquals(field: string, value: QueryValue): QueryBuilder {
    return this.where(field, '!=', value);
  }
  /** `field>value` */
  greaterThan(field: string, value: QueryValue): QueryBuilder {
    return this.where(field, '>', value);
  }
  /** `field>=value` */
  greaterOrEqual(field: string, value: QueryValue): QueryBuilder {
    return this.where(field, '>=', value);
  }
  /** `field<value` */
  lessThan(field: string, value: QueryValue): QueryBuilder {
    return this.where(field, '<', value);
  }
  /** `field<=value` */
  lessOrEqual(field: string, value: QueryValue): QueryBuilder {
    return this.where(field, '<=', value);
  }
  /** `fieldLIKEtext`: contains `text`. */
  like(field: string, text: QueryValue): QueryBuilder {
    return this.where(field, 'LIKE', text);
  }
  /** `fieldNOT LIKEtext`: does not contain `text`. */
  notLike(field: string, text: QueryValue): QueryBuilder {
    return this.where(field, 'NOT LIKE', text);
  }
  /** `fieldSTARTSWITHtext` */
  startsWith(field: string, text: QueryValue): QueryBuilder {
    return this.where(field, 'STARTSWITH', text);
  }
  /** `fieldENDSWITHtext` */
  endsWith(field: string, text: QueryValue): QueryBuilder {
    return this.where(field, 'ENDSWITH', text);
  }
  /** `fieldINa,b,c`. A value containing a comma is refused (use {@link QueryBuilder.or}). */
  in(field: string, values: readonly QueryValue[]): QueryBuilder {
    return this.where(field, 'IN', values);
  }
  /** `fieldNOT INa,b,c`. A value containing a comma is refused. */
  notIn(field: string, values: readonly QueryValue[]): QueryBuilder {
    return this.where(field, 'NOT IN', values);
  }
  /** `fieldBETWEENfrom@to`, both bounds included. A bound containing `@` is refused. */
  between(field: string, from: QueryValue, to: QueryValue): QueryBuilder {
    return this.where(field, 'BETWEEN', [from, to]);
  }
  /** `fieldISEMPTY` */
  isEmpty(field: string): QueryBuilder {
    return this.where(field, 'ISEMPTY');
  }
  /** `fieldISNOTEMPTY` */
  isNotEmpty(field: string): QueryBuilder {
    return this.where(field, 'ISNOTEMPTY');
  }
  /** `fieldEMPTYSTRING` */
  emptyString(field: string): QueryBuilder {
    return this.where(field, 'EMPTYSTRING');
  }
  /** `fieldANYTHING`: matches every record, empty values included. */
  anything(field: string): QueryBuilder {
    return this.where(field, 'ANYTHING');
  }
  /** `fieldSAMEASother`: two fields hold the same value. */
  sameAs(field: string, other: string): QueryBuilder {
    return this.where(field, 'SAMEAS', other);
  }
  /** `fieldNSAMEASother` */
  notSameAs(field: string, other: string): QueryBuilder {
    return this.where(field, 'NSAMEAS', other);
  }
  /** `fieldINSTANCEOFtable`: the class `table` and its children (on `sys_class_name`). */
  instanceOf(field: string, table: string): QueryBuilder {
    return this.where(field, 'INSTANCEOF', table);
  }
  /** `field>=<UTC date-time>`; strings follow {@link formatDateTime}. */
  onOrAfter(field: string, date: DateInput): QueryBuilder {
    return this.where(field, '>=', formatDateTime(date));
  }
  /** `field><UTC date-time>` */
  after(field: string, date: DateInput): QueryBuilder {
    return this.where(field, '>', formatDateTime(date));
  }
  /** `field<<UTC date-time>` */
  before(field: string, date: DateInput): QueryBuilder {
    return this.where(field, '<', formatDateTime(date));
  }
  /** `field<=<UTC date-time>` */
  onOrBefore(field: string, date: DateInput): QueryBuilder {
    return this.where(field, '<=', formatDateTime(date));
  }

  /** The query's AST (deeply frozen). Groups left empty by `newQuery()` are left out. */
  toQuery(): EncodedQuery {
    return Object.freeze({
      groups: Object.freeze(this.#groups.filter((group) => !isEmptyGroup(group))),
      orderBy: this.#orderBy,
    });
  }

  /** The canonical encoded query (see {@link formatQuery}). */
  toString(): string {
    return formatQuery(this.toQuery());
  }

  /** Alias of {@link QueryBuilder.toString}. */
  build(): string {
    return this.toString();
  }

  /** `JSON.stringify` writes the encoded query string. */
  toJSON(): string {
    return this.toString();
  }

  #sort(field: string, direction: QueryOrder['direction']): QueryBuilder {
    const problem = fieldNameProblem(field);
    if (problem !== undefined) {
      throw new QuerySyntaxError(problem, { query: String(field), position: 0 });
    }
    return new QueryBuilder(this.#groups, [...this.#orderBy, Object.freeze({ field, direction })]);
  }
}

function isEmptyGroup(group: QueryGroup): boolean {
  return group.terms.length === 0 && (group.subqueries ?? []).length === 0;
}

function freezeGroup(group: QueryGroup): QueryGroup {
  const terms = Object.freeze(
    group.terms.map((term) =>
      Object.freeze(term.map((condition: QueryCondition) => Object.freeze({ ...condition }))),
    ),
  );
  const subqueries = group.subqueries ?? [];
  // Subqueries are kept as given (validated by formatQuery when the builder is made).
  return subqueries.length === 0
    ? Object.freeze({ terms })
    : Object.freeze({ terms, subqueries: Object.freeze([...subqueries]) });
}

/**
 * Starts an immutable {@link QueryBuilder}, empty or from an existing query (a string is parsed
 * strictly). Further conditions go to the base's last group; use
 * {@link QueryBuilder.filter} to narrow every group.
 *
 * @example
 * ```ts
 * query().equals('active', true).isEmpty('closed_at').toString();
 * // 'active=true^closed_atISEMPTY'
 * query('active=true').orderBy('sys_id').toString(); // 'active=true^ORDERBYsys_id'
 * ```
 */
export function query(base?: EncodedQuery | string): QueryBuilder {
  return QueryBuilder.create(base);
}

/** `true` when `value` is a {@link QueryBuilder}. */
export function isQueryBuilder(value: unknown): value is QueryBuilder {
  return value instanceof QueryBuilder;
}
