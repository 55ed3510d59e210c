/**
 * Reading the execution log back: the runs, newest first, with their tasks.
 *
 * @module
 */
import type { Kysely } from 'kysely';
import type { RunStatus } from '../run/index.js';
import type { SchemaChange } from '../sink/index.js';
import type { ClosedRunStatus } from './close-run.js';
import { type AnyKysely, type LogDatabase, readTimestamp } from './log-schema.js';

/**
 * The status of a logged run: a {@link RunStatus} once it finished, `running` while it lives,
 * `abandoned` when it died and the run that took its lock over closed it, `cancelled` when it
 * was ended by hand (or stopped by its signal).
 */
export type LoggedRunStatus = RunStatus | 'running' | ClosedRunStatus;

/** One task line of a logged run. */
export interface LoggedTask {
  readonly name: string;
  readonly table: string;
  readonly target: string;
  readonly status: string;
  readonly recordsProcessed: number;
  readonly recordsRejected: number;
  readonly apiCalls: number;
  readonly dbOperations: number;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly durationSeconds: number | null;
  readonly errorMessage: string | null;
  /** `full` or `incremental`; null for runs logged by older versions. */
  readonly mode: string | null;
  /** The instance's count for the selection (completeness audit); null when not asked. */
  readonly expectedRecords: number | null;
  /** Rows removed because the records were deleted in ServiceNow. */
  readonly recordsDeleted: number;
  /** What the sink changed in the task's table; empty when nothing did (and on older rows). */
  readonly schemaChanges: readonly SchemaChange[];
}

/** One logged run. Timestamps are UTC `YYYY-MM-DD HH:MM:SS`. */
export interface LoggedRun {
  readonly id: string;
  readonly executionType: string;
  /** The instance read; null for runs logged by older versions or that did not tell it. */
  readonly instance: string | null;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly durationSeconds: number | null;
  readonly status: LoggedRunStatus;
  readonly totalRecordsProcessed: number;
  readonly apiCalls: number;
  readonly dbOperations: number;
  readonly errorMessage: string | null;
  readonly tasks: readonly LoggedTask[];
}

/** Options of {@link readRuns}. */
export interface ReadRunsOptions {
  /** Most runs returned. @default 20 */
  readonly limit?: number;
  /** Only this run. */
  readonly id?: string;
}

/**
 * The logged runs, newest first, each with its tasks; `[]` when the log tables do not exist.
 *
 * @example
 * ```ts
 * const [latest] = await readRuns(db, { limit: 1 });
 * ```
 */
export async function readRuns(
  anyDb: AnyKysely,
  options: ReadRunsOptions = {},
): Promise<LoggedRun[]> {
  const db = anyDb as Kysely<LogDatabase>;
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === 'servicenow_execution_log')) return [];
  let query = db
    .selectFrom('servicenow_execution_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(options.limit ?? 20);
  if (options.id !== undefined) {
    const id = Number(options.id);
    if (!Number.isSafeInteger(id)) return [];
    query = query.where('id', '=', id);
  }
  const runs = await query.execute();
  if (runs.length === 0) return [];
  const ids = runs.map((r) => Number(r.id));
  const tasks = await db
    .selectFrom('servicenow_execution_task')
    .selectAll()
    .where('execution_id', 'in', ids)
    .orderBy('started_at')
    .orderBy('task_name')
    .execute();
  return runs.map((r) => ({
    id: String(r.id),
    executionType: r.execution_type,
    instance: r.instance ?? null,
    startDate: r.start_date === null ? null : String(r.start_date).slice(0, 10),
    endDate: r.end_date === null ? null : String(r.end_date).slice(0, 10),
    startedAt: readTimestamp(r.started_at),
    endedAt: readTimestamp(r.ended_at),
    durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds),
    status: r.status as LoggedRunStatus,
    totalRecordsProcessed: Number(r.total_records_processed),
    apiCalls: Number(r.api_calls),
    dbOperations: Number(r.db_operations),
    errorMessage: r.error_message,
    tasks: tasks
      .filter((t) => Number(t.execution_id) === Number(r.id))
      .map((t) => ({
        name: t.task_name,
        table: t.table_name,
        target: t.target_table,
        status: t.status,
        recordsProcessed: Number(t.records_processed),
        recordsRejected: Number(t.records_rejected),
        apiCalls: Number(t.api_calls),
        dbOperations: Number(t.db_operations),
        startedAt: readTimestamp(t.started_at),
        endedAt: readTimestamp(t.ended_at),
        durationSeconds: t.duration_seconds === null ? null : Number(t.duration_seconds),
        errorMessage: t.error_message,
        mode: t.sync_mode ?? null,
        expectedRecords:
          t.expected_records === null || t.expected_records === undefined
            ? null
            : Number(t.expected_records),
        recordsDeleted: Number(t.records_deleted ?? 0),
        schemaChanges: parseSchemaChanges(t.schema_changes),
      })),
  }));
}

/** The `schema_changes` column read back; `[]` for `NULL` or text that is not a JSON array. */
function parseSchemaChanges(text: string | null | undefined): readonly SchemaChange[] {
  if (text === null || text === undefined || text === '') return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as SchemaChange[]) : [];
  } catch {
    return [];
  }
}
