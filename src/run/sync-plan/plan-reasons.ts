/**
 * The sentences of a plan: why a task reads in full or incrementally, and why it uses so many
 * partitions.
 *
 * @module
 */
import { partitionRanges } from '../../client/index.js';
import type { TaskDefinition } from '../../tasks/index.js';
import type { TaskSelection } from '../pipeline/index.js';
import type { RunPlan } from '../run-plan.js';
import type { PlannedPartitions } from './sync-plan-types.js';

/** Why the task reads as it does. @internal */
export function taskModeReason(
  task: TaskDefinition,
  plan: RunPlan,
  selection: TaskSelection,
): string {
  if (selection.incremental !== undefined) return 'incremental on sys_updated_on';
  if (plan.mode === 'incremental') {
    const why = task.fullReason ?? 'the task is read in full (incremental: false)';
    return why.startsWith('full') ? why : `full: ${why}`;
  }
  if (plan.window !== undefined && task.window !== undefined) {
    return `full: the window ${plan.window.from}..${plan.window.to} on ${task.window}`;
  }
  return "full: the run's mode is 'full' (its whole selection is read)";
}

/** The sys_id ranges the read would use. @internal */
export function plannedPartitions(plan: RunPlan, selection: TaskSelection): PlannedPartitions {
  if (selection.incremental !== undefined) {
    return {
      count: 1,
      ranges: partitionRanges(1),
      reason: 'incremental: one sequence in (sys_updated_on, sys_id) order',
    };
  }
  const count = plan.partitions;
  return {
    count,
    ranges: partitionRanges(count),
    reason:
      count === 1
        ? 'full: one keyset sequence by sys_id'
        : `full: ${count} sys_id ranges read at once`,
  };
}
