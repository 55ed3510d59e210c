/**
 * The run warning of tasks an incremental run reads in full (`incremental: false`: a table
 * without `sys_updated_on`), so a scheduled incremental sync says why those tables cost a full
 * read each time.
 *
 * @module
 */
import type { TaskDefinition } from '../tasks/index.js';
import type { SyncMode } from './sync-mode.js';

/**
 * One warning per task read in full in an incremental run; none in a full run. @internal
 *
 * @example
 * ```ts
 * fullReadWarnings([rateCard], 'incremental');
 * // ['u_rate_card is read in full in this incremental run: full: the table has no sys_updated_on']
 * ```
 */
export function fullReadWarnings(tasks: readonly TaskDefinition[], mode: SyncMode): string[] {
  if (mode !== 'incremental') return [];
  return tasks
    .filter((task) => task.incremental === false)
    .map((task) => {
      const which = task.name === task.table ? task.name : `${task.name} (${task.table})`;
      const why = task.fullReason ?? 'the task is read in full (incremental: false)';
      return `${which} is read in full in this incremental run: ${why}`;
    });
}
