/**
 * The run's one warning about deletes that could not be read at all (an unreadable
 * `sys_audit_delete`), instead of one per task.
 *
 * @module
 */
import type { TaskResult } from '../run-result.js';

/** The reason a task's deletes were not applied when `sys_audit_delete` answers `status`. @internal */
export function unreadableAudit(status: number): string {
  return `sys_audit_delete is not readable (HTTP ${status})`;
}

/**
 * One warning per reason for the tasks whose deletes were not applied (`deletesNotApplied`),
 * naming those tasks (and their tables, where the names differ) and what to do. None when every task applied its deletes. @internal
 *
 * @example
 * ```ts
 * deletesWarnings(Object.values(result.tasks));
 * // ["sys_audit_delete is not readable (HTTP 403): deletes were not applied to users (sys_user), groups (sys_user_group); ..."]
 * ```
 */
export function deletesWarnings(results: readonly TaskResult[]): string[] {
  const byReason = new Map<string, string[]>();
  for (const result of results) {
    const reason = result.deletesNotApplied;
    if (reason === undefined) continue;
    const tasks = byReason.get(reason) ?? [];
    tasks.push(result.name === result.table ? result.name : `${result.name} (${result.table})`);
    byReason.set(reason, tasks);
  }
  return [...byReason].map(
    ([reason, tasks]) =>
      `${reason}: deletes were not applied to ${tasks.join(', ')}; their rows were copied as usual. Grant the integration user read access to sys_audit_delete, or choose deletes 'reconcile' (reads every key) or 'none' (CLI --deletes reconcile|none).`,
  );
}
