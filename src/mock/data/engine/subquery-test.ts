/**
 * JOIN and RLQUERY terms compiled against the store (servicenow-api.md section 11): the
 * subquery is run once on the other table, then each row is tested against the values it
 * gave (JOIN: the set of `<joinField>` values; RLQUERY: the number of related rows per
 * referenced sys_id). Where the matching rows are a known list of sys_ids (a JOIN on `sys_id`
 * or an own reference, an RLQUERY whose count condition excludes 0), the term carries an
 * `ids` hint, so the planner reads just those rows (or their children by the reverse index).
 *
 * @module
 */

import type {
  EncodedQuery,
  JoinSubquery,
  QuerySubquery,
  RelatedCount,
  RelatedListSubquery,
} from '../../../query/index.js';
import type { MockRecord } from '../../types.js';
import { MockUnsupportedQueryError } from '../errors.js';
import { fieldText } from '../field-text.js';
import { isMockInstanceOf } from '../schemas/registry.js';
import {
  type FieldPath,
  type RowResolver,
  readPath,
  resolvePath,
  type SchemaLookup,
} from './field-path.js';
import type { RowView } from './table-data.js';

/** Runs a query on another table: every matching row. @internal */
export type SubSelect = (table: string, query: EncodedQuery) => readonly MockRecord[];

/** A compiled subquery: the row field it tests, the test, and the sys_ids it can match. @internal */
export interface SubqueryTest {
  /** The queried row's field the test reads (`sys_id` for an RLQUERY). */
  readonly path: FieldPath;
  readonly test: (view: RowView) => boolean;
  /** Every value of `path` that can pass (an index hint), when the test fails on all others. */
  readonly ids?: readonly string[];
}

/** What compiling a subquery needs. @internal */
export interface SubqueryContext {
  readonly schemas: SchemaLookup;
  readonly resolver: RowResolver;
  readonly subselect: SubSelect;
}

/**
 * Compiles a JOIN or RLQUERY term on `table`.
 *
 * @throws MockUnsupportedQueryError for a form the mock cannot evaluate: a table it does not
 * serve, a field it does not know, a JOIN on another table, an RLQUERY whose field does not
 * reference `table`.
 * @internal
 */
export function compileSubquery(
  table: string,
  subquery: QuerySubquery,
  ctx: SubqueryContext,
): SubqueryTest {
  return subquery.kind === 'join'
    ? compileJoin(table, subquery, ctx)
    : compileRelated(table, subquery, ctx);
}

function refuse(subquery: QuerySubquery, why: string): never {
  const term =
    subquery.kind === 'join'
      ? `JOIN${subquery.table}.${subquery.field}=${subquery.joinTable}.${subquery.joinField}`
      : `RLQUERY${subquery.table}.${subquery.field},${subquery.count.operator}${subquery.count.value}`;
  throw new MockUnsupportedQueryError(term, why);
}

function ownPath(table: string, name: string, ctx: SubqueryContext): FieldPath | undefined {
  return resolvePath(table, name, ctx.schemas);
}

function compileJoin(table: string, s: JoinSubquery, ctx: SubqueryContext): SubqueryTest {
  if (!isMockInstanceOf(table, s.table)) {
    refuse(s, `the JOIN starts from table ${s.table}, but the query is on ${table}`);
  }
  const path = ownPath(table, s.field, ctx);
  if (path === undefined) refuse(s, `table ${table} has no field ${s.field}`);
  if (ctx.schemas.schema(s.joinTable) === undefined) {
    refuse(s, `the mock does not serve table ${s.joinTable}`);
  }
  if (ctx.schemas.field(s.joinTable, s.joinField) === undefined) {
    refuse(s, `table ${s.joinTable} has no field ${s.joinField}`);
  }
  const values = new Set<string>();
  for (const row of ctx.subselect(s.joinTable, s.query)) {
    const value = fieldText(row, s.joinField).toLowerCase();
    if (value !== '') values.add(value);
  }
  const { resolver } = ctx;
  const test = (view: RowView) => {
    const value = readPath(view, path, resolver).toLowerCase();
    return value !== '' && values.has(value);
  };
  const listable =
    path.hops.length === 0 && (path.field.name === 'sys_id' || path.kind === 'reference');
  return listable ? { path, test, ids: [...values] } : { path, test };
}

function countTest(count: RelatedCount): (n: number) => boolean {
  const { operator, value } = count;
  switch (operator) {
    case '=':
      return (n) => n === value;
    case '!=':
      return (n) => n !== value;
    case '>':
      return (n) => n > value;
    case '>=':
      return (n) => n >= value;
    case '<':
      return (n) => n < value;
    default:
      return (n) => n <= value;
  }
}

function compileRelated(table: string, s: RelatedListSubquery, ctx: SubqueryContext): SubqueryTest {
  if (ctx.schemas.schema(s.table) === undefined) {
    refuse(s, `the mock does not serve table ${s.table}`);
  }
  const field = ctx.schemas.field(s.table, s.field);
  if (field === undefined) refuse(s, `table ${s.table} has no field ${s.field}`);
  const target = field.reference;
  if (field.type !== 'reference' || target === undefined) {
    refuse(s, `field ${s.table}.${s.field} is not a reference`);
  }
  if (!isMockInstanceOf(table, target) && !isMockInstanceOf(target, table)) {
    refuse(s, `field ${s.table}.${s.field} references ${target}, not ${table}`);
  }
  const path = ownPath(table, 'sys_id', ctx) as FieldPath;
  const counts = new Map<string, number>();
  for (const row of ctx.subselect(s.table, s.query)) {
    const id = fieldText(row, s.field).toLowerCase();
    if (id !== '') counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const accepts = countTest(s.count);
  const test = (view: RowView) => accepts(counts.get(view.get('sys_id').toLowerCase()) ?? 0);
  if (accepts(0)) return { path, test };
  // Rows without a related row fail: only the counted sys_ids can match.
  const ids = [...counts].filter(([, n]) => accepts(n)).map(([id]) => id);
  return { path, test, ids };
}
