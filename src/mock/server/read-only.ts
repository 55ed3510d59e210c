/**
 * The `readOnly` fault: writes refused with the 403 a write ACL gives.
 *
 * @module
 */
import { type Answer, errorAnswer } from './answers.js';
import type { MockFaults } from './faults.js';

/** The Table API write methods. @internal */
export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const OPERATION: Readonly<Record<WriteMethod, string>> = {
  POST: 'Insert',
  PUT: 'Update',
  PATCH: 'Update',
  DELETE: 'Delete',
};

/** `true` when `method` is one of the Table API write methods. @internal */
export function isWriteMethod(method: string): method is WriteMethod {
  return Object.hasOwn(OPERATION, method);
}

/** The 403 of a write ACL (`Operation Failed`), worded for the method. @internal */
export function aclWriteRefusal(method: WriteMethod): Answer {
  return errorAnswer(
    403,
    'Operation Failed',
    `ACL Exception ${OPERATION[method]} Failed due to security constraints`,
  );
}

/** The 403 when the `readOnly` fault covers a write to `table`, else `undefined`. @internal */
export function deniedWrite(
  faults: MockFaults,
  table: string,
  method: WriteMethod,
): Answer | undefined {
  const readOnly = faults.readOnly;
  if (readOnly === undefined) return undefined;
  if (readOnly !== true && readOnly.table !== undefined) {
    const tables: readonly string[] =
      typeof readOnly.table === 'string' ? [readOnly.table] : readOnly.table;
    if (!tables.includes(table)) return undefined;
  }
  return { ...aclWriteRefusal(method), fault: 'readOnly' };
}
