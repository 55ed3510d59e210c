/**
 * The dictionary attributes of a mock field as `sys_dictionary` shows them: the effective
 * `max_length` (the schema's, or the default of its type), `column_label`, the choice kind, and
 * whether two definitions of a field are the same (an inherited field) or not (an override).
 *
 * @module
 */
import type { MockField } from '../../types.js';

/** Default `max_length` by internal type; any type not listed gets {@link DEFAULT_MAX_LENGTH}. */
const MAX_LENGTH_BY_TYPE: Readonly<Record<string, number>> = {
  GUID: 32,
  reference: 32,
  domain_id: 32,
  document_id: 32,
  journal: 4000,
  journal_list: 4000,
  journal_input: 4000,
  glide_list: 4000,
  html: 8000,
  script: 8000,
  script_plain: 8000,
  conditions: 8000,
  url: 1024,
  email: 100,
};

/** `max_length` of a type the table above does not list (string, integer, boolean, dates...). */
export const DEFAULT_MAX_LENGTH = 40;

/** `string` fields that hold free text and are 4000 long on an instance. */
const LONG_TEXT = /(^|_)(description|notes|comments|payload|cause|business_impact|user_input)$/;

/** Labels an instance gives to common columns; other names are put in sentence case. */
const KNOWN_LABELS: Readonly<Record<string, string>> = {
  sys_id: 'Sys ID',
  sys_created_on: 'Created',
  sys_created_by: 'Created by',
  sys_updated_on: 'Updated',
  sys_updated_by: 'Updated by',
  sys_mod_count: 'Updates',
  sys_tags: 'Tags',
  sys_class_name: 'Class',
  sys_domain: 'Domain',
  sys_domain_path: 'Domain Path',
  caller_id: 'Caller',
  cmdb_ci: 'Configuration item',
  opened_at: 'Opened',
  closed_at: 'Closed',
  resolved_at: 'Resolved',
  sla: 'SLA',
  ip_address: 'IP Address',
  mac_address: 'MAC Address',
  model_id: 'Model ID',
  problem_id: 'Problem',
  rfc: 'Change Request',
};

/**
 * The effective `max_length` of a field: its `maxLength`, else the default of its type (free-text
 * strings such as `description` 4000, `short_description` 160).
 *
 * @example
 * ```ts
 * maxLengthOf({ name: 'caller_id', type: 'reference' }); // 32
 * ```
 */
export function maxLengthOf(field: MockField): number {
  if (field.maxLength !== undefined) return field.maxLength;
  if (field.type === 'string') {
    if (field.name === 'short_description') return 160;
    if (LONG_TEXT.test(field.name)) return 4000;
  }
  return MAX_LENGTH_BY_TYPE[field.type] ?? DEFAULT_MAX_LENGTH;
}

/**
 * The `column_label` of a field: its `label`, a known label, else its name without a `u_`
 * prefix in sentence case (`assignment_group` -> `Assignment group`).
 */
export function labelOf(field: MockField): string {
  if (field.label !== undefined) return field.label;
  const known = KNOWN_LABELS[field.name];
  if (known !== undefined) return known;
  const words = field.name.replace(/^u_/, '').replace(/_/g, ' ').trim();
  return words === '' ? field.name : words.charAt(0).toUpperCase() + words.slice(1);
}

/** `choice` of the dictionary row: `0` none, `1` dropdown with -- None --, `3` without. */
export function choiceKindOf(field: MockField): string {
  if (field.choices === undefined || Object.keys(field.choices).length === 0) return '0';
  return field.integerChoice === true ? '3' : '1';
}

function sameChoices(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
): boolean {
  if (a === b) return true;
  const left = Object.entries(a ?? {});
  const right = Object.entries(b ?? {});
  return (
    left.length === right.length &&
    left.every(([value, label], i) => {
      const other = right[i];
      return other !== undefined && other[0] === value && other[1] === label;
    })
  );
}

/**
 * `true` when two definitions of a field show the same dictionary row (so a child table
 * inherits the parent's), `false` when the child overrides it (another choice list, label,
 * max length, type or reference).
 */
export function sameDefinition(a: MockField, b: MockField): boolean {
  return (
    a === b ||
    (a.name === b.name &&
      a.type === b.type &&
      a.reference === b.reference &&
      maxLengthOf(a) === maxLengthOf(b) &&
      labelOf(a) === labelOf(b) &&
      (a.mandatory ?? false) === (b.mandatory ?? false) &&
      (a.readOnly ?? false) === (b.readOnly ?? false) &&
      choiceKindOf(a) === choiceKindOf(b) &&
      sameChoices(a.choices, b.choices))
  );
}
