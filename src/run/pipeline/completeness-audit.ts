/**
 * The completeness audit: after a task read its selection, the instance's count of the same
 * selection, and a warning when the two differ.
 *
 * @module
 */
import type { TaskDefinition } from '../../tasks/index.js';
import type { RunClient } from '../run-options.js';
import { countOrNull } from '../selection-count.js';
import type { TaskPart } from './task-part.js';
import type { TaskTally } from './task-tally.js';

/** What the audit compares. @internal */
export interface AuditInput {
  readonly client: RunClient;
  readonly task: TaskDefinition;
  /** The selection read. */
  readonly query: string;
  readonly signal: AbortSignal;
  readonly tally: TaskTally;
}

/**
 * Asks the instance's count of the selection read (one request) and compares it with the rows
 * read; resolves to the count and, when they differ, the warning that explains it. @internal
 */
export async function auditCompleteness(input: AuditInput): Promise<TaskPart> {
  const { client, task, tally } = input;
  tally.addApiCalls(1);
  const expectedRecords = await countOrNull(client, task.table, input.query, input.signal);
  if (expectedRecords === null) return { expectedRecords };
  const { recordsRead, blankRows } = tally.read;
  const gap = auditGap(recordsRead, expectedRecords, blankRows);
  return gap === undefined ? { expectedRecords } : { expectedRecords, warnings: [gap] };
}

/** The completeness audit's verdict: `undefined` when the rows read match the instance's count. */
function auditGap(read: number, expected: number, blank: number): string | undefined {
  if (read === expected) return undefined;
  if (read < expected) {
    const hidden =
      blank > 0
        ? `${blank} row(s) came back blank: access rules hide them`
        : 'rows hidden by access rules (short pages) or inserted during the run';
    return `Read ${read} of the ${expected} rows the instance counts for this selection (${expected - read} missing): likely ${hidden}. Check the integration user's read access, then re-run.`;
  }
  return `Read ${read} rows but the instance now counts ${expected} for this selection (${read - expected} more): rows changed during the run (updated out of the selection or deleted); the next run catches up.`;
}
