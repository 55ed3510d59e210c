/**
 * The part of a task's result that one follow-up step (completeness audit, full-load
 * watermark, deletes) returns, and their merge.
 *
 * @module
 */
import type { PageCursor } from '../../core/index.js';

/** What one step adds to the task's result; absent keys leave it as it was. @internal */
export interface TaskPart {
  /** The instance's count of the selection (completeness audit). */
  readonly expectedRecords?: number | null;
  /** Rows removed because the records were deleted in ServiceNow. */
  readonly recordsDeleted?: number;
  /** The watermark the step committed. */
  readonly watermark?: PageCursor;
  /** What the run log must show, in order. */
  readonly warnings?: readonly string[];
  /**
   * A clean audit delete pass: the newest `sys_created_on` it read, the checkpoint a later step
   * saves (the next pass starts there, minus the overlap).
   */
  readonly auditedUpTo?: string;
  /** Why the task's deletes were not applied at all (the run warns once for every task). */
  readonly deletesNotApplied?: string;
}

/** The parts of a task, merged in order. @internal */
export interface MergedParts {
  readonly expectedRecords: number | null;
  readonly recordsDeleted: number;
  /** The last watermark a step committed, `undefined` when none did. */
  readonly watermark: PageCursor | undefined;
  readonly warnings: readonly string[];
  readonly auditedUpTo: string | undefined;
  readonly deletesNotApplied: string | undefined;
}

const NOTHING: MergedParts = {
  expectedRecords: null,
  recordsDeleted: 0,
  watermark: undefined,
  warnings: [],
  auditedUpTo: undefined,
  deletesNotApplied: undefined,
};

/** Merges parts in order: a later value replaces an earlier one, warnings add up. @internal */
export function mergeParts(parts: readonly TaskPart[]): MergedParts {
  return parts.reduce<MergedParts>(
    (merged, part) => ({
      expectedRecords:
        part.expectedRecords === undefined ? merged.expectedRecords : part.expectedRecords,
      recordsDeleted: part.recordsDeleted ?? merged.recordsDeleted,
      watermark: part.watermark ?? merged.watermark,
      warnings:
        part.warnings === undefined ? merged.warnings : [...merged.warnings, ...part.warnings],
      auditedUpTo: part.auditedUpTo ?? merged.auditedUpTo,
      deletesNotApplied: part.deletesNotApplied ?? merged.deletesNotApplied,
    }),
    NOTHING,
  );
}
