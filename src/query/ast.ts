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

/** Terms joined by `^`: true when every term is true. */
export interface QueryGroup {
  readonly terms: readonly QueryTerm[];
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
