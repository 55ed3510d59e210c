/**
 * Runs a task's transform on a decoded batch through arquero, which is loaded on the first batch
 * that needs it (never for tasks without a transform: it costs ~18 MB of memory).
 *
 * @module
 */
import type { Row, RowValue } from '../fields/index.js';
import type { TaskDefinition } from './define-task.js';
import { TaskDefinitionError } from './task-definition-error.js';

let arquero: Promise<typeof import('arquero')> | undefined;

/**
 * `rows` reshaped by the task's transform (the rows themselves when it has none or the batch is
 * empty): the batch becomes an arquero table, goes through the transform, and comes back as
 * rows. `undefined` cells become `null`. Asynchronous because arquero is loaded on first use.
 *
 * @throws {@link TaskDefinitionError} (the promise rejects) when the transform returns no table
 * or drops `sys_id`.
 *
 * @example
 * ```ts
 * const task = defineTask({
 *   name: 'incidents', table: 'incident',
 *   fields: { number: fields.string(), calendar_stc: fields.integer() },
 *   transform: (t) => t.derive({ calendar_hours: (d) => d.calendar_stc / 3600 }),
 * });
 * await applyTransform(task, rows); // rows with calendar_hours
 * ```
 */
export async function applyTransform(
  task: TaskDefinition,
  rows: readonly Row[],
): Promise<readonly Row[]> {
  const transform = task.transform;
  if (transform === undefined || rows.length === 0) return rows;
  arquero ??= import('arquero');
  const { from } = await arquero;
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
