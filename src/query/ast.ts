/**
 * The parsed form of a ServiceNow encoded query (`sysparm_query`).
 *
 * `a^b^ORc^NQd^ORDERBYe` parses to one {@link EncodedQuery} with two groups:
 * `[[a], [b, c]]` (AND of OR-lists) and `[[d]]`, and `orderBy: [{ field: 'e', direction: 'asc' }]`.
 *
 * @module
 */

/** Operators of a condition, written exactly as ServiceNow spells them. */
export type QueryOperator =
  | '='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'LIKE'
  | 'NOT LIKE'
  | 'STARTSWITH'
  | 'ENDSWITH'
  | 'IN'
  | 'NOT IN'
  | 'ISEMPTY'
  | 'ISNOTEMPTY'
  | 'EMPTYSTRING'
  | 'ANYTHING'
  | 'BETWEEN'
  | 'SAMEAS'
  | 'NSAMEAS'
  | 'INSTANCEOF';

/** One `<field><operator><value>` term. */
export interface QueryCondition {
  /** Field name, possibly dot-walked (`task.opened_at`). Lowercase `[a-z0-9_.]`. */
  readonly field: string;
  readonly operator: QueryOperator;
  /**
   * The value with `^^` already unescaped to `^`. `''` for unary operators (`ISEMPTY`).
   * `IN` keeps its comma list and `BETWEEN` its `a@b` form; `javascript:` values are kept verbatim.
   */
  readonly value: string;
}

/** Conditions joined by `^OR`: true when any is true. */
export type QueryTerm = readonly QueryCondition[];

/** The count condition of a related-list query: `>0`, `=0` (none), `>=2`... */
export interface RelatedCount {
  readonly operator: '=' | '!=' | '>' | '>=' | '<' | '<=';
  /** A non-negative integer. */
  readonly value: number;
}

/**
 * A JOIN subquery, `JOIN<table>.<field>=<joinTable>.<joinField>!<query on joinTable>`: true for
 * a row of `table` when at least one row of `joinTable` whose `joinField` equals the row's
 * `field` matches `query`. `JOINsys_user.sys_id=sys_user_group.manager!active=true` = the users
 * who manage an active group.
 *
 * In text, the condition after `!` runs up to the next `JOIN`, `^NQ`, `ORDERBY` or the end of
 * the query (so a JOIN is written after the other terms of its group); an empty condition ends
 * at the `!`.
 */
export interface JoinSubquery {
  readonly kind: 'join';
  /** The table queried, as written (`sys_user`). */
  readonly table: string;
  /** Its field compared (`sys_id`). */
  readonly field: string;
  /** The other table (`sys_user_group`). */
  readonly joinTable: string;
  /** The other table's field compared (`manager`). */
  readonly joinField: string;
  /** The condition on `joinTable`: at most one group, no sort; `groups: []` for none. */
  readonly query: EncodedQuery;
}

/**
 * A related-list query, `RLQUERY<table>.<field>,<count>[,m2m][^<query on table>]^ENDRLQUERY`:
 * true for a row when the number of rows of `table` whose reference `field` points at it and
 * that match `query` satisfies `count`. `RLQUERYincident.caller_id,=0^ENDRLQUERY` on `sys_user`
 * = the users who called in no incident.
 */
export interface RelatedListSubquery {
  readonly kind: 'related';
  /** The related table (`incident`). */
  readonly table: string;
  /** Its reference field pointing at the queried row (`caller_id`). */
  readonly field: string;
  readonly count: RelatedCount;
  /** `,m2m`: `table` is a many-to-many table and the count stops at it. */
  readonly manyToMany: boolean;
  /** The condition on the related rows (no sort); `groups: []` counts them all. */
  readonly query: EncodedQuery;
}

/** A subquery term of a group: a JOIN or a related-list query. */
export type QuerySubquery = JoinSubquery | RelatedListSubquery;

/** Terms joined by `^`: true when every term is true. */
export interface QueryGroup {
  readonly terms: readonly QueryTerm[];
  /**
   * JOIN and RLQUERY terms, ANDed with `terms`. Absent (or empty) when the group has none.
   * Written after `terms`, related lists before joins.
   */
  readonly subqueries?: readonly QuerySubquery[];
}

/** One `ORDERBY` / `ORDERBYDESC` term. */
export interface QueryOrder {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

/** A whole encoded query: groups joined by `^NQ` (true when any group is true), then the sort. */
export interface EncodedQuery {
  /** Empty when the query selects everything. */
  readonly groups: readonly QueryGroup[];
  readonly orderBy: readonly QueryOrder[];
}
