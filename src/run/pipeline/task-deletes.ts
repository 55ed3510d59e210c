/**
 * The delete step of a task: the deletes of its table applied to a keyed sink, and the audit
 * checkpoint saved after a clean pass.
 *
 * @module
 */
import type { SyncState } from '../../sink/index.js';
import type { TaskDefinition } from '../../tasks/index.js';
import { applyDeletes } from '../deletes/index.js';
import type { RunClient } from '../run-options.js';
import type { RunPlan } from '../run-plan.js';
import { minusMinutes } from '../sync-mode.js';
import type { TaskPart } from './task-part.js';
import type { DeleteTarget } from './task-plan.js';
import type { TaskTally } from './task-tally.js';

/** What the delete step works with. @internal */
export interface DeleteStep {
  readonly client: RunClient;
  readonly task: TaskDefinition;
  readonly target: DeleteTarget;
  readonly plan: RunPlan;
  /** The task's state as read at its start (the last deletes checkpoint). */
  readonly state: SyncState | undefined;
  readonly signal: AbortSignal;
  readonly tally: TaskTally;
}

/**
 * Applies the task's deletes; resolves to the rows removed, the pass's warnings and, after a
 * clean audit pass, the checkpoint to save. @internal
 */
export async function deleteRemoved(step: DeleteStep): Promise<TaskPart> {
  const { task, target, plan, signal, tally } = step;
  const checked = step.state?.deletesCheckedAt ?? null;
  const outcome = await applyDeletes({
    client: step.client,
    sink: target.sink,
    task,
    mode: target.mode,
    soft: plan.softDelete,
    since: checked === null ? plan.since : minusMinutes(checked, plan.overlapMinutes),
    signal,
    onApiCalls: (calls) => tally.addApiCalls(calls),
    onDbOperations: (operations) => tally.addDbOperations(operations),
  });
  const part = { recordsDeleted: outcome.deleted, warnings: outcome.warnings };
  if (outcome.notApplied !== undefined) return { ...part, deletesNotApplied: outcome.notApplied };
  const clean = outcome.auditedUpTo !== undefined && outcome.warnings.length === 0;
  return clean ? { ...part, auditedUpTo: outcome.auditedUpTo } : part;
}

/**
 * Saves the audit checkpoint of a clean pass. It follows the instance's clock (the newest audit
 * row read), never this machine's, so a clock difference cannot hide deletes. @internal
 */
export async function saveDeletesCheckpoint(
  step: DeleteStep,
  auditedUpTo: string | undefined,
): Promise<TaskPart> {
  if (auditedUpTo === undefined) return {};
  await step.target.sink.saveState(
    step.task,
    { deletesCheckedAt: auditedUpTo },
    { signal: step.signal },
  );
  step.tally.addDbOperations(1);
  return {};
}
