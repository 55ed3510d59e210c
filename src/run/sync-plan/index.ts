export { planSync } from './plan-sync.js';
export type { PlanClient, PlanSyncOptions } from './plan-sync-options.js';
export type {
  PlannedColumn,
  PlannedDeletes,
  PlannedPartitions,
  PlannedWatermark,
  SyncPlanReport,
  TaskSyncPlan,
  WatermarkSource,
} from './sync-plan-types.js';
