/**
 * Where a task's read would start: its stored watermark, `since`, or the beginning.
 *
 * @module
 */
import type { SyncState } from '../../sink/index.js';
import type { TaskSelection } from '../pipeline/index.js';
import type { PlannedWatermark } from './sync-plan-types.js';

/** The watermark of a task's plan, from its stored state and its selection. @internal */
export function plannedWatermark(
  state: SyncState | undefined,
  selection: TaskSelection,
): PlannedWatermark {
  const stored = state?.watermark ?? null;
  const incremental = selection.incremental;
  if (incremental === undefined) {
    return { source: 'none', stored, from: undefined, until: undefined };
  }
  const source =
    stored !== null ? 'stored' : incremental.from !== undefined ? 'since' : 'beginning';
  return { source, stored, from: incremental.from, until: incremental.until };
}
