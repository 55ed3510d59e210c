/**
 * One task from its first request to its last write: the read phase, then the follow-up
 * steps in order, stopping at the first failure.
 *
 * @module
 */
import createDebug from 'debug';
import { cancelReason } from '../cancel-reason.js';
import { followUpSteps } from './follow-up-steps.js';
import { readTask } from './read-task.js';
import type { TaskContext } from './task-context.js';
import { mergeParts, type TaskPart } from './task-part.js';

const debug = createDebug('servicenow-sync:run');

/** How a task's stages ended. @internal */
export interface TaskOutcome {
  /** The parts of the follow-up steps that completed, in order. */
  readonly parts: readonly TaskPart[];
  /** Why the task stopped (a `RunCancelledError` when the run was cancelled); else `undefined`. */
  readonly error?: unknown;
}

/** Runs the task's stages; never throws (a failure is the outcome's `error`). @internal */
export async function syncTask(context: TaskContext): Promise<TaskOutcome> {
  const { signal } = context;
  const parts: TaskPart[] = [];
  try {
    const read = await readTask(context);
    for (const step of followUpSteps(context, read)) parts.push(await step(mergeParts(parts)));
    if (signal.aborted) throw cancelReason(signal);
    return { parts };
  } catch (caught) {
    debug('run %s task %s failed: %O', context.runId, context.taskPlan.task.name, caught);
    return { parts, error: signal.aborted ? cancelReason(signal) : caught };
  }
}
