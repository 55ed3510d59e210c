/**
 * What a dry run ({@link planSync}) reports: per task, how a run would read it, what it would
 * change in the database, and where it would start. The shape is stable: `servicenow-sync plan
 * --json` prints it.
 *
 * @module
 */
import type { PageCursor } from '../../core/index.js';
import type { SchemaChange } from '../../sink/index.js';
import type { TaskColumnRole } from '../../tasks/index.js';
import type { DeleteMode, SyncMode } from '../sync-mode.js';

/** One column of a task's target table, as the plan shows it. */
export interface PlannedColumn {
  /** The column's logical name (the field, or `<field>_display`). */
  readonly name: string;
  /** The ServiceNow field it is read from. */
  readonly field: string;
  /** `key` (`sys_id`), `value`, or `display` (a reference's display value). */
  readonly role: TaskColumnRole;
  /**
   * The column's SQL type in the sink's dialect (`TEXT`, `VARCHAR(40)`, `timestamptz`); the
   * SQLite type when the plan has no sink that names its dialect.
   */
  readonly sqlType: string;
}

/**
 * Where an incremental read starts:
 * - `stored`: the task's watermark in the database, minus the overlap;
 * - `since`: the `since` option (no watermark stored);
 * - `beginning`: the whole selection (no watermark, no `since`);
 * - `none`: a full run reads its selection, not what changed (it leaves a watermark when it
 *   reads the whole selection into a stateful sink).
 */
export type WatermarkSource = 'stored' | 'since' | 'beginning' | 'none';

/** The watermark a task would start from. */
export interface PlannedWatermark {
  readonly source: WatermarkSource;
  /** The watermark stored in the database, when there is one (shown in full runs too). */
  readonly stored: PageCursor | null;
  /** Incremental: `sys_updated_on` the read starts at (UTC); `undefined` from the beginning. */
  readonly from: string | undefined;
  /** Incremental: the bound the read stops before (the plan's time, UTC). */
  readonly until: string | undefined;
}

/** Whether and how a task's deletes would reach the database. */
export interface PlannedDeletes {
  readonly mode: DeleteMode;
  /**
   * `true` when the deletes can be captured (`reconcile`, or a readable `sys_audit_delete`),
   * `false` when they cannot (`none`, or `audit` with `sys_audit_delete` unreadable), `null`
   * when the client cannot tell (no `peek`).
   */
  readonly capturable: boolean | null;
  /** Why, in a sentence. */
  readonly reason: string;
}

/** The sys_id ranges a task's read would use. */
export interface PlannedPartitions {
  /** Ranges read at once (1: one sequence). */
  readonly count: number;
  /** Each half-open range `from <= sys_id < to`; a missing bound is open. */
  readonly ranges: readonly {
    readonly from?: string | undefined;
    readonly to?: string | undefined;
  }[];
  /** Why this many (incremental runs read one `sys_updated_on` sequence). */
  readonly reason: string;
}

/** The plan of one task. */
export interface TaskSyncPlan {
  /** The task's name. */
  readonly name: string;
  /** The ServiceNow table read. */
  readonly table: string;
  /** The target table in the database (its SQL name, prefix included). */
  readonly target: string;
  /** How the task would be read. */
  readonly mode: SyncMode;
  /** Why: `incremental on sys_updated_on`, `full: ...`. */
  readonly modeReason: string;
  /** The encoded query the read and the count would send. */
  readonly query: string;
  /** The instance's row count for that query; `null` when the client cannot count or is refused. */
  readonly count: number | null;
  readonly partitions: PlannedPartitions;
  readonly watermark: PlannedWatermark;
  readonly deletes: PlannedDeletes;
  /** The target table's columns, in order. */
  readonly columns: readonly PlannedColumn[];
  /**
   * The DDL the sink would run against the database as it is now (create / add / widen,
   * shortened names); `undefined` when the sink cannot plan it (no `planPrepare`) or there is no
   * sink.
   */
  readonly schemaChanges: readonly SchemaChange[] | undefined;
}

/** What {@link planSync} answers. */
export interface SyncPlanReport {
  /** The run's mode (a job's default applied). */
  readonly mode: SyncMode;
  /** The dialect of the sink's database, when the sink names one. */
  readonly dialect: string | undefined;
  /** When the plan was made (UTC `YYYY-MM-DD HH:MM:SS`): the incremental upper bound. */
  readonly plannedAt: string;
  /** Every task, in the run's order. */
  readonly tasks: readonly TaskSyncPlan[];
  /** What a run would warn about (two tasks reading overlapping tables, ...). */
  readonly warnings: readonly string[];
}
