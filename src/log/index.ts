export { type DebugLoggerOptions, debugLogger } from './debug-logger.js';
export {
  KyselyExecutionLogger,
  type KyselyExecutionLoggerOptions,
} from './kysely-execution-logger.js';
export type { AnyKysely, ExecutionLogRow, ExecutionTaskRow } from './log-schema.js';
export { type LoggedRun, type LoggedTask, type ReadRunsOptions, readRuns } from './read-runs.js';
