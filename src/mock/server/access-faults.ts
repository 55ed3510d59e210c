/**
 * The role-based faults: tables the user may not read (`deniedTables`, 403 naming the role
 * the table requires) and fields a field-level ACL hides (`hiddenFields`).
 *
 * @module
 */
import type { MockDataStore } from '../types.js';
import { type Answer, errorAnswer } from './answers.js';
import type { MockFaults } from './faults.js';

const DICTIONARY_TABLES: ReadonlySet<string> = new Set([
  'sys_db_object',
  'sys_dictionary',
  'sys_choice',
]);

function extendsTask(store: MockDataStore, table: string): boolean {
  const seen = new Set<string>();
  for (let t: string | undefined = table; t !== undefined && !seen.has(t); ) {
    if (t === 'task') return true;
    seen.add(t);
    t = store.schema(t)?.extends;
  }
  return false;
}

/** The role an instance requires to read `table`, as the mock names it. @internal */
export function requiredRole(store: MockDataStore, table: string): string {
  if (DICTIONARY_TABLES.has(table)) return 'personalize_dictionary';
  return extendsTask(store, table) ? 'itil' : 'admin';
}

/** The 403 for a read of a table listed in `deniedTables`, else `undefined`. @internal */
export function deniedRead(
  store: MockDataStore,
  faults: MockFaults,
  table: string,
): Answer | undefined {
  if (faults.deniedTables?.includes(table) !== true) return undefined;
  const role = requiredRole(store, table);
  return {
    ...errorAnswer(
      403,
      'User Not Authorized',
      `Read access to ${table} denied: requires role ${role}`,
    ),
    fault: 'deniedTables',
  };
}

/** The fields `hiddenFields` hides on `table`, or `undefined` when none. @internal */
export function hiddenFieldsOf(faults: MockFaults, table: string): ReadonlySet<string> | undefined {
  const hidden = faults.hiddenFields;
  if (hidden === undefined || !Object.hasOwn(hidden, table)) return undefined;
  const names = hidden[table] ?? [];
  return names.length === 0 ? undefined : new Set(names);
}
