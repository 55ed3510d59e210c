/**
 * The delete mode of each task of a run: the `deletes` option checked, and its default
 * (incremental runs into a keyed sink read `sys_audit_delete`; full runs apply none).
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';
import type { TaskDefinition } from '../tasks/index.js';
import type { RunTasksOptions } from './run-options.js';
import type { RunSinks } from './run-sinks.js';
import { type DeleteMode, isDeleteMode, type SyncMode } from './sync-mode.js';

/**
 * The delete mode of a task the `deletes` option does not name: `audit` in an incremental run
 * into a sink that can delete (a `KeyedSink`), else `none`. Full runs read a selection, not
 * what changed, so they apply no deletes unless asked. @internal
 */
export function defaultDeleteMode(mode: SyncMode, sinks: RunSinks): DeleteMode {
  return mode === 'incremental' && sinks.keyed !== undefined ? 'audit' : 'none';
}

/**
 * Each task's delete mode, by task name: the `deletes` option (one mode, or modes by task
 * name), and {@link defaultDeleteMode} where it says nothing. Throws a `ConfigurationError`
 * for a bad option, an unknown task name, or a mode asked of a sink that cannot delete.
 * @internal
 */
export function planDeletes(
  tasks: readonly TaskDefinition[],
  options: RunTasksOptions,
  mode: SyncMode,
  sinks: RunSinks,
): ReadonlyMap<string, DeleteMode> {
  const given = checkDeletes(options, new Set(tasks.map((t) => t.name)));
  const fallback = defaultDeleteMode(mode, sinks);
  const modes = new Map<string, DeleteMode>();
  for (const task of tasks) {
    const chosen = typeof given === 'string' ? given : given?.[task.name];
    if (chosen !== undefined && chosen !== 'none' && sinks.keyed === undefined) {
      throw new ConfigurationError(
        `deletes '${chosen}' (task ${task.name}) needs a sink that keeps state and lists, counts and deletes its keys (a KeyedSink), such as KyselySink`,
        { option: 'deletes' },
      );
    }
    modes.set(task.name, chosen ?? fallback);
  }
  return modes;
}

/** The `deletes` option, checked: one mode, or modes of the run's own tasks. */
function checkDeletes(
  options: RunTasksOptions,
  names: ReadonlySet<string>,
): DeleteMode | Readonly<Record<string, DeleteMode>> | undefined {
  const deletes: unknown = options.deletes;
  if (deletes === undefined || isDeleteMode(deletes)) return deletes;
  if (typeof deletes !== 'object' || deletes === null || Array.isArray(deletes)) {
    throw new ConfigurationError(
      `deletes must be 'none', 'audit', 'reconcile' or modes by task name, received ${JSON.stringify(deletes)}`,
      { option: 'deletes' },
    );
  }
  for (const [name, mode] of Object.entries(deletes)) {
    if (!names.has(name)) {
      throw new ConfigurationError(
        `deletes names an unknown task ${JSON.stringify(name)}; the run's tasks are ${[...names].join(', ')}`,
        { option: 'deletes' },
      );
    }
    if (!isDeleteMode(mode)) {
      throw new ConfigurationError(
        `deletes.${name} must be 'none', 'audit' or 'reconcile', received ${JSON.stringify(mode)}`,
        { option: 'deletes' },
      );
    }
  }
  return deletes as Readonly<Record<string, DeleteMode>>;
}
