/**
 * The one voice of a task to the outside: progress events (`onProgress`) and logger calls
 * (`taskStarted`, `taskProgress`, `taskFinished`). A listener or logger failure is a debug
 * line, never the task's.
 *
 * @module
 */
import createDebug from 'debug';
import type { TaskDefinition } from '../../tasks/index.js';
import type { ExecutionLogger } from '../execution-logger.js';
import type { ProgressEvent, TaskCounters } from '../progress.js';
import type { RunTasksOptions } from '../run-options.js';
import type { TaskResult } from '../run-result.js';

const debug = createDebug('servicenow-sync:run');

/** Tells listeners and the logger how a task goes. @internal */
export interface TaskReporter {
  /** The task starts: event, then logger. */
  started(): Promise<void>;
  /** A group of pages went through: event, then logger. */
  progress(counters: TaskCounters): Promise<void>;
  /** The task ended: logger, then event. */
  finished(result: TaskResult): Promise<void>;
}

/** The reporter of one task of run `runId`, which started at `startedAt`. @internal */
export function createTaskReporter(
  runId: string,
  task: TaskDefinition,
  options: Pick<RunTasksOptions, 'logger' | 'onProgress'>,
  startedAt: Date,
): TaskReporter {
  const { name, table } = task;
  const logged = { name, table, target: task.target, startedAt };
  const emit = (event: ProgressEvent): void => {
    try {
      options.onProgress?.(event);
    } catch (listenerError) {
      debug('onProgress listener threw: %O', listenerError);
    }
  };
  const log = async (what: string, call: (logger: ExecutionLogger) => Promise<void>) => {
    if (options.logger === undefined) return;
    try {
      await call(options.logger);
    } catch (logError) {
      debug('run %s task %s: logger.%s failed: %O', runId, name, what, logError);
    }
  };
  return {
    async started() {
      emit({ type: 'taskStarted', task: name, table, at: startedAt });
      await log('taskStarted', (logger) => logger.taskStarted(runId, logged));
    },
    async progress(counters) {
      emit({ type: 'taskProgress', task: name, table, counters: { ...counters }, at: new Date() });
      await log('taskProgress', (logger) => logger.taskProgress(runId, { ...logged, ...counters }));
    },
    async finished(result) {
      await log('taskFinished', (logger) => logger.taskFinished(runId, result));
      emit({ type: 'taskFinished', task: name, table, result, at: result.endedAt });
    },
  };
}
