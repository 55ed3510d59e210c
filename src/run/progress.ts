/**
 * Progress events of a run, for progress bars and hosts.
 *
 * @module
 */
import type { TaskResult } from './run-result.js';

/** Counters of a task while it runs. */
export interface TaskCounters {
  readonly recordsProcessed: number;
  readonly recordsRejected: number;
  readonly apiCalls: number;
  readonly dbOperations: number;
  readonly pages: number;
}

/** One event of a run, given to `onProgress`. */
export type ProgressEvent =
  | {
      readonly type: 'taskStarted';
      readonly task: string;
      readonly table: string;
      readonly at: Date;
    }
  | {
      readonly type: 'taskProgress';
      readonly task: string;
      readonly table: string;
      readonly counters: TaskCounters;
      readonly at: Date;
    }
  | {
      readonly type: 'taskFinished';
      readonly task: string;
      readonly table: string;
      readonly result: TaskResult;
      readonly at: Date;
    };
