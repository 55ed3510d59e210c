/**
 * The first stage of a task: the pages of its selection, from the client.
 *
 * @module
 */
import type { Page, TableRecord } from '../../client/index.js';
import type { RunClient } from '../run-options.js';
import type { RunPlan } from '../run-plan.js';
import type { TaskPlan } from './task-plan.js';
import type { TaskSelection } from './task-selection.js';
import type { TaskTally } from './task-tally.js';

/**
 * The pages of the selection: `updated` paging in an incremental run, keyset (partitioned when
 * the run asks) in a full one; every request's attempts counted as API calls. @internal
 */
export function readPages(
  client: RunClient,
  taskPlan: TaskPlan,
  plan: RunPlan,
  selection: TaskSelection,
  signal: AbortSignal,
  tally: TaskTally,
): AsyncIterable<Page<TableRecord>> {
  const { task } = taskPlan;
  return client.paginate(task.table, {
    query: selection.query,
    fields: task.fieldNames,
    displayValue: task.displayValue === 'all' ? 'all' : false,
    pageSize: taskPlan.pageSize,
    signal,
    ...(selection.incremental
      ? { strategy: 'updated' as const }
      : plan.partitions > 1
        ? { partitions: plan.partitions }
        : {}),
    onResponse: (response) => tally.addApiCalls(response.attempts),
  });
}
