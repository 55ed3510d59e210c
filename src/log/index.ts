export type { ClosedRunStatus } from './close-run.js';
export { type DebugLoggerOptions, debugLogger } from './debug-logger.js';
export {
  type CancelRunResult,
  cancelRun,
  type EndByHandOptions,
  type EndByHandResult,
  type UnlockJobOptions,
  unlockJob,
} from './end-by-hand.js';
export {
  KyselyExecutionLogger,
  type KyselyExecutionLoggerOptions,
} from './kysely-execution-logger.js';
export { KyselyRunLock, type KyselyRunLockOptions } from './kysely-run-lock.js';
export type { AnyKysely, ExecutionLogRow, ExecutionTaskRow, RunLockRow } from './log-schema.js';
export { isProcessAlive } from './process-alive.js';
export {
  type LoggedRun,
  type LoggedRunStatus,
  type LoggedTask,
  type ReadRunsOptions,
  readRuns,
} from './read-runs.js';
