/**
 * One-call conveniences that run the built-in jobs into one database, with its sink, execution
 * log and run lock from {@link connectDatabase}.
 *
 * @module
 */
import type { AnyKysely } from '../log/index.js';
import type { DeleteMode, ProgressEvent, RunResult, SyncMode } from '../run/index.js';
import { type RunClient, type RunHandle, type RunTasksOptions, startRun } from '../run/index.js';
import type { Job, TaskWindow } from '../tasks/index.js';
import { configurationsJob, incidentsJob, type JobOptions } from '../tasks/index.js';
import { connectDatabase } from './connect-database.js';

/** Options of {@link loadIncidents} and {@link loadConfigurations}. */
export interface LoadJobOptions extends JobOptions {
  /** Reads ServiceNow. */
  readonly client: RunClient;
  /** The database written, data and execution log alike (from `createDatabase`, or any Kysely). */
  readonly db: AnyKysely;
  /**
   * The instance's identity, recorded with the tables, their sync state and the log; a database
   * holding another instance's tables is refused (`InstanceMismatchError`).
   * @default the client's `instanceUrl`
   */
  readonly instance?: string;
  /**
   * Days to load (incidents job, full mode). The configurations job ignores it.
   * @default the job's window: yesterday (UTC) for a full run of the incidents job
   */
  readonly window?: TaskWindow;
  /**
   * `full` (the window's incidents, or every configuration row) or `incremental` (what changed
   * since each task's watermark; the first run loads everything, or from `since`).
   * @default the job's mode: 'full' for incidents, 'incremental' for configurations
   */
  readonly mode?: SyncMode;
  /** Incremental mode: where tasks without a watermark start (`YYYY-MM-DD`, UTC). */
  readonly since?: string;
  /** Incremental mode: minutes re-read before each watermark. @default 10 */
  readonly overlapMinutes?: number;
  /** How deleted records reach the database. @default 'none' */
  readonly deletes?: DeleteMode | Readonly<Record<string, DeleteMode>>;
  /** Mark deleted records with `sys_deleted_at` instead of removing them. @default false */
  readonly softDelete?: boolean;
  /** Full mode: sys_id ranges read at once per table. @default 1 */
  readonly partitions?: number;
  /** Refuse the run when the integration user's time zone is not GMT/UTC. @default false */
  readonly strictTimeZone?: boolean;
  /** Tasks at once. @default the job's concurrency: 4 for incidents, 3 for configurations */
  readonly concurrency?: number;
  /** Prefix of the data tables' names (`sn_` gives `sn_incident`). @default none */
  readonly tablePrefix?: string;
  /** Stops the run; committed batches stay. */
  readonly signal?: AbortSignal;
  /** Progress events. */
  readonly onProgress?: (event: ProgressEvent) => void;
}

/** The run's options: the database's parts, and what the caller gave (else the job's defaults). */
function runOptions(options: LoadJobOptions): RunTasksOptions {
  const { client, db, tablePrefix, filters: _filters, pageSize, ...given } = options;
  return {
    ...given,
    client,
    ...connectDatabase(db, tablePrefix === undefined ? {} : { tablePrefix }),
    ...(pageSize === undefined ? {} : { pageSize }),
  };
}

function jobOptions(options: LoadJobOptions): JobOptions {
  return options.filters === undefined ? {} : { filters: options.filters };
}

function start(job: Job, options: LoadJobOptions): Promise<RunHandle> {
  return startRun(job, runOptions(options));
}

/**
 * Starts the incidents job (incidents opened in the window, their SLAs, time worked and
 * incident tasks) into `db`, logged in its execution log; resolves once the run is registered.
 *
 * @example
 * ```ts
 * const run = await startIncidents({ client, db, window: { from: '2026-11-01', to: '2026-11-07' } });
 * console.log('execution', run.id);
 * const result = await run.done;
 * ```
 */
export function startIncidents(options: LoadJobOptions): Promise<RunHandle> {
  return start(incidentsJob(jobOptions(options)), options);
}

/**
 * Starts the configurations job into `db`; resolves once the run is registered. It reads whole
 * tables: a `window` is ignored.
 */
export function startConfigurations(options: LoadJobOptions): Promise<RunHandle> {
  const { window: _ignored, ...rest } = options;
  return start(configurationsJob(jobOptions(options)), rest);
}

/**
 * Runs the incidents job into `db` (window: yesterday in UTC unless given) and resolves with
 * its result.
 *
 * @example
 * ```ts
 * const db = createDatabase('sqlite:./servicenow.db');
 * const result = await loadIncidents({ client, db, window: { from: '2026-11-01', to: '2026-11-01' } });
 * ```
 */
export async function loadIncidents(options: LoadJobOptions): Promise<RunResult> {
  return (await startIncidents(options)).done;
}

/**
 * Runs the configurations job (contract SLAs, groups, companies, users, network links; 3 at a
 * time) into `db` and resolves with its result. It runs incrementally unless `mode: 'full'`:
 * the first run loads every row, later runs what changed since.
 */
export async function loadConfigurations(options: LoadJobOptions): Promise<RunResult> {
  return (await startConfigurations(options)).done;
}
