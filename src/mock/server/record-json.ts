/**
 * Records written straight to Table API JSON text, byte for byte what `JSON.stringify` of the
 * rendered record gives, without building the objects.
 *
 * @module
 */
import { fieldText } from '../data/field-text.js';
import type { MockField, MockRecord, MockTableSchema } from '../types.js';
import { displayOf, referenceDisplay } from './display-text.js';
import { walk } from './dot-walk.js';
import { type FieldStep, fieldPlan } from './field-plan.js';
import { isJournalField, journalDisplay } from './journal-display.js';
import type { RenderContext } from './render-context.js';
import { isReference, referenceTable } from './schema-fields.js';

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

/** The JSON text of a rendered reference. */
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

/** The JSON text of a field of a record: a journal field shows its entries in display modes. */
function fieldJson(
  context: RenderContext,
  rowSchema: MockTableSchema,
  field: MockField,
  record: MockRecord,
): string {
  const value = fieldText(record, field.name);
  if (context.mode === 'false' || !isJournalField(field)) return valueJson(context, field, value);
  const display = jsonString(journalDisplay(context, rowSchema, field, record));
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
  const hidden = context.hidden;
  if (fields === undefined) {
    const keys = keysOfSchema(rowSchema);
    const all = rowSchema.fields;
    for (let i = 0; i < all.length; i++) {
      const field = all[i] as MockField;
      if (hidden?.has(field.name) === true) continue;
      parts.push(keys[i] + fieldJson(context, rowSchema, field, record));
    }
    return `{${parts.join(',')}}`;
  }
  const plan = fieldPlan(rowSchema, fields);
  const keys = keysOfPlan(plan);
  for (let i = 0; i < plan.length; i++) {
    const key = keys[i];
    const step = plan[i] as FieldStep;
    if (key === undefined || hidden?.has(step.name) === true) continue;
    if (step.field !== undefined) {
      parts.push(key + fieldJson(context, rowSchema, step.field, record));
      continue;
    }
    const resolved = walk(context.store, rowSchema, record, step.path ?? []);
    if (resolved !== undefined)
      parts.push(key + valueJson(context, resolved.field, resolved.value));
  }
  return `{${parts.join(',')}}`;
}
