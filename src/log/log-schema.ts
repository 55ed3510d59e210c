/**
 * Tables of the execution log (DESIGN.md "Database contract") and their creation per dialect.
 *
 * @module
 */
import { type Generated, type Kysely, sql } from 'kysely';
import { formatUtcDateTime } from '../core/index.js';
import { adapterFor, ensureColumns, readColumns } from '../database/index.js';
import type { SqlDialect } from '../fields/index.js';

/** Row of `servicenow_execution_log`. */
export interface ExecutionLogRow {
  id: Generated<number>;
  execution_type: string;
  start_date: string | null;
  end_date: string | null;
  started_at: string;
  ended_at: string | null;
  duration_seconds: number | null;
  status: string;
  total_records_processed: number;
  api_calls: number;
  db_operations: number;
  error_message: string | null;
  heartbeat_at: string | null;
  /** The token of the run's lock lease (added in 0.2; null on older rows and unlocked runs). */
  lock_owner: string | null;
  /** The instance read (added in 0.2; null on older rows and when the run did not tell it). */
  instance: string | null;
}

/** Row of `servicenow_execution_task`. */
export interface ExecutionTaskRow {
  execution_id: number;
  task_name: string;
  table_name: string;
  target_table: string;
  status: string;
  records_processed: number;
  records_rejected: number;
  api_calls: number;
  db_operations: number;
  started_at: string;
  ended_at: string | null;
  duration_seconds: number | null;
  error_message: string | null;
  /** `full` or `incremental` (added in 0.2; null on older rows). */
  sync_mode: string | null;
  /** The instance's count for the task's selection (completeness audit); null when not asked. */
  expected_records: number | null;
  /** Rows removed because the records were deleted in ServiceNow. */
  records_deleted: number | null;
  /**
   * What the sink changed in the task's table (a JSON array of `SchemaChange`, added in 0.3);
   * null when nothing changed, and on older rows.
   */
  schema_changes: string | null;
}

/** Row of `servicenow_run_lock`: one per job and instance while a run of it is alive. */
export interface RunLockRow {
  job: string;
  /** The normalised instance URL; `''` when the run's client does not tell it. */
  instance: string;
  owner: string;
  /** Host name of the holder's machine. */
  host: string;
  /** Process id of the holder. */
  pid: number;
  execution_id: string | null;
  heartbeat_at: string;
}

/** The log tables as Kysely sees them. */
export interface LogDatabase {
  servicenow_execution_log: ExecutionLogRow;
  servicenow_execution_task: ExecutionTaskRow;
  servicenow_run_lock: RunLockRow;
}

/** UTC `YYYY-MM-DD HH:MM:SS`, the timestamp form stored in every dialect. */
export function utcTimestamp(date: Date): string {
  return formatUtcDateTime(date);
}

/**
 * Reads a timestamp column back as UTC `YYYY-MM-DD HH:MM:SS`, whatever the driver returns
 * (a string, or a `Date` that pg and mysql2 build from a zone-less value in local time).
 */
export function readTimestamp(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    return (
      `${value.getFullYear()}-${p(value.getMonth() + 1)}-${p(value.getDate())} ` +
      `${p(value.getHours())}:${p(value.getMinutes())}:${p(value.getSeconds())}`
    );
  }
  return String(value).slice(0, 19).replace('T', ' ');
}

/**
 * Runs `create` (a `CREATE TABLE IF NOT EXISTS`) and tolerates losing a race with another
 * process creating the same table at the same moment (PostgreSQL then fails with a unique
 * violation on its catalog instead of doing nothing).
 */
async function createTolerant(
  db: Kysely<LogDatabase>,
  table: string,
  create: () => Promise<unknown>,
): Promise<void> {
  try {
    await create();
  } catch (error) {
    const tables = await db.introspection.getTables();
    if (!tables.some((t) => t.name === table)) throw error;
  }
}

/** Creates the two log tables when missing; safe when several runs start at once. */
export async function createLogTables(db: Kysely<LogDatabase>, dialect: SqlDialect): Promise<void> {
  const adapter = adapterFor(dialect);
  const { timestamp: ts, date, double: real, bigint: big, text } = adapter.types;
  const name = text(191);
  // Columns added after the first release: in a new table, and added to an older one.
  const laterRunColumns = [
    { name: 'instance', type: text(255) },
    { name: 'lock_owner', type: text(64) },
  ];
  const laterTaskColumns = [
    { name: 'sync_mode', type: text(16) },
    { name: 'expected_records', type: big },
    { name: 'records_deleted', type: big },
    { name: 'schema_changes', type: adapter.types.longText },
  ];
  await createTolerant(db, 'servicenow_execution_log', () =>
    db.schema
      .createTable('servicenow_execution_log')
      .ifNotExists()
      .addColumn('id', sql.raw(adapter.idColumn.type), adapter.idColumn.define)
      .addColumn('execution_type', sql.raw(name), (c) => c.notNull())
      .addColumn('start_date', sql.raw(date))
      .addColumn('end_date', sql.raw(date))
      .addColumn('started_at', sql.raw(ts), (c) => c.notNull())
      .addColumn('ended_at', sql.raw(ts))
      .addColumn('duration_seconds', sql.raw(real))
      .addColumn('status', sql.raw(text(16)), (c) => c.notNull())
      .addColumn('total_records_processed', sql.raw(big), (c) => c.notNull().defaultTo(0))
      .addColumn('api_calls', sql.raw(big), (c) => c.notNull().defaultTo(0))
      .addColumn('db_operations', sql.raw(big), (c) => c.notNull().defaultTo(0))
      .addColumn('error_message', 'text')
      .addColumn('heartbeat_at', sql.raw(ts))
      .$call((t) =>
        laterRunColumns.reduce((table, c) => table.addColumn(c.name, sql.raw(c.type)), t),
      )
      .execute(),
  );
  await createTolerant(db, 'servicenow_execution_task', () =>
    db.schema
      .createTable('servicenow_execution_task')
      .ifNotExists()
      .addColumn('execution_id', 'integer', (c) => c.notNull())
      .addColumn('task_name', sql.raw(name), (c) => c.notNull())
      .addColumn('table_name', sql.raw(name), (c) => c.notNull())
      .addColumn('target_table', sql.raw(name), (c) => c.notNull())
      .addColumn('status', sql.raw(text(16)), (c) => c.notNull())
      .addColumn('records_processed', sql.raw(big), (c) => c.notNull().defaultTo(0))
      .addColumn('records_rejected', sql.raw(big), (c) => c.notNull().defaultTo(0))
      .addColumn('api_calls', sql.raw(big), (c) => c.notNull().defaultTo(0))
      .addColumn('db_operations', sql.raw(big), (c) => c.notNull().defaultTo(0))
      .addColumn('started_at', sql.raw(ts), (c) => c.notNull())
      .addColumn('ended_at', sql.raw(ts))
      .addColumn('duration_seconds', sql.raw(real))
      .addColumn('error_message', 'text')
      .$call((t) =>
        laterTaskColumns.reduce((table, c) => table.addColumn(c.name, sql.raw(c.type)), t),
      )
      .addPrimaryKeyConstraint('servicenow_execution_task_pk', ['execution_id', 'task_name'])
      .execute(),
  );
  const log = 'servicenow_execution_log';
  await ensureColumns(db, adapter, log, await readColumns(db, adapter, log), laterRunColumns);
  const task = 'servicenow_execution_task';
  await ensureColumns(db, adapter, task, await readColumns(db, adapter, task), laterTaskColumns);
}

/** Creates `servicenow_run_lock` when missing; safe when several runs start at once. */
export async function createRunLockTable(
  db: Kysely<LogDatabase>,
  dialect: SqlDialect,
): Promise<void> {
  const { timestamp, text: textType } = adapterFor(dialect).types;
  const ts = timestamp;
  const text = (length: number) => sql.raw(textType(length));
  await createTolerant(db, 'servicenow_run_lock', () =>
    db.schema
      .createTable('servicenow_run_lock')
      .ifNotExists()
      .addColumn('job', text(191), (c) => c.notNull())
      .addColumn('instance', text(255), (c) => c.notNull())
      .addColumn('owner', text(64), (c) => c.notNull())
      .addColumn('host', text(255), (c) => c.notNull())
      .addColumn('pid', 'integer', (c) => c.notNull())
      .addColumn('execution_id', text(64))
      .addColumn('heartbeat_at', sql.raw(ts), (c) => c.notNull())
      .addPrimaryKeyConstraint('servicenow_run_lock_pk', ['job', 'instance'])
      .execute(),
  );
}

/** A Kysely instance over any schema: the logger only touches its own tables. */
// biome-ignore lint/suspicious/noExplicitAny: user databases have any schema
export type AnyKysely = Kysely<any>;
