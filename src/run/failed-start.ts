/**
 * A start that fails once the run is registered: the log row is closed as `error` with the
 * reason, so that no `running` row outlives a run that never began.
 *
 * @module
 */
import createDebug from 'debug';
import { summarize } from './error-summary.js';
import type { ExecutionLogger } from './execution-logger.js';
import type { RunPlan } from './run-plan.js';
import type { RunResult } from './run-result.js';

const debug = createDebug('servicenow-sync:run');

/**
 * Tells `logger` that run `id` ended with `error` before any task began (no records, no
 * tasks); a logger that fails too is only reported to the debug log. @internal
 */
export async function closeFailedStart(
  logger: ExecutionLogger | undefined,
  id: string,
  plan: RunPlan,
  startedAt: Date,
  error: unknown,
): Promise<void> {
  if (logger === undefined) return;
  const endedAt = new Date();
  const result: RunResult = {
    id,
    executionType: plan.executionType,
    window: plan.window ? { from: plan.window.from, to: plan.window.to } : null,
    status: 'error',
    startedAt,
    endedAt,
    durationSeconds: (endedAt.getTime() - startedAt.getTime()) / 1000,
    totalRecordsProcessed: 0,
    apiCalls: 0,
    dbOperations: 0,
    tasks: {},
    error: summarize(error),
    mode: plan.mode,
    warnings: [],
  };
  try {
    await logger.runFinished(id, result);
  } catch (closing) {
    debug('run %s: closing the failed start failed: %O', id, closing);
  }
}
