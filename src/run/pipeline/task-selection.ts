/**
 * The rows one task reads: its selection (of the run window) in a full run, or what changed
 * since its watermark in an incremental one.
 *
 * @module
 */
import type { SyncState } from '../../sink/index.js';
import type { RunPlan } from '../run-plan.js';
import { type IncrementalPlan, planIncremental } from '../sync-mode.js';
import type { TaskPlan } from './task-plan.js';

/** The encoded query a task reads and counts, and its incremental bounds. @internal */
export interface TaskSelection {
  /** Sent to the instance for the read and the completeness count. */
  readonly query: string;
  /** The incremental bounds; `undefined` in a full run. */
  readonly incremental: IncrementalPlan | undefined;
}

/** The selection of a task, from the task's stored state and the run's frozen upper bound. @internal */
export function selectRows(
  taskPlan: TaskPlan,
  plan: RunPlan,
  state: SyncState | undefined,
  until: string,
): TaskSelection {
  const { task } = taskPlan;
  if (!taskPlan.incremental) return { query: task.buildQuery(plan.window), incremental: undefined };
  const incremental = planIncremental(task, state, {
    overlapMinutes: plan.overlapMinutes,
    until,
    ...(plan.since === undefined ? {} : { since: plan.since }),
  });
  return { query: incremental.query, incremental };
}
