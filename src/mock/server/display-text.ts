/**
 * The display text of a raw value (`sysparm_display_value=true`): local date-times, grouped
 * digits, duration words, choice labels, class labels, and the display values of references.
 *
 * @module
 */
import type { MockField } from '../types.js';
import { durationWords, groupDigits, shiftDateTime } from './display-format.js';
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
