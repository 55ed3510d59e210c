/**
 * Turns stored raw records into Table API values: the value shapes of `sysparm_display_value`
 * `false`/`true`/`all`, reference objects with or without `link`, and dot-walked
 * `sysparm_fields` (servicenow-api.md sections 2.1-2.4). `record-json.ts` writes the same
 * records straight to JSON text.
 *
 * @module
 */
import { fieldText } from '../data/field-text.js';
import type { MockField, MockRecord, MockTableSchema } from '../types.js';
import { displayOf, referenceDisplay } from './display-text.js';
import { walk } from './dot-walk.js';
import { fieldPlan } from './field-plan.js';
import { isJournalField, journalDisplay } from './journal-display.js';
import type { RenderContext, RenderedValue } from './render-context.js';
import { isReference, referenceTable } from './schema-fields.js';

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

/** Renders a field of a record: a journal field shows its entries in display modes. */
function renderField(
  context: RenderContext,
  rowSchema: MockTableSchema,
  field: MockField,
  record: MockRecord,
): RenderedValue {
  const value = fieldText(record, field.name);
  if (context.mode === 'false' || !isJournalField(field)) return renderValue(context, field, value);
  const display = journalDisplay(context, rowSchema, field, record);
  return context.mode === 'true' ? display : { display_value: display, value };
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
  const hidden = context.hidden;
  if (fields === undefined) {
    for (const field of rowSchema.fields) {
      if (hidden?.has(field.name) === true) continue;
      out[field.name] = renderField(context, rowSchema, field, record);
    }
    return out;
  }
  for (const step of fieldPlan(rowSchema, fields)) {
    if (hidden?.has(step.name) === true) continue;
    if (step.field !== undefined) {
      out[step.name] = renderField(context, rowSchema, step.field, record);
      continue;
    }
    const resolved = walk(context.store, rowSchema, record, step.path ?? []);
    if (resolved !== undefined)
      out[step.name] = renderValue(context, resolved.field, resolved.value);
  }
  return out;
}
