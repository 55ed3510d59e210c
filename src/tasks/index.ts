export { applyTransform } from './apply-transform.js';
export * from './catalog/index.js';
export { defineTask, type TaskDefinition } from './define-task.js';
export { defaultDisplayField } from './display-fields.js';
export { defineJob, isJob, type Job, type JobDefinition, type JobMode } from './job.js';
export { createDecoder, decodeRecord, type RecordDecoder } from './record-decoder.js';
export { type RecordRejectedDetails, RecordRejectedError } from './record-rejected-error.js';
export {
  DISPLAY_SUFFIX,
  KEY_SQL_TYPE,
  type TaskColumn,
  type TaskColumnRole,
} from './task-columns.js';
export { TaskDefinitionError, type TaskDefinitionIssue } from './task-definition-error.js';
export type {
  FieldSpec,
  ReferenceOptions,
  TaskOptions,
  TaskQuery,
  TaskTransform,
  TransformTable,
} from './task-options.js';
export { type TaskWindow, type WindowRange, windowRange } from './task-window.js';
export { TOOL_TABLES, toolTableProblem } from './tool-tables.js';
export { yesterdayUtc } from './yesterday-utc.js';
