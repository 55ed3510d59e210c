/**
 * `servicenow-sync sync`: run a job or a list of built-in tasks against an instance.
 *
 * @module
 */
import { existsSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Job, RunResult, RunTasksOptions, SyncMode, TaskDefinition } from '../../index.js';
import {
  configurationsJob,
  type DeleteMode,
  isJob,
  type JobOptions,
  normalizeSince,
  parseDatabaseUrl,
  redactUrl,
  ServiceNowClient,
  validateWindow,
} from '../../index.js';
import { authFrom, type ConnectionFlags, DEFAULT_DB, withEnvironment } from '../connection.js';
import { exitCodeOfRuns } from '../exit-codes.js';
import { type CliIo, line } from '../io.js';
import { UsageError } from '../usage-error.js';
import { discoverTasks, discoveryWarnings } from './discovered-tasks.js';
import { type TargetFlags, type TargetRequest, targetRequestOf, workOf } from './sync-targets.js';

/** Flags of the `sync` command. */
export interface SyncFlags extends ConnectionFlags, TargetFlags {
  readonly from?: string;
  readonly to?: string;
  readonly concurrency?: number;
  readonly partitions?: number;
  readonly pageSize?: number;
  readonly batchSize?: number;
  readonly tablePrefix?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly incremental?: boolean;
  readonly full?: boolean;
  readonly since?: string;
  readonly overlap?: number;
  readonly deletes?: DeleteMode;
  readonly softDelete?: boolean;
  readonly strictTimeZone?: boolean;
  /** `--lock-stale`: seconds without a heartbeat after which another host's run counts as dead. */
  readonly lockStale?: number;
}

/** The run options a sync takes from its flags; the job's defaults fill the rest. */
export type SyncRunOptions = Pick<
  RunTasksOptions,
  | 'window'
  | 'mode'
  | 'since'
  | 'overlapMinutes'
  | 'deletes'
  | 'softDelete'
  | 'strictTimeZone'
  | 'partitions'
  | 'concurrency'
  | 'instance'
>;

/** What a sync will do; nothing opened yet. The run checks the rest of its options itself. */
export interface SyncPlan {
  /** A job (one job named), or the task list of the targets. */
  readonly work: Job | readonly TaskDefinition[];
  readonly db: string;
  readonly run: SyncRunOptions;
  /** Rows per database transaction, when set (else the sink's default). */
  readonly batchSize: number | undefined;
  /** The run lock's stale time in milliseconds, when set (else the lock's default). */
  readonly lockStaleAfterMs?: number | undefined;
  /** Prefix of the data tables' names, when set. */
  readonly tablePrefix?: string;
}

/** A sync's settings checked from its flags, before the work is built (and tables discovered). */
export type SyncSettings = Omit<SyncPlan, 'work'> & {
  /** The targets and tables, checked. */
  readonly request: TargetRequest;
  /** The options of the built-in tasks (filters, page size). */
  readonly jobOptions: JobOptions;
};

/** The shortest `--lock-stale`, in seconds: twice the lock's 15-second heartbeat. */
const MIN_LOCK_STALE_SECONDS = 30;

/**
 * Checks the targets and flags into a sync's settings. Throws UsageError for what only the CLI
 * knows (targets, flag syntax and combinations), and lets the library's checks of windows, dates
 * and filters through. Sends nothing: `--table` tables are discovered after it.
 */
export function syncSettingsOf(
  targets: readonly string[],
  flags: SyncFlags,
  defaultDb = DEFAULT_DB,
): SyncSettings {
  const request = targetRequestOf(targets, flags);
  const jobOptions: JobOptions = {
    filters: request.catalogFilters,
    ...(flags.pageSize === undefined ? {} : { pageSize: flags.pageSize }),
  };
  const job = jobOf(request);
  const windowGiven = flags.from !== undefined || flags.to !== undefined;
  const mode: SyncMode | undefined = flags.incremental
    ? 'incremental'
    : flags.full || windowGiven
      ? 'full'
      : job !== undefined
        ? undefined
        : listMode(request);
  checkModeFlags(flags, mode ?? job?.mode ?? 'full');
  if (windowGiven && (flags.from === undefined || flags.to === undefined))
    throw new UsageError('Give both --from and --to (YYYY-MM-DD)');
  const window = windowGiven ? validateWindow({ from: flags.from, to: flags.to }) : undefined;
  const tasks = request.taskNames.length + request.tables.length;
  const concurrency = flags.concurrency ?? (job !== undefined ? undefined : Math.min(tasks, 4));
  return {
    request,
    jobOptions,
    db: checkDb(flags.db ?? defaultDb),
    run: {
      ...(mode === undefined ? {} : { mode }),
      ...(window === undefined ? {} : { window }),
      ...(flags.since === undefined ? {} : { since: normalizeSince(flags.since) }),
      ...(flags.overlap === undefined ? {} : { overlapMinutes: flags.overlap }),
      ...(flags.deletes === undefined ? {} : { deletes: flags.deletes }),
      ...(flags.partitions === undefined ? {} : { partitions: flags.partitions }),
      ...(concurrency === undefined ? {} : { concurrency }),
      softDelete: Boolean(flags.softDelete),
      strictTimeZone: Boolean(flags.strictTimeZone),
    },
    batchSize: flags.batchSize,
    lockStaleAfterMs: lockStaleOf(flags.lockStale),
    ...(flags.tablePrefix === undefined ? {} : { tablePrefix: flags.tablePrefix }),
  };
}

/** The sync of `settings` once its tables are discovered (`discovered`, in `--table` order). */
export function syncPlanOf(
  settings: SyncSettings,
  discovered: readonly TaskDefinition[] = [],
): SyncPlan {
  const { request, jobOptions, ...rest } = settings;
  return { ...rest, work: workOf(request, jobOptions, discovered) };
}

/** The job a sync runs: one job named and no `--table`; else `undefined` (a task list). */
function jobOf(request: TargetRequest): Job | undefined {
  if (request.tables.length > 0 || request.targets.length !== 1) return undefined;
  const work = workOf(request, {});
  return isJob(work) ? work : undefined;
}

/** `--lock-stale` in milliseconds; refused when a live run could look dead between heartbeats. */
function lockStaleOf(seconds: number | undefined): number | undefined {
  if (seconds === undefined) return undefined;
  if (seconds < MIN_LOCK_STALE_SECONDS) {
    throw new UsageError(
      `--lock-stale must be at least ${MIN_LOCK_STALE_SECONDS} seconds (runs refresh their lock every 15 s), received ${seconds}`,
    );
  }
  return seconds * 1000;
}

/**
 * A task list of configuration tables alone syncs as the configurations job does
 * (incrementally: the first run loads everything); any other list, discovered tables included,
 * loads a window or its whole selection (the run's default) unless --incremental.
 */
function listMode(request: TargetRequest): SyncMode | undefined {
  if (request.tables.length > 0) return undefined;
  const configurations = configurationsJob();
  const names = new Set(configurations.tasks.map((t) => t.name));
  return request.taskNames.every((name) => names.has(name)) ? configurations.mode : undefined;
}

/** Flags that only apply to one mode, named as the flags that choose it. */
function checkModeFlags(flags: SyncFlags, mode: SyncMode): void {
  if (mode === 'incremental' && flags.partitions !== undefined && flags.partitions > 1) {
    throw new UsageError(
      '--partitions applies to full runs (add --full): incremental runs read in sys_updated_on order',
    );
  }
  if (mode === 'full' && (flags.since !== undefined || flags.overlap !== undefined)) {
    throw new UsageError('--since and --overlap apply to incremental runs (--incremental)');
  }
}

/** The database URL, refused when it names a SQLite file in a directory that does not exist. */
function checkDb(db: string): string {
  const target = parseDatabaseUrl(db);
  if ('path' in target && target.path !== ':memory:') {
    const directory = dirname(resolve(target.path));
    if (!existsSync(directory))
      throw new UsageError(`--db ${db}: the directory ${directory} does not exist`);
  }
  return db;
}

/** Runs the command; resolves to the exit code. */
export async function syncCommand(
  targets: readonly string[],
  rawFlags: SyncFlags,
  io: CliIo,
): Promise<number> {
  const flags: SyncFlags = { ...rawFlags, ...withEnvironment(rawFlags, io.env) };
  if (flags.instance === undefined)
    throw new UsageError('Missing --instance (or SN_INSTANCE): the instance URL');
  const auth = authFrom(flags);
  const settings = syncSettingsOf(targets, flags);
  const client = new ServiceNowClient({ instanceUrl: flags.instance, auth });
  let plan: SyncPlan;
  try {
    const discovered = await discoverTasks(client, settings.request, {
      signal: io.interrupted,
      ...(flags.pageSize === undefined ? {} : { pageSize: flags.pageSize }),
    });
    plan = syncPlanOf(
      settings,
      discovered.map((d) => d.task),
    );
    for (const warning of discoveryWarnings(discovered)) {
      line(io.stderr, `servicenow-sync: warning: ${warning}`);
    }
  } catch (error) {
    await client.close();
    throw error;
  }
  const result = await runInto(plan, client, io, flags);
  report(result, plan, io, flags);
  return exitCodeOfRuns([result.status], io.interrupted);
}

/** Opens the database, runs, closes; shared by `sync` and `demo`. */
export async function runInto(
  plan: SyncPlan,
  client: ServiceNowClient,
  io: CliIo,
  flags: Pick<SyncFlags, 'quiet' | 'json'>,
): Promise<RunResult> {
  // Loaded here, not at the top: bad usage is reported without loading the database drivers.
  const [{ connectDatabase, createDatabase, runTasks }, progressModule] = await Promise.all([
    import('../../index.js'),
    import('../progress-reporter.js'),
  ]);
  const created = newSqliteFile(plan.db);
  const db = createDatabase(plan.db);
  const progress = progressModule.createProgressReporter(io.stderr, Boolean(flags.quiet));
  let refused = false;
  try {
    return await runTasks(plan.work, {
      client,
      ...connectDatabase(db, {
        ...(plan.batchSize === undefined ? {} : { batchSize: plan.batchSize }),
        ...(plan.lockStaleAfterMs === undefined ? {} : { staleAfterMs: plan.lockStaleAfterMs }),
        ...(plan.tablePrefix === undefined ? {} : { tablePrefix: plan.tablePrefix }),
      }),
      signal: io.interrupted,
      onProgress: progress.onProgress,
      ...plan.run,
    });
  } catch (error) {
    refused = true; // before anything was written: preflight, lock, options
    throw error;
  } finally {
    progress.stop();
    await db.destroy();
    await client.close();
    // A run refused before it wrote anything leaves no empty SQLite file behind.
    if (refused && created !== undefined) removeSqliteFile(created);
  }
}

/** The path of a SQLite file `url` names that does not exist yet; else `undefined`. */
function newSqliteFile(url: string): string | undefined {
  const target = parseDatabaseUrl(url);
  if (!('path' in target) || target.path === ':memory:') return undefined;
  return existsSync(target.path) ? undefined : target.path;
}

function removeSqliteFile(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
}

function report(result: RunResult, plan: SyncPlan, io: CliIo, flags: SyncFlags): void {
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  if (flags.quiet && result.status === 'success') return;
  const window = result.window ? ` ${result.window.from}..${result.window.to}` : '';
  line(
    io.stderr,
    `${result.executionType}${window}: ${result.status}, ${result.totalRecordsProcessed} records in ${result.durationSeconds.toFixed(1)}s (execution ${result.id}, ${redactUrl(plan.db)})`,
  );
  if (result.error) line(io.stderr, `  ${result.error.message}`);
  for (const warning of result.warnings) line(io.stderr, `  warning: ${warning}`);
  for (const task of Object.values(result.tasks)) {
    if (task.error) line(io.stderr, `  ${task.name}: ${task.status} - ${task.error.message}`);
  }
}
