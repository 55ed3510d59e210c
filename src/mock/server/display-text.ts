/**
 * The display text of a raw value (`sysparm_display_value=true`): local date-times, grouped
 * digits, duration words, choice labels, class labels, and the display values of references.
 *
 * @module
 */
import type { MockField } from '../types.js';
import {
  currencyText,
  durationWords,
  groupDigits,
  shiftDateTime,
  timeOfDay,
} from './display-format.js';
import { lookupDisplay, type RenderContext } from './render-context.js';
import { isReference, referenceTable } from './schema-fields.js';

/** The display text of a raw value that is not a reference. @internal */
export function displayOf(context: RenderContext, field: MockField, value: string): string {
  switch (field.type) {
    case 'glide_date_time':
      return value === '' ? '' : shiftDateTime(value, context.timeZone);
    case 'due_date':
      return value === '' ? 'UNKNOWN' : shiftDateTime(value, context.timeZone);
    case 'integer':
    case 'longint':
    case 'decimal':
    case 'float':
    case 'percent_complete':
      return groupDigits(value);
    case 'currency':
    case 'price':
      return currencyText(value);
    case 'glide_time':
      return timeOfDay(value);
    case 'document_id':
      return value === '' ? '' : documentDisplay(context, value);
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

/**
 * The display value of a `document_id`: the display value of the record with that sys_id, in
 * whichever served table holds it (the field's own record names the table in another field).
 */
function documentDisplay(context: RenderContext, sysId: string): string {
  for (const table of context.store.tableNames) {
    if (context.store.get(table, sysId) !== undefined) return lookupDisplay(context, table, sysId);
  }
  return sysId;
}

/** The display value of a reference (a `domain_id` without one shows its `sys_id`). @internal */
export function referenceDisplay(context: RenderContext, field: MockField, value: string): string {
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
