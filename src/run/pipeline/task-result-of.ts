/**
 * A task's result, from what its stages did: the tally, the parts of its follow-up steps and
 * how it ended.
 *
 * @module
 */
import type { TaskDefinition } from '../../tasks/index.js';
import { summarize } from '../error-summary.js';
import { RunCancelledError } from '../errors.js';
import type { ErrorSummary, TaskResult, TaskStatus } from '../run-result.js';
import type { SyncMode } from '../sync-mode.js';
import type { TaskOutcome } from './sync-task.js';
import { mergeParts } from './task-part.js';
import type { TaskTally } from './task-tally.js';

const STALLED_WARNING =
  'Paging stopped on a page of unreadable rows (access rules hide them); later rows could not be reached. Compare with the instance count.';

/** What a task's result is made of. @internal */
export interface TaskEnd {
  readonly task: TaskDefinition;
  readonly mode: SyncMode;
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly tally: TaskTally;
  readonly outcome: TaskOutcome;
}

/** The task's result: counters, what was read, the merged parts, status and error. @internal */
export function taskResultOf(end: TaskEnd): TaskResult {
  const { task, tally, outcome, startedAt, endedAt } = end;
  const counters = tally.counters;
  const read = tally.read;
  const parts = mergeParts(outcome.parts);
  const failed = outcome.error !== undefined;
  const cancelled = outcome.error instanceof RunCancelledError;
  const stalled = read.stalled && !failed;
  const warnings = stalled ? [STALLED_WARNING, ...parts.warnings] : [...parts.warnings];
  const status: TaskStatus = cancelled
    ? 'cancelled'
    : failed
      ? 'error'
      : counters.recordsRejected > 0 || warnings.length > 0
        ? 'partial'
        : 'success';
  // A cancelled task carries no error of its own: the run's `error` holds the one reason.
  const error = cancelled ? undefined : errorOf(outcome, read.stalled, warnings);
  return {
    name: task.name,
    table: task.table,
    target: task.target,
    status,
    recordsProcessed: counters.recordsProcessed,
    recordsRejected: counters.recordsRejected,
    apiCalls: counters.apiCalls,
    dbOperations: counters.dbOperations,
    startedAt,
    endedAt,
    durationSeconds: (endedAt.getTime() - startedAt.getTime()) / 1000,
    rejects: read.rejects,
    mode: end.mode,
    recordsRead: read.recordsRead,
    expectedRecords: parts.expectedRecords,
    recordsDeleted: parts.recordsDeleted,
    watermark: parts.watermark ?? tally.watermark,
    warnings,
    schemaChanges: tally.schemaChanges,
    ...(parts.deletesNotApplied === undefined
      ? {}
      : { deletesNotApplied: parts.deletesNotApplied }),
    ...(error ? { error } : {}),
  };
}

/** The failure, or the reason a task that ran is incomplete; `undefined` for a clean task. */
function errorOf(
  outcome: TaskOutcome,
  stalled: boolean,
  warnings: readonly string[],
): ErrorSummary | undefined {
  if (outcome.error !== undefined) return summarize(outcome.error);
  if (stalled) return { name: 'PagingStalled', message: warnings.join(' ') };
  if (warnings.length > 0) return { name: 'IncompleteTask', message: warnings.join(' ') };
  return undefined;
}
