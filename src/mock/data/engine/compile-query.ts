/**
 * A parsed encoded query compiled against a table: fields resolved (unknown ones dropped or
 * rejected), values resolved (date literals to UTC, `gs.*` scripts evaluated in the user's zone,
 * other scripts dropped), each condition turned into a predicate plus, where an index can
 * answer it, a hint for the planner.
 *
 * @module
 */
import type { EncodedQuery, QueryCondition, QuerySubquery } from '../../../query/index.js';
import { MockUnknownFieldError, type UnknownFieldPolicy } from '../../types.js';
import type { DateContext, ResolvedValue } from '../date-literal.js';
import { conditionTest, resolveValue } from './condition-test.js';
import {
  type FieldPath,
  type RowResolver,
  resolvePath,
  type SchemaLookup,
  type ValueKind,
} from './field-path.js';
import { compileSubquery, type SubSelect } from './subquery-test.js';
import type { RowView } from './table-data.js';

/** One bound of a range hint. @internal */
export interface Bound {
  /** Canonical text (UTC date-time, or lowercased sys_id). */
  readonly text: string;
  /** Epoch seconds for date-times. */
  readonly seconds?: number;
  readonly inclusive: boolean;
}

/** What an index can do for a condition. @internal */
export type PlanHint =
  | { readonly kind: 'range'; readonly lower?: Bound; readonly upper?: Bound }
  | { readonly kind: 'ids'; readonly ids: readonly string[] };

/** A compiled condition. @internal */
export interface CompiledCondition {
  /** The condition, or the JOIN / RLQUERY term (then `path` is the row's field it tests). */
  readonly condition: QueryCondition | QuerySubquery;
  readonly path: FieldPath;
  readonly test: (view: RowView) => boolean;
  readonly hint?: PlanHint;
}

/** Conditions joined by OR. @internal */
export type CompiledTerm = readonly CompiledCondition[];

/** Terms joined by AND; no terms = every row. @internal */
export interface CompiledGroup {
  readonly terms: readonly CompiledTerm[];
}

/** One sort key. @internal */
export interface CompiledOrder {
  readonly path: FieldPath;
  readonly direction: 'asc' | 'desc';
}

/** A compiled query; no groups = every row. @internal */
export interface CompiledQuery {
  readonly table: string;
  readonly groups: readonly CompiledGroup[];
  readonly orderBy: readonly CompiledOrder[];
}

/** What compilation needs. @internal */
export interface CompileContext extends DateContext {
  readonly unknownFields: UnknownFieldPolicy;
  readonly resolver: RowResolver;
  /** The schemas fields are resolved against. */
  readonly schemas: SchemaLookup;
  /** Runs the condition of a JOIN or RLQUERY on its table. */
  readonly subselect: SubSelect;
}

function unknown(table: string, field: string, ctx: CompileContext): undefined {
  if (ctx.unknownFields === 'reject') throw new MockUnknownFieldError(table, field);
  return undefined;
}

function bound(kind: ValueKind, value: ResolvedValue, inclusive: boolean): Bound | undefined {
  if (value.kind !== 'text') return undefined;
  if (kind === 'datetime') {
    return value.seconds === undefined
      ? undefined
      : { text: value.text, seconds: value.seconds, inclusive };
  }
  return { text: value.text.toLowerCase(), inclusive };
}

function hintOf(path: FieldPath, c: QueryCondition, ctx: CompileContext): PlanHint | undefined {
  if (path.opaque || path.hops.length > 1) return undefined;
  const isSysId = path.hops.length === 0 && path.field.name === 'sys_id';
  const own = path.hops.length === 0;
  // A GUID field other than sys_id (`sys_journal_field.element_id`) names a parent as a reference does.
  const parentId = path.kind === 'reference' || (path.field.type === 'GUID' && !isSysId);
  if (parentId && own && (c.operator === '=' || c.operator === 'IN')) {
    return { kind: 'ids', ids: c.operator === 'IN' ? c.value.split(',') : [c.value] };
  }
  if (isSysId && c.operator === 'IN') return { kind: 'ids', ids: c.value.split(',') };
  if (isSysId && c.operator === 'STARTSWITH') {
    // Every id with the prefix lies in [prefix, prefix + '~'): '~' sorts after any hex digit.
    const prefix = c.value.toLowerCase();
    return {
      kind: 'range',
      lower: { text: prefix, inclusive: true },
      upper: { text: `${prefix}~`, inclusive: false },
    };
  }
  if (path.kind !== 'datetime' && !isSysId) return undefined;
  const kind = path.kind;
  const one = (inclusive: boolean) => bound(kind, resolveValue(kind, c.value, ctx), inclusive);
  switch (c.operator) {
    case '=': {
      const b = one(true);
      return b === undefined ? undefined : { kind: 'range', lower: b, upper: b };
    }
    case '>':
    case '>=': {
      const b = one(c.operator === '>=');
      return b === undefined ? undefined : { kind: 'range', lower: b };
    }
    case '<':
    case '<=': {
      const b = one(c.operator === '<=');
      return b === undefined ? undefined : { kind: 'range', upper: b };
    }
    case 'BETWEEN': {
      const parts = c.value.split('@');
      if (parts.length !== 2) return undefined;
      const lower = bound(kind, resolveValue(kind, parts[0] as string, ctx), true);
      const upper = bound(kind, resolveValue(kind, parts[1] as string, ctx), true);
      return lower === undefined || upper === undefined
        ? undefined
        : { kind: 'range', lower, upper };
    }
    default:
      return undefined;
  }
}

/** Compiles one condition: `undefined` when it is dropped. @internal */
function compileCondition(
  table: string,
  c: QueryCondition,
  ctx: CompileContext,
): CompiledCondition | undefined {
  const path = resolvePath(table, c.field, ctx.schemas);
  if (path === undefined) return unknown(table, c.field, ctx);
  let other: FieldPath | undefined;
  if (c.operator === 'SAMEAS' || c.operator === 'NSAMEAS') {
    other = resolvePath(table, c.value, ctx.schemas);
    if (other === undefined) return unknown(table, c.value, ctx);
  }
  const test = conditionTest(path, c, other, ctx);
  if (test === undefined) return undefined;
  const hint = hintOf(path, c, ctx);
  return hint === undefined ? { condition: c, path, test } : { condition: c, path, test, hint };
}

/** Compiles a parsed query against `table`. @internal */
export function compileQuery(
  table: string,
  query: EncodedQuery,
  ctx: CompileContext,
): CompiledQuery {
  const groups: CompiledGroup[] = [];
  let everything = query.groups.length === 0;
  for (const group of query.groups) {
    const terms: CompiledTerm[] = [];
    let alwaysTrue = true;
    for (const term of group.terms) {
      const compiled: CompiledCondition[] = [];
      let anything = false;
      for (const condition of term) {
        const c = compileCondition(table, condition, ctx);
        if (c === undefined) continue;
        if (condition.operator === 'ANYTHING') anything = true;
        compiled.push(c);
      }
      if (compiled.length === 0 || anything) continue;
      terms.push(compiled);
      alwaysTrue = false;
    }
    for (const subquery of group.subqueries ?? []) {
      const { path, test, ids } = compileSubquery(table, subquery, ctx);
      const compiled: CompiledCondition =
        ids === undefined
          ? { condition: subquery, path, test }
          : { condition: subquery, path, test, hint: { kind: 'ids', ids } };
      terms.push([compiled]);
      alwaysTrue = false;
    }
    if (alwaysTrue) everything = true;
    groups.push({ terms });
  }
  const orderBy: CompiledOrder[] = [];
  for (const order of query.orderBy) {
    const path = resolvePath(table, order.field, ctx.schemas);
    if (path === undefined) {
      unknown(table, order.field, ctx);
      continue;
    }
    orderBy.push({ path, direction: order.direction });
  }
  return { table, groups: everything ? [] : groups, orderBy };
}

/** `true` when a row satisfies a compiled query. @internal */
export function matchesQuery(query: CompiledQuery, view: RowView): boolean {
  if (query.groups.length === 0) return true;
  for (const group of query.groups) if (matchesGroup(group, view)) return true;
  return false;
}

/** `true` when a row satisfies every term of a group. @internal */
export function matchesGroup(group: CompiledGroup, view: RowView): boolean {
  for (const term of group.terms) {
    let any = false;
    for (const condition of term) {
      if (condition.test(view)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}
