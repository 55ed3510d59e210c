/**
 * What one task of a run does, decided before it starts: how it reads, how many rows go in one
 * write, and which sink view each stage that needs one gets.
 *
 * @module
 */
import type { KeyedSink, StatefulSink } from '../../sink/index.js';
import type { TaskDefinition } from '../../tasks/index.js';
import type { RunPlan } from '../run-plan.js';
import type { DeleteMode } from '../sync-mode.js';

/** Where and how a task's deletes are applied. @internal */
export interface DeleteTarget {
  readonly mode: Exclude<DeleteMode, 'none'>;
  readonly sink: KeyedSink;
}

/** The plan of one task. @internal */
export interface TaskPlan {
  readonly task: TaskDefinition;
  /**
   * Reads what changed since the watermark (`updated` paging), not the selection: in an
   * incremental run, for a task that allows it (`incremental` is not `false`).
   */
  readonly incremental: boolean;
  /** Rows per page. */
  readonly pageSize: number;
  /** Rows per sink write: consecutive pages are grouped up to it (a page is never split). */
  readonly groupRows: number;
  /** The sink the task's state is read from, when a stage needs it. */
  readonly stateSink: StatefulSink | undefined;
  /**
   * A full load of the whole selection into a stateful sink: it leaves a watermark there, so
   * the next incremental run reads only what changed after it.
   */
  readonly fullLoadMark: StatefulSink | undefined;
  /** The task's deletes, when it applies any. */
  readonly deletes: DeleteTarget | undefined;
}

/** The plan of `task` in a run planned as `plan`. @internal */
export function planTask(task: TaskDefinition, plan: RunPlan): TaskPlan {
  const { stateful, keyed } = plan.sinks;
  const incremental = plan.mode === 'incremental' && task.incremental !== false;
  const wholeSelection = plan.window === undefined || task.window === undefined;
  const mode = plan.deletes.get(task.name) ?? 'none';
  const deletes = mode === 'none' || keyed === undefined ? undefined : { mode, sink: keyed };
  const needsState = incremental || mode !== 'none' || wholeSelection;
  return {
    task,
    incremental,
    pageSize: task.pageSize ?? plan.pageSize,
    groupRows: plan.writeGroups.get(task.name) ?? 1,
    stateSink: needsState ? stateful : undefined,
    fullLoadMark:
      !incremental && wholeSelection && task.incremental !== false ? stateful : undefined,
    deletes,
  };
}
