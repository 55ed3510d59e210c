/**
 * Runs a task's transform on a decoded batch through arquero.
 *
 * @module
 */
import { from } from 'arquero';
import type { Row, RowValue } from '../fields/field-codec.js';
import type { TaskDefinition } from './define-task.js';
import { TaskDefinitionError } from './task-definition-error.js';

/**
 * `rows` reshaped by the task's transform (the rows themselves when it has none or the batch is
 * empty): the batch becomes an arquero table, goes through the transform, and comes back as
 * rows. `undefined` cells become `null`.
 *
 * @throws {@link TaskDefinitionError} when the transform returns no table or drops `sys_id`.
 *
 * @example
 * ```ts
 * const task = defineTask({
 *   name: 'incidents', table: 'incident',
 *   fields: { number: fields.string(), calendar_stc: fields.integer() },
 *   transform: (t) => t.derive({ calendar_hours: (d) => d.calendar_stc / 3600 }),
 * });
 * applyTransform(task, rows); // rows with calendar_hours
 * ```
 */
export function applyTransform(task: TaskDefinition, rows: readonly Row[]): readonly Row[] {
  const transform = task.transform;
  if (transform === undefined || rows.length === 0) return rows;
  const result: unknown = transform(from(rows as Row[]));
  if (
    typeof result !== 'object' ||
    result === null ||
    typeof (result as { objects?: unknown }).objects !== 'function' ||
    typeof (result as { columnNames?: unknown }).columnNames !== 'function'
  ) {
    throw new TaskDefinitionError(task.name, [
      { path: 'transform', message: 'must return an arquero table' },
    ]);
  }
  const table = result as { objects(): object[]; columnNames(): string[] };
  if (!table.columnNames().includes('sys_id')) {
    throw new TaskDefinitionError(task.name, [
      { path: 'transform', message: 'dropped the sys_id column, which the rows are keyed by' },
    ]);
  }
  return table.objects().map((object) => {
    const row = object as Record<string, RowValue | undefined>;
    for (const key in row) if (row[key] === undefined) row[key] = null;
    return row as Row;
  });
}
