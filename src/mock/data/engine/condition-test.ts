/**
 * The predicate of one condition, per operator (servicenow-api.md section 3.2): `=` is
 * case-insensitive on text and numeric on numbers; `!=`, `NOT IN` and `NOT LIKE` also match
 * empty values; comparisons never match empty values; `LIKE`/`STARTSWITH`/`ENDSWITH` on a
 * reference match its display value; `INSTANCEOF` tests the class of the row or of the
 * referenced record.
 *
 * @module
 */
import type { QueryCondition } from '../../../query/index.js';
import {
  type DateContext,
  type ResolvedValue,
  resolveDateTimeValue,
  resolveDateValue,
  resolvePlainValue,
} from '../date-literal.js';
import { isMockInstanceOf } from '../schemas/registry.js';
import { compareValues, equalValues } from './compare.js';
import {
  type FieldPath,
  type RowResolver,
  readPath,
  readReferenceDisplay,
  type ValueKind,
} from './field-path.js';
import type { RowView } from './table-data.js';

type Test = (view: RowView) => boolean;

/** The value of a condition for a field kind, after script evaluation. @internal */
export function resolveValue(kind: ValueKind, value: string, ctx: DateContext): ResolvedValue {
  if (kind === 'datetime') return resolveDateTimeValue(value, ctx);
  if (kind === 'date') return resolveDateValue(value, ctx);
  return resolvePlainValue(value, ctx);
}

/** Context of {@link conditionTest}. @internal */
export interface TestContext extends DateContext {
  readonly resolver: RowResolver;
}

/** How the predicates of one condition read its field and its value. */
interface ConditionReader {
  readonly path: FieldPath;
  readonly kind: ValueKind;
  readonly resolver: RowResolver;
  /** The field's raw value in a row. */
  readonly read: (view: RowView) => string;
  /** The field's text in a row, lowercase (a reference's display value). */
  readonly text: (view: RowView) => string;
  /** A value of the condition resolved for the field's kind; `undefined` drops the condition. */
  readonly value: (raw: string) => string | undefined;
}

function equalityTest(r: ConditionReader, c: QueryCondition): Test | undefined {
  const v = r.value(c.value);
  if (v === undefined) return undefined;
  const { read, kind } = r;
  const eq = (view: RowView) => {
    const x = read(view);
    return v === '' ? x === '' : x !== '' && equalValues(kind, x, v);
  };
  return c.operator === '=' ? eq : (view) => read(view) === '' || !eq(view);
}

function comparisonTest(r: ConditionReader, c: QueryCondition): Test | undefined {
  const v = r.value(c.value);
  if (v === undefined) return undefined;
  const { read, kind } = r;
  const op = c.operator;
  return (view) => {
    const x = read(view);
    if (x === '') return false;
    const d = compareValues(kind, x, v);
    return op === '>' ? d > 0 : op === '>=' ? d >= 0 : op === '<' ? d < 0 : d <= 0;
  };
}

function betweenTest(r: ConditionReader, c: QueryCondition): Test | undefined {
  const parts = c.value.split('@');
  if (parts.length !== 2) return undefined;
  const lo = r.value(parts[0] as string);
  const hi = r.value(parts[1] as string);
  if (lo === undefined || hi === undefined) return undefined;
  const { read, kind } = r;
  return (view) => {
    const x = read(view);
    return x !== '' && compareValues(kind, x, lo) >= 0 && compareValues(kind, x, hi) <= 0;
  };
}

function listTest(r: ConditionReader, c: QueryCondition): Test | undefined {
  const items: string[] = [];
  for (const item of c.value.split(',')) {
    const v = r.value(item);
    if (v === undefined) return undefined;
    items.push(v);
  }
  const { read, kind } = r;
  const inList = (x: string) =>
    items.some((v) => (v === '' ? x === '' : x !== '' && equalValues(kind, x, v)));
  return c.operator === 'IN'
    ? (view) => inList(read(view))
    : (view) => {
        const x = read(view);
        return x === '' || !inList(x);
      };
}

function textTest(r: ConditionReader, c: QueryCondition): Test | undefined {
  const v = r.value(c.value);
  if (v === undefined) return undefined;
  const { text } = r;
  const needle = v.toLowerCase();
  if (c.operator === 'LIKE') return (view) => text(view).includes(needle);
  if (c.operator === 'STARTSWITH') return (view) => text(view).startsWith(needle);
  if (c.operator === 'ENDSWITH') return (view) => text(view).endsWith(needle);
  return (view) => {
    const x = text(view);
    return x === '' || !x.includes(needle);
  };
}

function sameAsTest(
  r: ConditionReader,
  c: QueryCondition,
  other: FieldPath | undefined,
): Test | undefined {
  if (other === undefined) return undefined;
  const { read, resolver } = r;
  const same = (view: RowView) => {
    const a = read(view);
    const b = readPath(view, other, resolver);
    return a === b || (a !== '' && b !== '' && a.toLowerCase() === b.toLowerCase());
  };
  return c.operator === 'SAMEAS' ? same : (view) => !same(view);
}

function instanceOfTest(r: ConditionReader, c: QueryCondition): Test {
  const base = c.value;
  const { path, read, resolver } = r;
  if (path.field.type === 'sys_class_name') {
    return (view) => {
      const cls = read(view);
      return cls !== '' && isMockInstanceOf(cls, base);
    };
  }
  if (r.kind === 'reference') {
    return (view) => {
      const id = read(view);
      if (id === '' || path.field.reference === undefined) return false;
      const target = resolver.resolve(path.field.reference, id);
      return target !== undefined && isMockInstanceOf(target.table.name, base);
    };
  }
  return () => false;
}

function conditionReader(path: FieldPath, ctx: TestContext): ConditionReader {
  const { resolver } = ctx;
  const kind = path.kind;
  const read = (view: RowView) => readPath(view, path, resolver);
  const text = (view: RowView) =>
    (kind === 'reference' ? readReferenceDisplay(view, path, resolver) : read(view)).toLowerCase();
  const value = (raw: string): string | undefined => {
    const resolved = resolveValue(kind, raw, ctx);
    return resolved.kind === 'text' ? resolved.text : undefined;
  };
  return { path, kind, resolver, read, text, value };
}

/**
 * The predicate of a condition, or `undefined` when the condition is dropped (a script the mock
 * cannot evaluate, or a malformed `BETWEEN`).
 * @internal
 */
export function conditionTest(
  path: FieldPath,
  c: QueryCondition,
  other: FieldPath | undefined,
  ctx: TestContext,
): Test | undefined {
  const r = conditionReader(path, ctx);
  switch (c.operator) {
    case '=':
    case '!=':
      return equalityTest(r, c);
    case '>':
    case '>=':
    case '<':
    case '<=':
      return comparisonTest(r, c);
    case 'BETWEEN':
      return betweenTest(r, c);
    case 'IN':
    case 'NOT IN':
      return listTest(r, c);
    case 'LIKE':
    case 'NOT LIKE':
    case 'STARTSWITH':
    case 'ENDSWITH':
      return textTest(r, c);
    case 'ISEMPTY':
    case 'EMPTYSTRING':
      return (view) => r.read(view) === '';
    case 'ISNOTEMPTY':
      return (view) => r.read(view) !== '';
    case 'ANYTHING':
      return () => true;
    case 'SAMEAS':
    case 'NSAMEAS':
      return sameAsTest(r, c, other);
    case 'INSTANCEOF':
      return instanceOfTest(r, c);
    default:
      return undefined;
  }
}
