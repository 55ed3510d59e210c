/**
 * The transform stage: the task's own `transform` of a page's rows, when it has one.
 *
 * @module
 */
import type { Row } from '../../fields/index.js';
import { applyTransform, type TaskDefinition } from '../../tasks/index.js';

/** The rows after the task's transform (the same rows without one). @internal */
export async function transformRows(task: TaskDefinition, rows: Row[]): Promise<Row[]> {
  if (!task.transform) return rows;
  return (await applyTransform(task, rows)) as Row[];
}
