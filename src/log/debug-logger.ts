/**
 * An `ExecutionLogger` that writes to the `debug` package (`servicenow-sync:run`).
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import createDebug from 'debug';
import type { ExecutionLogger } from '../run/index.js';

/** Options of {@link debugLogger}. */
export interface DebugLoggerOptions {
  /**
   * The `debug` namespace written to.
   * @default 'servicenow-sync:run'
   */
  readonly namespace?: string;
}

/**
 * A logger that prints run events through `debug`; enable with `DEBUG=servicenow-sync:*`.
 * Run ids are random UUIDs.
 *
 * @example
 * ```ts
 * await runTasks(tasks, { client, sink, logger: debugLogger() });
 * ```
 */
export function debugLogger(options: DebugLoggerOptions = {}): ExecutionLogger {
  const log = createDebug(options.namespace ?? 'servicenow-sync:run');
  return {
    async runStarted(run) {
      const id = randomUUID();
      const window = run.window ? `${run.window.from}..${run.window.to}` : 'no window';
      log(
        'run %s started: %s (%s), tasks %o',
        id,
        run.executionType,
        window,
        run.tasks.map((t) => t.name),
      );
      return id;
    },
    async taskStarted(runId, task) {
      log('run %s task %s started (%s -> %s)', runId, task.name, task.table, task.target);
    },
    async taskProgress(runId, p) {
      log(
        'run %s task %s: %d records, %d pages, %d api calls',
        runId,
        p.name,
        p.recordsProcessed,
        p.pages,
        p.apiCalls,
      );
    },
    async taskFinished(runId, t) {
      log(
        'run %s task %s %s: %d records (%d rejected), %d api calls, %d db operations, %ss%s',
        runId,
        t.name,
        t.status,
        t.recordsProcessed,
        t.recordsRejected,
        t.apiCalls,
        t.dbOperations,
        t.durationSeconds.toFixed(3),
        t.error ? ` - ${t.error.message}` : '',
      );
    },
    async runFinished(runId, r) {
      log(
        'run %s finished %s: %d records in %ss',
        runId,
        r.status,
        r.totalRecordsProcessed,
        r.durationSeconds.toFixed(3),
      );
    },
  };
}
