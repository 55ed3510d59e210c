export { syncTask, type TaskOutcome } from './sync-task.js';
export type { TaskContext } from './task-context.js';
export { planTask, type TaskPlan } from './task-plan.js';
export { createTaskReporter, type TaskReporter } from './task-reporter.js';
export { type TaskEnd, taskResultOf } from './task-result-of.js';
export { selectRows, type TaskSelection } from './task-selection.js';
export { TaskTally } from './task-tally.js';
