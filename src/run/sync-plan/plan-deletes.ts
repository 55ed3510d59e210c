/**
 * Whether a task's deletes can be captured: `reconcile` always can, `audit` when the
 * integration user can read `sys_audit_delete` (one GET of one record tells), `none` never.
 *
 * @module
 */
import { HttpError } from '../../client/index.js';
import type { DeleteMode } from '../sync-mode.js';
import type { PlanClient } from './plan-sync-options.js';
import type { PlannedDeletes } from './sync-plan-types.js';

/** The answer of the `sys_audit_delete` probe: readable, not readable (status), or unknown. */
export type AuditAccess =
  | { readonly readable: true }
  | { readonly readable: false; readonly status: number }
  | { readonly readable: null };

/**
 * One GET of one `sys_audit_delete` record (`sysparm_limit=1`): readable or not. 401 and 403
 * mean not readable; other failures (the instance down, cancellation) throw. @internal
 */
export async function probeAudit(client: PlanClient, signal: AbortSignal): Promise<AuditAccess> {
  if (client.peek === undefined) return { readable: null };
  try {
    await client.peek('sys_audit_delete', { limit: 1, fields: ['sys_id'], signal });
    return { readable: true };
  } catch (error) {
    if (error instanceof HttpError && (error.status === 401 || error.status === 403)) {
      return { readable: false, status: error.status };
    }
    throw error;
  }
}

/** The plan of a task's deletes in `mode`, given the audit's access when `mode` is `audit`. @internal */
export function plannedDeletes(mode: DeleteMode, audit: AuditAccess | undefined): PlannedDeletes {
  if (mode === 'none') {
    return {
      mode,
      capturable: false,
      reason: 'none: deletes are not applied (full runs apply none unless asked)',
    };
  }
  if (mode === 'reconcile') {
    return {
      mode,
      capturable: true,
      reason:
        'reconcile: every sys_id of the selection is read and the rows the instance no longer has are removed',
    };
  }
  if (audit === undefined || audit.readable === null) {
    return { mode, capturable: null, reason: 'audit: sys_audit_delete was not probed' };
  }
  if (audit.readable) {
    return { mode, capturable: true, reason: 'audit: sys_audit_delete is readable' };
  }
  return {
    mode,
    capturable: false,
    reason: `audit: sys_audit_delete is not readable (HTTP ${audit.status}): a run would warn and apply no deletes; grant read access to sys_audit_delete or use deletes 'reconcile'`,
  };
}
