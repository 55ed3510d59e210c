/**
 * One task of a run, as a pipeline of named stages: read pages, decode, transform, group and
 * write (with the watermark of the group's last page in incremental mode), then the follow-up
 * steps (completeness count, full-load watermark, deletes), each returning its part of the
 * result. The stages live in `./pipeline/`.
 *
 * @module
 */
import type { TaskDefinition } from '../tasks/index.js';
import {
  createTaskReporter,
  planTask,
  syncTask,
  TaskTally,
  taskResultOf,
} from './pipeline/index.js';
import type { RunTasksOptions } from './run-options.js';
import type { RunPlan } from './run-plan.js';
import type { TaskResult } from './run-result.js';

/** Runs one task to its end; never throws (a failure is the result's `error`). @internal */
export async function runTask(
  runId: string,
  task: TaskDefinition,
  options: RunTasksOptions,
  plan: RunPlan,
  signal: AbortSignal,
  until: string,
): Promise<TaskResult> {
  const startedAt = new Date();
  const reporter = createTaskReporter(runId, task, options, startedAt);
  const taskPlan = planTask(task, plan);
  await reporter.started();
  const tally = new TaskTally();
  const outcome = await syncTask({
    runId,
    options,
    plan,
    taskPlan,
    signal,
    until,
    tally,
    reporter,
  });
  const endedAt = new Date();
  const result = taskResultOf({ task, mode: plan.mode, startedAt, endedAt, tally, outcome });
  await reporter.finished(result);
  return result;
}
