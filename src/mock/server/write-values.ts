/**
 * The field values of a Table API write body: one JSON object whose values become the stored
 * strings, with the fields the platform maintains itself left out.
 *
 * @module
 */

/** Fields a write cannot set: the platform stamps them (and `sys_id` is the URL's). @internal */
const SYSTEM_FIELDS: ReadonlySet<string> = new Set([
  'sys_created_on',
  'sys_created_by',
  'sys_updated_on',
  'sys_updated_by',
  'sys_mod_count',
  'sys_class_name',
]);

/** The values of a write body, or why it was refused. @internal */
export type WriteValues =
  | { readonly ok: true; readonly values: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly problem: string };

function stored(value: unknown): string | undefined {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && !Array.isArray(value)) {
    // A value as a GET renders it with display_value=false/all: `{"value": "...", ...}`.
    const inner = (value as Record<string, unknown>).value;
    if (typeof inner === 'string') return inner;
  }
  return undefined;
}

/**
 * The values a write body sets, by field name: strings as sent, numbers and booleans as
 * their text, `null` as `''`, a reference object by its `value`. System fields are dropped;
 * `sys_id` is kept only when `keepSysId` (an insert may choose its sys_id). @internal
 */
export function writeValues(text: string, keepSysId: boolean): WriteValues {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'The payload is not valid JSON.' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, problem: 'The payload must be a JSON object of field names and values.' };
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (SYSTEM_FIELDS.has(name) || (name === 'sys_id' && !keepSysId)) continue;
    const text = stored(value);
    if (text === undefined) {
      return {
        ok: false,
        problem: `The value of field ${name} must be a string, number, boolean or null.`,
      };
    }
    values[name] = text;
  }
  return { ok: true, values };
}
