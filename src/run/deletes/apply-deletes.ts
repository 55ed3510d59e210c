/**
 * Deletes: records removed in ServiceNow leave the database, from the `sys_audit_delete`
 * table or by reconciling keys (servicenow-api.md section 7.3).
 *
 * @module
 */
import { deletesFromAudit } from './audit-deletes.js';
import type { DeleteContext, DeleteOutcome } from './delete-context.js';
import { reconcileDeletes } from './reconcile-deletes.js';

/** Applies the task's deletes; throws only on errors that stop the task (network, database). @internal */
export async function applyDeletes(context: DeleteContext): Promise<DeleteOutcome> {
  return context.mode === 'audit' ? deletesFromAudit(context) : reconcileDeletes(context);
}
