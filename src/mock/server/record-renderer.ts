/**
 * Turns stored raw records into Table API JSON: the value shapes of `sysparm_display_value`
 * `false`/`true`/`all`, reference objects with or without `link`, and dot-walked
 * `sysparm_fields` (servicenow-api.md sections 2.1-2.4).
 *
 * @module
 */
import type { MockDataStore, MockField, MockRecord, MockTableSchema } from '../types.js';
import { durationWords, groupDigits, shiftDateTime } from './display-format.js';

/** `sysparm_display_value`. @internal */
export type DisplayMode = 'false' | 'true' | 'all';

/** One rendered value: a string, or a reference / `all` object of strings. @internal */
export type RenderedValue = string | Readonly<Record<string, string>>;

/** What rendering depends on. @internal */
export interface RenderContext {
  readonly store: MockDataStore;
  readonly mode: DisplayMode;
  readonly excludeReferenceLink: boolean;
  /** The user's IANA time zone. */
  readonly timeZone: string;
  /** `<instance>/api/now` plus the requested version (`/v2`), used for reference links. */
  readonly linkBase: string;
  /** Display values already looked up in this request, by table, then `sys_id`. */
  readonly displayCache: Map<string, Map<string, string>>;
}

function lookupDisplay(context: RenderContext, table: string, sysId: string): string {
  let known = context.displayCache.get(table);
  if (known === undefined) {
    known = new Map();
    context.displayCache.set(table, known);
  }
  let display = known.get(sysId);
  if (display === undefined) {
    display = context.store.displayValue(table, sysId);
    known.set(sysId, display);
  }
  return display;
}

const fieldMaps = new WeakMap<MockTableSchema, ReadonlyMap<string, MockField>>();

function fieldOf(schema: MockTableSchema, name: string): MockField | undefined {
  let fields = fieldMaps.get(schema);
  if (fields === undefined) {
    fields = new Map(schema.fields.map((field) => [field.name, field]));
    fieldMaps.set(schema, fields);
  }
  return fields.get(name);
}

function isReference(field: MockField): boolean {
  return field.type === 'reference' || field.type === 'domain_id';
}

interface Resolved {
  readonly field: MockField;
  readonly value: string;
}

/**
 * Follows a dot-walked path (`caller_id.company.name`). `undefined` means "leave the key out"
 * (an unknown field, as a real instance ignores it).
 */
function walk(
  store: MockDataStore,
  schema: MockTableSchema | undefined,
  record: MockRecord | undefined,
  path: readonly string[],
): Resolved | undefined {
  const [name, ...rest] = path;
  if (name === undefined || name === '') return undefined;
  let field: MockField | undefined;
  if (schema !== undefined) field = fieldOf(schema, name);
  else if (record === undefined || name in record) field = { name, type: 'string' };
  if (field === undefined) return undefined;
  const value = record?.[name] ?? '';
  if (rest.length === 0) return { field, value };
  if (!isReference(field)) return undefined;
  const table = field.reference;
  const target = value !== '' && table !== undefined ? store.get(table, value) : undefined;
  const className = target?.sys_class_name;
  const targetSchema =
    (className ? store.schema(className) : undefined) ??
    (table !== undefined ? store.schema(table) : undefined);
  return walk(store, targetSchema, target, rest);
}

function displayOf(context: RenderContext, field: MockField, value: string): string {
  switch (field.type) {
    case 'glide_date_time':
      return value === '' ? '' : shiftDateTime(value, context.timeZone);
    case 'due_date':
      return value === '' ? 'UNKNOWN' : shiftDateTime(value, context.timeZone);
    case 'integer':
    case 'decimal':
    case 'percent_complete':
      return groupDigits(value);
    case 'glide_duration':
    case 'timer':
      return value === '' ? '' : durationWords(value);
    case 'choice':
      return field.choices?.[value] ?? value;
    case 'sys_class_name':
      return context.store.schema(value)?.label ?? value;
    case 'glide_list': {
      const table = field.reference;
      if (value === '' || table === undefined) return value;
      return value
        .split(',')
        .map((id) => lookupDisplay(context, table, id) || id)
        .join(', ');
    }
    default:
      return value;
  }
}

function referenceTable(field: MockField): string | undefined {
  return field.reference ?? (field.type === 'domain_id' ? 'sys_user_group' : undefined);
}

function referenceDisplay(context: RenderContext, field: MockField, value: string): string {
  const table = referenceTable(field);
  const display = table === undefined || value === '' ? '' : lookupDisplay(context, table, value);
  return display === '' && field.type === 'domain_id' ? value : display;
}

/** The display text of a raw value, references included. @internal */
export function displayText(context: RenderContext, field: MockField, value: string): string {
  return isReference(field)
    ? referenceDisplay(context, field, value)
    : displayOf(context, field, value);
}

function renderReference(context: RenderContext, field: MockField, value: string): RenderedValue {
  if (value === '') return context.mode === 'all' ? { display_value: '', value: '' } : '';
  const table = referenceTable(field);
  const withLink = !context.excludeReferenceLink && table !== undefined;
  const link = `${context.linkBase}/table/${table}/${value}`;
  if (context.mode === 'false') return withLink ? { link, value } : value;
  const display = referenceDisplay(context, field, value);
  if (context.mode === 'true') return withLink ? { display_value: display, link } : display;
  return withLink ? { display_value: display, link, value } : { display_value: display, value };
}

/** Renders one raw value of `field` in the context's display mode. @internal */
export function renderValue(
  context: RenderContext,
  field: MockField,
  value: string,
): RenderedValue {
  if (isReference(field)) return renderReference(context, field, value);
  if (context.mode === 'false') return value;
  const display = displayOf(context, field, value);
  return context.mode === 'true' ? display : { display_value: display, value };
}

/** One requested name of `sysparm_fields`, resolved against a schema once per request shape. */
interface FieldStep {
  readonly name: string;
  /** The field of a plain (not dot-walked) name. */
  readonly field?: MockField;
  /** The path of a dot-walked name. */
  readonly path?: readonly string[];
}

/**
 * Plans by requested field list (the same array for every row of a request), then by row schema.
 * Keyed by the array itself, so a plan lives as long as its request.
 */
const fieldPlans = new WeakMap<readonly string[], Map<MockTableSchema, readonly FieldStep[]>>();

/**
 * The steps that render `fields` of rows of `schema`: plain names resolved to their field (unknown
 * names left out), dot-walked names kept as paths. Resolved once per request and row schema
 * rather than once per row.
 */
function fieldPlan(schema: MockTableSchema, fields: readonly string[]): readonly FieldStep[] {
  let plans = fieldPlans.get(fields);
  if (plans === undefined) {
    plans = new Map();
    fieldPlans.set(fields, plans);
  }
  let plan = plans.get(schema);
  if (plan === undefined) {
    const steps: FieldStep[] = [];
    for (const name of fields) {
      if (name.includes('.')) steps.push({ name, path: name.split('.') });
      else {
        const field = name === '' ? undefined : fieldOf(schema, name);
        if (field !== undefined) steps.push({ name, field });
      }
    }
    plans.set(schema, steps);
    plan = steps;
  }
  return plan;
}

/**
 * Renders a record: every schema field, or the `sysparm_fields` list (unknown names left out,
 * dot-walked names as flat dotted keys).
 * @internal
 */
export function renderRecord(
  context: RenderContext,
  schema: MockTableSchema,
  record: MockRecord,
  fields: readonly string[] | undefined,
): Record<string, RenderedValue> {
  const out: Record<string, RenderedValue> = {};
  const rowSchema =
    (record.sys_class_name && context.store.schema(record.sys_class_name)) || schema;
  if (fields === undefined) {
    for (const field of rowSchema.fields) {
      out[field.name] = renderValue(context, field, record[field.name] ?? '');
    }
    return out;
  }
  for (const step of fieldPlan(rowSchema, fields)) {
    if (step.field !== undefined) {
      out[step.name] = renderValue(context, step.field, record[step.name] ?? '');
      continue;
    }
    const resolved = walk(context.store, rowSchema, record, step.path ?? []);
    if (resolved !== undefined)
      out[step.name] = renderValue(context, resolved.field, resolved.value);
  }
  return out;
}

/**
 * Strings that `JSON.stringify` would escape: quotes, backslashes, control characters and (lone)
 * surrogates. Any other string is written as is between quotes.
 */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** The JSON text of a string, exactly as `JSON.stringify` writes it. */
function jsonString(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

const EMPTY_ALL = '{"display_value":"","value":""}';

function referenceJson(context: RenderContext, field: MockField, value: string): string {
  if (value === '') return context.mode === 'all' ? EMPTY_ALL : '""';
  const table = referenceTable(field);
  const withLink = !context.excludeReferenceLink && table !== undefined;
  const link = withLink ? jsonString(`${context.linkBase}/table/${table}/${value}`) : '';
  if (context.mode === 'false')
    return withLink ? `{"link":${link},"value":${jsonString(value)}}` : jsonString(value);
  const display = jsonString(referenceDisplay(context, field, value));
  if (context.mode === 'true')
    return withLink ? `{"display_value":${display},"link":${link}}` : display;
  return withLink
    ? `{"display_value":${display},"link":${link},"value":${jsonString(value)}}`
    : `{"display_value":${display},"value":${jsonString(value)}}`;
}

/** The JSON text of {@link renderValue}'s result. */
function valueJson(context: RenderContext, field: MockField, value: string): string {
  if (isReference(field)) return referenceJson(context, field, value);
  if (context.mode === 'false') return jsonString(value);
  const display = jsonString(displayOf(context, field, value));
  return context.mode === 'true'
    ? display
    : `{"display_value":${display},"value":${jsonString(value)}}`;
}

/** `"name":` of each schema field, in schema order. */
const schemaKeys = new WeakMap<MockTableSchema, readonly string[]>();
/** `"name":` of each step of a field plan (a duplicate name keeps its first place only). */
const planKeys = new WeakMap<readonly FieldStep[], readonly (string | undefined)[]>();

function keysOfSchema(schema: MockTableSchema): readonly string[] {
  let keys = schemaKeys.get(schema);
  if (keys === undefined) {
    keys = schema.fields.map((field) => `${JSON.stringify(field.name)}:`);
    schemaKeys.set(schema, keys);
  }
  return keys;
}

function keysOfPlan(plan: readonly FieldStep[]): readonly (string | undefined)[] {
  let keys = planKeys.get(plan);
  if (keys === undefined) {
    const seen = new Set<string>();
    keys = plan.map((step) => {
      if (seen.has(step.name)) return undefined;
      seen.add(step.name);
      return `${JSON.stringify(step.name)}:`;
    });
    planKeys.set(plan, keys);
  }
  return keys;
}

/**
 * The JSON text of {@link renderRecord}'s result (`JSON.stringify(renderRecord(...))`, same
 * bytes), written directly: a page of 1,000 wide records with display values is otherwise
 * ~70,000 short-lived objects built only to be serialised.
 * @internal
 */
export function renderRecordJson(
  context: RenderContext,
  schema: MockTableSchema,
  record: MockRecord,
  fields: readonly string[] | undefined,
): string {
  const rowSchema =
    (record.sys_class_name && context.store.schema(record.sys_class_name)) || schema;
  const parts: string[] = [];
  if (fields === undefined) {
    const keys = keysOfSchema(rowSchema);
    const all = rowSchema.fields;
    for (let i = 0; i < all.length; i++) {
      const field = all[i] as MockField;
      parts.push(keys[i] + valueJson(context, field, record[field.name] ?? ''));
    }
    return `{${parts.join(',')}}`;
  }
  const plan = fieldPlan(rowSchema, fields);
  const keys = keysOfPlan(plan);
  for (let i = 0; i < plan.length; i++) {
    const key = keys[i];
    if (key === undefined) continue;
    const step = plan[i] as FieldStep;
    if (step.field !== undefined) {
      parts.push(key + valueJson(context, step.field, record[step.name] ?? ''));
      continue;
    }
    const resolved = walk(context.store, rowSchema, record, step.path ?? []);
    if (resolved !== undefined)
      parts.push(key + valueJson(context, resolved.field, resolved.value));
  }
  return `{${parts.join(',')}}`;
}
