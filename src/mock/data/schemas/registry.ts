/**
 * The mock's table schemas by name, and the class hierarchy (`incident` and `incident_task` are
 * `task`s; `cmdb_ci_network_link` is a `cmdb_ci`).
 *
 * @module
 */
import type { MockField, MockTableSchema } from '../../types.js';
import { SCALED_TABLES } from '../mock-scale.js';
import { changeRequestSchema } from './change-request.js';
import { cmdbCiNetworkLinkSchema, cmdbCiSchema, cmdbSchema } from './cmdb-ci.js';
import {
  cmdbCiComputerSchema,
  cmdbCiHardwareSchema,
  cmdbCiServerSchema,
} from './cmdb-ci-server.js';
import { contractSlaSchema } from './contract-sla.js';
import { coreCompanySchema } from './core-company.js';
import { sysChoiceSchema, sysDbObjectSchema, sysDictionarySchema } from './dictionary-tables.js';
import { incidentSchema } from './incident.js';
import { incidentTaskSchema } from './incident-task.js';
import { problemSchema } from './problem.js';
import { scCatItemSchema, scReqItemSchema, scRequestSchema } from './service-catalog.js';
import { sysAuditDeleteSchema } from './sys-audit-delete.js';
import { sysJournalFieldSchema } from './sys-journal-field.js';
import { sysUserSchema } from './sys-user.js';
import { sysUserGroupSchema } from './sys-user-group.js';
import { taskSchema } from './task.js';
import { taskSlaSchema } from './task-sla.js';
import { taskTimeWorkedSchema } from './task-time-worked.js';
import { uRateCardSchema, uVendorReviewSchema } from './u-vendor-review.js';

/**
 * The served tables beyond the built-in catalog, generated from their schemas with fixed sizes:
 * task children, the catalog, a server CI class and two custom tables.
 */
export const SCHEMA_TABLE_NAMES: readonly string[] = [
  'problem',
  'change_request',
  'sc_cat_item',
  'sc_request',
  'sc_req_item',
  'cmdb_ci_server',
  'u_vendor_review',
  'u_rate_card',
];

/**
 * The tables the mock serves with rows: the nine tables of the built-in catalog,
 * `sys_audit_delete`, `sys_journal_field` (the entries of journal fields) and the
 * {@link SCHEMA_TABLE_NAMES}.
 */
export const MOCK_TABLE_NAMES: readonly string[] = [
  ...SCALED_TABLES,
  'sys_audit_delete',
  'sys_journal_field',
  ...SCHEMA_TABLE_NAMES,
];

/**
 * Every schema the mock knows, by table name: the served tables, their base tables (`task`,
 * `cmdb_ci`, `cmdb_ci_hardware`, `cmdb_ci_computer`, `cmdb`), which can be read too (their rows
 * are the rows of their child tables),
 * and the dictionary tables (`sys_db_object`, `sys_dictionary`, `sys_choice`).
 *
 * @example
 * ```ts
 * mockSchemas.incident?.fields.find((f) => f.name === 'caller_id')?.reference; // 'sys_user'
 * ```
 */
export const mockSchemas: Readonly<Record<string, MockTableSchema>> = Object.fromEntries(
  [
    taskSchema,
    incidentSchema,
    incidentTaskSchema,
    taskSlaSchema,
    taskTimeWorkedSchema,
    contractSlaSchema,
    sysUserGroupSchema,
    coreCompanySchema,
    sysUserSchema,
    cmdbCiSchema,
    cmdbCiNetworkLinkSchema,
    sysAuditDeleteSchema,
    sysJournalFieldSchema,
    problemSchema,
    changeRequestSchema,
    scCatItemSchema,
    scRequestSchema,
    scReqItemSchema,
    cmdbCiHardwareSchema,
    cmdbCiComputerSchema,
    cmdbCiServerSchema,
    uVendorReviewSchema,
    uRateCardSchema,
    cmdbSchema,
    sysDbObjectSchema,
    sysDictionarySchema,
    sysChoiceSchema,
  ].map((schema) => [schema.name, schema]),
);

/**
 * The schema of a table, or `undefined` when the mock does not know it.
 *
 * @example
 * ```ts
 * mockSchema('task_sla')?.displayField; // 'sla'
 * ```
 */
export function mockSchema(table: string): MockTableSchema | undefined {
  return Object.hasOwn(mockSchemas, table) ? mockSchemas[table] : undefined;
}

const fieldMaps = new Map<string, ReadonlyMap<string, MockField>>();

/** A field of a table by name, or `undefined`. */
export function mockField(table: string, name: string): MockField | undefined {
  let map = fieldMaps.get(table);
  if (map === undefined) {
    const schema = mockSchema(table);
    if (schema === undefined) return undefined;
    map = new Map(schema.fields.map((f) => [f.name, f]));
    fieldMaps.set(table, map);
  }
  return map.get(name);
}

/**
 * `true` when `table` is `base` or extends it, directly or not.
 *
 * @example
 * ```ts
 * isMockInstanceOf('incident', 'task'); // true
 * ```
 */
export function isMockInstanceOf(table: string, base: string): boolean {
  let current: string | undefined = table;
  while (current !== undefined) {
    if (current === base) return true;
    current = mockSchema(current)?.extends;
  }
  return false;
}

/** The served tables that are `base` or extend it (`task` -> incident, incident_task). */
export function servedTablesOf(base: string): readonly string[] {
  return MOCK_TABLE_NAMES.filter((name) => isMockInstanceOf(name, base));
}
