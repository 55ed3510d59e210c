export {
  InvalidWindowError,
  RunCancelledError,
  RunInProgressError,
  TimeZoneMismatchError,
} from './errors.js';
export type {
  ExecutionLogger,
  ReplacedRun,
  RunStartInfo,
  TaskInfo,
  TaskProgress,
} from './execution-logger.js';
export {
  FilterFieldError,
  PreflightError,
  type PreflightOptions,
  type PreflightSide,
} from './preflight/index.js';
export type { ProgressEvent, TaskCounters } from './progress.js';
export type {
  ReplacedHolder,
  RunLease,
  RunLock,
  RunLockHolder,
  RunLockKey,
  TakeoverReason,
} from './run-lock.js';
export { lockJobOf } from './run-options.js';
export type {
  ErrorSummary,
  RunResult,
  RunStatus,
  RunWindow,
  TaskResult,
  TaskStatus,
} from './run-result.js';
export {
  type RunClient,
  type RunHandle,
  type RunTasksOptions,
  runTasks,
  startRun,
} from './run-tasks.js';
export { type DeleteMode, normalizeSince, type SyncMode } from './sync-mode.js';
export {
  type PlanClient,
  type PlannedColumn,
  type PlannedDeletes,
  type PlannedPartitions,
  type PlannedWatermark,
  type PlanSyncOptions,
  planSync,
  type SyncPlanReport,
  type TaskSyncPlan,
  type WatermarkSource,
} from './sync-plan/index.js';
export { isUtcZone } from './time-zone-guard.js';
export { EARLIEST_WINDOW_DAY, isIsoDay, validateWindow } from './window.js';
