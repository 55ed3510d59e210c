/**
 * What every stage of one task shares.
 *
 * @module
 */
import type { RunTasksOptions } from '../run-options.js';
import type { RunPlan } from '../run-plan.js';
import type { TaskPlan } from './task-plan.js';
import type { TaskReporter } from './task-reporter.js';
import type { TaskTally } from './task-tally.js';

/** One task of one run, as its stages see it. @internal */
export interface TaskContext {
  readonly runId: string;
  readonly options: RunTasksOptions;
  readonly plan: RunPlan;
  readonly taskPlan: TaskPlan;
  /** The run's signal: cancels requests and writes. */
  readonly signal: AbortSignal;
  /** The run's frozen upper bound (its start, UTC `YYYY-MM-DD HH:MM:SS`). */
  readonly until: string;
  readonly tally: TaskTally;
  readonly reporter: TaskReporter;
}
