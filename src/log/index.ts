export { type DebugLoggerOptions, debugLogger } from './debug-logger.js';
export {
  KyselyExecutionLogger,
  type KyselyExecutionLoggerOptions,
} from './kysely-execution-logger.js';
export { KyselyRunLock, type KyselyRunLockOptions } from './kysely-run-lock.js';
export type { AnyKysely, ExecutionLogRow, ExecutionTaskRow, RunLockRow } from './log-schema.js';
export { type LoggedRun, type LoggedTask, type ReadRunsOptions, readRuns } from './read-runs.js';
