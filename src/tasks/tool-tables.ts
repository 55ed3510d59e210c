/**
 * The tables servicenow-sync itself creates and owns in the database; no task may write to one.
 *
 * @module
 */

/**
 * Every table the tool creates beside the tasks' tables: the execution log and its task rows,
 * the run lock, the sync state, and the registries of instance claims and shortened names.
 * A task whose target (with a sink's `tablePrefix`) is one of them is refused.
 *
 * @example
 * ```ts
 * TOOL_TABLES.includes('servicenow_sync_state'); // true
 * ```
 */
export const TOOL_TABLES: readonly string[] = Object.freeze([
  'servicenow_execution_log',
  'servicenow_execution_task',
  'servicenow_run_lock',
  'servicenow_sync_columns',
  'servicenow_sync_state',
  'servicenow_sync_tables',
]);

/**
 * Why `name` cannot be a task's table, or `undefined` when it can.
 *
 * @example
 * ```ts
 * toolTableProblem('servicenow_run_lock'); // '"servicenow_run_lock" is one of the tool's own tables ...'
 * toolTableProblem('incident'); // undefined
 * ```
 */
export function toolTableProblem(name: string): string | undefined {
  if (!TOOL_TABLES.includes(name)) return undefined;
  return `${JSON.stringify(name)} is one of the tool's own tables (${TOOL_TABLES.join(', ')}); writing a task there would corrupt it: choose another target`;
}
