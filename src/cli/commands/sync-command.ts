/**
 * `servicenow-sync sync`: run a job or a list of built-in tasks against an instance.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { QueryInput, RunResult, TaskWindow } from '../../index.js';
import {
  CONFIGURATIONS_JOB_CONCURRENCY,
  CONFIGURATIONS_JOB_TASKS,
  catalog,
  catalogTasks,
  type DeleteMode,
  INCIDENTS_JOB_CONCURRENCY,
  INCIDENTS_JOB_TASKS,
  normalizeSince,
  parseDatabaseUrl,
  redactUrl,
  ServiceNowClient,
  type SyncMode,
  validateWindow,
  yesterdayUtc,
} from '../../index.js';
import { authFrom, type ConnectionFlags, DEFAULT_DB, withEnvironment } from '../connection.js';
import { type CliIo, line } from '../io.js';
import { UsageError } from '../usage-error.js';

/** Flags of the `sync` command. */
export interface SyncFlags extends ConnectionFlags {
  readonly from?: string;
  readonly to?: string;
  readonly filter?: readonly string[];
  readonly concurrency?: number;
  readonly partitions?: number;
  readonly pageSize?: number;
  readonly batchSize?: number;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly incremental?: boolean;
  readonly full?: boolean;
  readonly since?: string;
  readonly overlap?: number;
  readonly deletes?: DeleteMode;
  readonly softDelete?: boolean;
  readonly strictTimeZone?: boolean;
}

/** What a sync will do, fully validated; nothing opened yet. */
export interface SyncPlan {
  readonly executionType: 'incidents' | 'configurations' | 'tasks';
  readonly taskNames: readonly string[];
  readonly window: TaskWindow | undefined;
  readonly filters: Readonly<Record<string, QueryInput>>;
  readonly concurrency: number;
  readonly db: string;
  /** `full` or `incremental`, with its options. */
  readonly mode: SyncMode;
  readonly since: string | undefined;
  readonly overlapMinutes: number | undefined;
  readonly deletes: DeleteMode;
  readonly softDelete: boolean;
  readonly strictTimeZone: boolean;
  readonly partitions: number;
  /** Rows per database transaction, when set (else the sink's default). */
  readonly batchSize: number | undefined;
}

/** Checks targets, window and filters; throws UsageError. */
export function planSync(
  targets: readonly string[],
  flags: SyncFlags,
  defaultDb = DEFAULT_DB,
): SyncPlan {
  if (targets.length === 0)
    throw new UsageError('Name what to sync: incidents, configurations, or task names');
  const names: string[] = [];
  for (const target of targets) {
    const expanded =
      target === 'incidents'
        ? INCIDENTS_JOB_TASKS
        : target === 'configurations'
          ? CONFIGURATIONS_JOB_TASKS
          : Object.hasOwn(catalog, target)
            ? [target]
            : undefined;
    if (!expanded) {
      throw new UsageError(
        `Unknown job or task ${JSON.stringify(target)}: use incidents, configurations, or ${Object.keys(catalog).join(', ')}`,
      );
    }
    for (const name of expanded) if (!names.includes(name)) names.push(name);
  }
  const executionType =
    targets.length === 1 && (targets[0] === 'incidents' || targets[0] === 'configurations')
      ? targets[0]
      : 'tasks';
  if (flags.incremental && flags.full)
    throw new UsageError('Give --incremental or --full, not both');
  const windowGiven = flags.from !== undefined || flags.to !== undefined;
  if (flags.incremental && windowGiven) {
    throw new UsageError(
      "--incremental takes no --from/--to: it reads what changed since each task's watermark (use --since for a first load)",
    );
  }
  // Configuration tables sync incrementally by default (their first run loads everything);
  // the incidents job and its tasks load a window unless --incremental.
  const configurationOnly = names.every((name) =>
    (CONFIGURATIONS_JOB_TASKS as readonly string[]).includes(name),
  );
  const mode: SyncMode = flags.incremental
    ? 'incremental'
    : flags.full || windowGiven || !configurationOnly
      ? 'full'
      : 'incremental';
  if (mode === 'incremental' && flags.partitions !== undefined && flags.partitions > 1) {
    throw new UsageError(
      '--partitions applies to full runs (add --full): incremental runs read in sys_updated_on order',
    );
  }
  if (mode === 'full' && (flags.since !== undefined || flags.overlap !== undefined)) {
    throw new UsageError('--since and --overlap apply to incremental runs (--incremental)');
  }
  const since = flags.since === undefined ? undefined : checkSince(flags.since);
  let window: TaskWindow | undefined;
  if (windowGiven) {
    if (flags.from === undefined || flags.to === undefined)
      throw new UsageError('Give both --from and --to (YYYY-MM-DD)');
    window = validateWindow({ from: flags.from, to: flags.to });
  } else if (executionType === 'incidents' && mode === 'full') {
    window = yesterdayUtc();
  }
  const filters: Record<string, QueryInput> = {};
  for (const entry of flags.filter ?? []) {
    const at = entry.indexOf('=');
    if (at <= 0 || at === entry.length - 1) {
      throw new UsageError(
        `--filter takes TASK=QUERY (e.g. users=active=true), received ${JSON.stringify(entry)}`,
      );
    }
    const task = entry.slice(0, at);
    if (!names.includes(task)) {
      throw new UsageError(
        `--filter names ${JSON.stringify(task)}, which is not a task of this run (${names.join(', ')})`,
      );
    }
    if (filters[task] !== undefined) throw new UsageError(`--filter is given twice for ${task}`);
    filters[task] = entry.slice(at + 1);
  }
  const concurrency =
    flags.concurrency ??
    (executionType === 'incidents'
      ? INCIDENTS_JOB_CONCURRENCY
      : executionType === 'configurations'
        ? CONFIGURATIONS_JOB_CONCURRENCY
        : Math.min(names.length, 4));
  const db = flags.db ?? defaultDb;
  const target = parseDatabaseUrl(db);
  if (target.dialect === 'sqlite' && target.path !== ':memory:') {
    const directory = dirname(resolve(target.path));
    if (!existsSync(directory))
      throw new UsageError(`--db ${db}: the directory ${directory} does not exist`);
  }
  return {
    executionType,
    taskNames: names,
    window,
    filters,
    concurrency,
    db,
    mode,
    since,
    overlapMinutes: flags.overlap,
    deletes: flags.deletes ?? 'none',
    softDelete: Boolean(flags.softDelete),
    strictTimeZone: Boolean(flags.strictTimeZone),
    partitions: checkPartitions(flags.partitions),
    batchSize: flags.batchSize,
  };
}

function checkPartitions(partitions: number | undefined): number {
  if (partitions === undefined) return 1;
  if (partitions > 16) throw new UsageError(`--partitions must be 1 to 16, received ${partitions}`);
  return partitions;
}

function checkSince(since: string): string {
  try {
    return normalizeSince(since);
  } catch {
    throw new UsageError(
      `--since must be a real date written YYYY-MM-DD, received ${JSON.stringify(since)}`,
    );
  }
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
  const plan = planSync(targets, flags);
  const tasks = catalogTasks(plan.taskNames, {
    filters: plan.filters,
    ...(flags.pageSize === undefined ? {} : { pageSize: flags.pageSize }),
  });
  const client = new ServiceNowClient({ instanceUrl: flags.instance, auth });
  const result = await runInto(plan, tasks, client, io, flags);
  report(result, plan, io, flags);
  return result.status === 'success' ? 0 : 1;
}

/** Opens the database, runs, closes; shared by `sync` and `demo`. */
export async function runInto(
  plan: SyncPlan,
  tasks: ReturnType<typeof catalogTasks>,
  client: ServiceNowClient,
  io: CliIo,
  flags: Pick<SyncFlags, 'quiet' | 'json'>,
): Promise<RunResult> {
  // Loaded here, not at the top: bad usage is reported without loading the database drivers.
  const [
    { createDatabase },
    { KyselySink },
    { KyselyExecutionLogger },
    { runTasks },
    progressModule,
  ] = await Promise.all([
    import('../../index.js'),
    import('../../index.js'),
    import('../../index.js'),
    import('../../index.js'),
    import('../progress-reporter.js'),
  ]);
  const db = createDatabase(plan.db);
  const progress = progressModule.createProgressReporter(io.stderr, Boolean(flags.quiet));
  try {
    return await runTasks(tasks, {
      client,
      sink: new KyselySink(db, plan.batchSize === undefined ? {} : { batchSize: plan.batchSize }),
      logger: new KyselyExecutionLogger(db),
      executionType: plan.executionType,
      concurrency: plan.concurrency,
      signal: io.interrupted,
      onProgress: progress.onProgress,
      mode: plan.mode,
      deletes: plan.deletes,
      softDelete: plan.softDelete,
      strictTimeZone: plan.strictTimeZone,
      partitions: plan.partitions,
      ...(plan.window === undefined ? {} : { window: plan.window }),
      ...(plan.since === undefined ? {} : { since: plan.since }),
      ...(plan.overlapMinutes === undefined ? {} : { overlapMinutes: plan.overlapMinutes }),
    });
  } finally {
    progress.stop();
    await db.destroy();
    await client.close();
  }
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
  for (const warning of result.warnings) line(io.stderr, `  warning: ${warning}`);
  for (const task of Object.values(result.tasks)) {
    if (task.error) line(io.stderr, `  ${task.name}: ${task.status} - ${task.error.message}`);
  }
}
