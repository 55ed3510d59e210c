/**
 * One-call conveniences that wire the Kysely sink and execution logger to the built-in jobs.
 *
 * @module
 */

import type { AnyKysely } from '../log/index.js';
import { KyselyExecutionLogger } from '../log/index.js';
import type { DeleteMode, ProgressEvent, RunResult, SyncMode } from '../run/index.js';
import {
  type RunClient,
  type RunHandle,
  type RunTasksOptions,
  startRun,
  yesterdayUtc,
} from '../run/index.js';
import { KyselySink } from '../sink/index.js';
import type { TaskWindow } from '../tasks/index.js';
import {
  CONFIGURATIONS_JOB_CONCURRENCY,
  configurationsJob,
  INCIDENTS_JOB_CONCURRENCY,
  incidentsJob,
  type JobOptions,
} from '../tasks/index.js';

/** Options of {@link loadIncidents} and {@link loadConfigurations}. */
export interface LoadJobOptions extends JobOptions {
  /** Reads ServiceNow. */
  readonly client: RunClient;
  /** The database written, data and execution log alike (from `createDatabase`, or any Kysely). */
  readonly db: AnyKysely;
  /**
   * Days to load (incidents job, full mode). The configurations job ignores it.
   * @default yesterday, in UTC
   */
  readonly window?: TaskWindow;
  /**
   * `full` (the window's incidents, or every configuration row) or `incremental` (what changed
   * since each task's watermark; the first run loads everything, or from `since`).
   * @default 'full' for incidents, 'incremental' for configurations
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
  /** Tasks at once. @default 4 for incidents, 3 for configurations */
  readonly concurrency?: number;
  /** Prefix of the data tables' names (`sn_` gives `sn_incident`). @default none */
  readonly tablePrefix?: string;
  /** Stops the run; committed batches stay. */
  readonly signal?: AbortSignal;
  /** Progress events. */
  readonly onProgress?: (event: ProgressEvent) => void;
}

function runOptions(
  options: LoadJobOptions,
  kind: 'incidents' | 'configurations',
): RunTasksOptions {
  const db = options.db;
  const mode = options.mode ?? (kind === 'incidents' ? 'full' : 'incremental');
  return {
    client: options.client,
    sink: new KyselySink(
      db,
      options.tablePrefix === undefined ? {} : { tablePrefix: options.tablePrefix },
    ),
    logger: new KyselyExecutionLogger(db),
    executionType: kind,
    concurrency:
      options.concurrency ??
      (kind === 'incidents' ? INCIDENTS_JOB_CONCURRENCY : CONFIGURATIONS_JOB_CONCURRENCY),
    mode,
    ...(kind === 'incidents' && (mode === 'full' || options.window !== undefined)
      ? { window: options.window ?? yesterdayUtc() }
      : {}),
    ...(options.since === undefined ? {} : { since: options.since }),
    ...(options.overlapMinutes === undefined ? {} : { overlapMinutes: options.overlapMinutes }),
    ...(options.deletes === undefined ? {} : { deletes: options.deletes }),
    ...(options.softDelete === undefined ? {} : { softDelete: options.softDelete }),
    ...(options.partitions === undefined ? {} : { partitions: options.partitions }),
    ...(options.strictTimeZone === undefined ? {} : { strictTimeZone: options.strictTimeZone }),
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
}

function jobOptions(options: LoadJobOptions): JobOptions {
  return options.filters === undefined ? {} : { filters: options.filters };
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
  return startRun(incidentsJob(jobOptions(options)), runOptions(options, 'incidents'));
}

/** Starts the configurations job into `db`; resolves once the run is registered. */
export function startConfigurations(options: LoadJobOptions): Promise<RunHandle> {
  return startRun(configurationsJob(jobOptions(options)), runOptions(options, 'configurations'));
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
