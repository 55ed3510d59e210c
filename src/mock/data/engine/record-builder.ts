/**
 * Records written through the mutation API: defaults of inserted rows (as a real instance fills
 * them), updates with bumped system fields, and the `sys_audit_delete` row of a delete.
 *
 * @module
 */
import type { MockRecord, MockTableSchema } from '../../types.js';
import { isMockInstanceOf } from '../schemas/registry.js';

/** Values an insert fills in when they are missing. @internal */
export interface InsertDefaults {
  readonly sysId: string;
  /** `YYYY-MM-DD HH:MM:SS` (UTC). */
  readonly now: string;
  /** Next record number, for tables that have one (`INC0012345`). */
  readonly number: () => string;
}

/** A complete record for an insert: every schema field present, unknown fields ignored. @internal */
export function insertRecord(
  schema: MockTableSchema,
  values: Readonly<Record<string, string>>,
  defaults: InsertDefaults,
): MockRecord {
  const record: Record<string, string> = {};
  for (const field of schema.fields) {
    const given = values[field.name];
    record[field.name] = typeof given === 'string' ? given : '';
  }
  const fill = (name: string, value: () => string) => {
    if (Object.hasOwn(record, name) && record[name] === '') record[name] = value();
  };
  record.sys_id = defaults.sysId;
  fill('sys_created_on', () => defaults.now);
  fill('sys_updated_on', () => defaults.now);
  fill('sys_created_by', () => 'admin');
  fill('sys_updated_by', () => 'admin');
  fill('sys_mod_count', () => '0');
  fill('sys_class_name', () => schema.name);
  fill('sys_domain', () => 'global');
  fill('sys_domain_path', () => '/');
  if (isMockInstanceOf(schema.name, 'task')) {
    fill('number', defaults.number);
    fill('task_effective_number', () => record.number ?? '');
    fill('state', () => '1');
    fill('active', () => 'true');
    fill('opened_at', () => defaults.now);
    fill('impact', () => '3');
    fill('urgency', () => '3');
    fill('priority', () => '5');
  }
  return record;
}

/** A record after an update: known fields replaced, sys_id kept, stamps and counter bumped. @internal */
export function updatedRecord(
  schema: MockTableSchema,
  current: MockRecord,
  values: Readonly<Record<string, string>>,
  now: string,
): MockRecord {
  const record: Record<string, string> = { ...current };
  for (const field of schema.fields) {
    const given = values[field.name];
    if (field.name !== 'sys_id' && typeof given === 'string') record[field.name] = given;
  }
  if (values.sys_updated_on === undefined) record.sys_updated_on = now;
  if (values.sys_updated_by === undefined) record.sys_updated_by = 'admin';
  record.sys_mod_count = String((Number(current.sys_mod_count) || 0) + 1);
  return record;
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** The XML `payload` of a deleted record, as sys_audit_delete keeps it. @internal */
export function deletePayload(table: string, record: MockRecord): string {
  const fields = Object.entries(record)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><record_update table="${table}"><${table} action="DELETE">${fields}</${table}></record_update>`;
}
