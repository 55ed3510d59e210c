/**
 * The error of an invalid task definition.
 *
 * @module
 */
import { ServiceNowError } from '../core/index.js';

/** One problem of a task definition. */
export interface TaskDefinitionIssue {
  /** Where the problem is, as a dotted path into the options (`fields.opened_at`, `window`). */
  readonly path: string;
  /** What is wrong, naming the value received. */
  readonly message: string;
}

/**
 * `defineTask` received an invalid definition (or a transform produced a column that cannot be
 * stored). Lists every problem, each with its path.
 *
 * @example
 * ```ts
 * try { defineTask({ name: 'Bad Name', table: 'incident', fields: {} }); } catch (error) {
 *   if (error instanceof TaskDefinitionError) for (const i of error.issues) console.log(i.path, i.message);
 * }
 * ```
 */
export class TaskDefinitionError extends ServiceNowError {
  override readonly code: string = 'TASK_DEFINITION_INVALID';
  /** The task name when it was readable. */
  readonly task: string | undefined;
  /** Every problem found. */
  readonly issues: readonly TaskDefinitionIssue[];

  constructor(task: string | undefined, issues: readonly TaskDefinitionIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.path || '(task)'}: ${issue.message}`);
    const label = task === undefined ? 'Invalid task definition' : `Invalid task "${task}"`;
    super(
      `${label} (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    );
    this.task = task;
    this.issues = issues;
  }
}
