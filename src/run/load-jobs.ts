/**
 * One-call conveniences that wire the Kysely sink and execution logger to the built-in jobs.
 *
 * @module
 */

import { KyselyExecutionLogger } from '../log/kysely-execution-logger.js';
import type { AnyKysely } from '../log/log-schema.js';
import { KyselySink } from '../sink/kysely-sink.js';
import {
  CONFIGURATIONS_JOB_CONCURRENCY,
  configurationsJob,
  INCIDENTS_JOB_CONCURRENCY,
  incidentsJob,
  type JobOptions,
} from '../tasks/catalog/jobs.js';
import type { TaskWindow } from '../tasks/task-window.js';
import type { ProgressEvent } from './progress.js';
import type { RunResult } from './run-result.js';
import { type RunClient, type RunHandle, startRun } from './run-tasks.js';
import { yesterdayUtc } from './window.js';

/** Options of {@link loadIncidents} and {@link loadConfigurations}. */
export interface LoadJobOptions extends JobOptions {
  /** Reads ServiceNow. */
  readonly client: RunClient;
  /** The database written, data and execution log alike (from `createDatabase`, or any Kysely). */
  readonly db: AnyKysely;
  /**
   * Days to load (incidents job). The configurations job ignores it.
   * @default yesterday, in UTC
   */
  readonly window?: TaskWindow;
  /** Tasks at once. @default 4 for incidents, 3 for configurations */
  readonly concurrency?: number;
  /** Prefix of the data tables' names (`sn_` gives `sn_incident`). @default none */
  readonly tablePrefix?: string;
  /** Stops the run; committed batches stay. */
  readonly signal?: AbortSignal;
  /** Progress events. */
  readonly onProgress?: (event: ProgressEvent) => void;
}

function runOptions(options: LoadJobOptions, kind: 'incidents' | 'configurations') {
  const db = options.db;
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
    ...(kind === 'incidents' ? { window: options.window ?? yesterdayUtc() } : {}),
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
 * time) into `db` and resolves with its result.
 */
export async function loadConfigurations(options: LoadJobOptions): Promise<RunResult> {
  return (await startConfigurations(options)).done;
}
