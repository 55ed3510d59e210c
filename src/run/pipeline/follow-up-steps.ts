/**
 * The steps of a task after its rows are read: the completeness audit, the full-load
 * watermark, the deletes and their checkpoint; each returns its part of the task's result.
 *
 * @module
 */
import { auditCompleteness } from './completeness-audit.js';
import { saveFullLoadMark } from './full-load-mark.js';
import type { TaskRead } from './read-task.js';
import type { TaskContext } from './task-context.js';
import { type DeleteStep, deleteRemoved, saveDeletesCheckpoint } from './task-deletes.js';
import type { MergedParts, TaskPart } from './task-part.js';

/** One follow-up step: sees the parts of the steps before it, returns its own. @internal */
export type TaskStep = (done: MergedParts) => Promise<TaskPart>;

/** The follow-up steps that apply to this task, in order. @internal */
export function followUpSteps(context: TaskContext, read: TaskRead): readonly TaskStep[] {
  return [...auditSteps(context, read), ...markSteps(context, read), ...deleteSteps(context, read)];
}

function auditSteps(context: TaskContext, read: TaskRead): TaskStep[] {
  const { options, plan, taskPlan, signal, tally } = context;
  const client = options.client;
  if (!plan.audit || client.count === undefined) return [];
  const query = read.selection.query;
  return [() => auditCompleteness({ client, task: taskPlan.task, query, signal, tally })];
}

function markSteps(context: TaskContext, read: TaskRead): TaskStep[] {
  const { taskPlan, signal, tally } = context;
  const sink = taskPlan.fullLoadMark;
  const updatedOn = read.fullLoadMark;
  // A stalled read did not reach every row updated before the mark.
  if (sink === undefined || updatedOn === undefined || tally.read.stalled) return [];
  return [() => saveFullLoadMark({ sink, task: taskPlan.task, updatedOn, signal, tally })];
}

function deleteSteps(context: TaskContext, read: TaskRead): TaskStep[] {
  const { options, plan, taskPlan, signal, tally } = context;
  const target = taskPlan.deletes;
  if (target === undefined) return [];
  const step: DeleteStep = {
    client: options.client,
    task: taskPlan.task,
    target,
    plan,
    state: read.state,
    signal,
    tally,
  };
  return [() => deleteRemoved(step), (done) => saveDeletesCheckpoint(step, done.auditedUpTo)];
}
