/**
 * Runs a task's transform on a decoded batch through arquero, which is loaded on the first batch
 * that needs it (never for tasks without a transform: it costs ~18 MB of memory). arquero is an
 * optional peer dependency: installed only by those who write transforms.
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';
import type { Row, RowValue } from '../fields/index.js';
import type { TaskDefinition } from './define-task.js';
import { TaskDefinitionError } from './task-definition-error.js';
import type { TransformTable } from './task-options.js';

/** What is used of arquero: its table from row objects. */
interface Arquero {
  from(rows: object[]): TransformTable;
}

let arquero: Promise<Arquero> | undefined;

/** arquero, loaded once; a `ConfigurationError` saying how to install it when it is missing. */
function loadArquero(task: TaskDefinition): Promise<Arquero> {
  arquero ??= import('arquero').then(
    (module) => module as Arquero,
    (error: unknown) => {
      arquero = undefined; // an install made meanwhile is found by the next batch
      throw isMissing(error)
        ? new ConfigurationError(
            `Task ${task.name} has a transform, which needs arquero, an optional peer dependency of servicenow-sync: install it with "npm install arquero"`,
            { option: 'transform', cause: error },
          )
        : error;
    },
  );
  return arquero;
}

/** True for Node's "module not found" errors (ESM and CommonJS codes). */
function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/**
 * `rows` reshaped by the task's transform (the rows themselves when it has none or the batch is
 * empty): the batch becomes an arquero table, goes through the transform, and comes back as
 * rows. `undefined` cells become `null`. Asynchronous because arquero is loaded on first use.
 *
 * @throws {@link TaskDefinitionError} (the promise rejects) when the transform returns no table
 * or drops `sys_id`; `ConfigurationError` when arquero is not installed.
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
  const { from } = await loadArquero(task);
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
