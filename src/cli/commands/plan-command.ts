/**
 * `servicenow-sync plan`: what `sync` would do with the same targets and flags, without doing
 * it. Only GET requests; the database is read, never written, and a SQLite file that does not
 * exist is not created (the plan is made against an empty in-memory database of the same
 * dialect: every table would be created).
 *
 * @module
 */
import { existsSync } from 'node:fs';
import type { AnyKysely, PlanSyncOptions, SyncPlanReport } from '../../index.js';
import {
  createDatabase,
  discoverClassChain,
  KyselySink,
  parseDatabaseUrl,
  planSync,
  ServiceNowClient,
} from '../../index.js';
import { authFrom, withEnvironment } from '../connection.js';
import { type CliIo, line } from '../io.js';
import { UsageError } from '../usage-error.js';
import { type DiscoveredTable, discoverTasks } from './discovered-tasks.js';
import { shownDatabase } from './existing-database.js';
import { type PlanDatabase, planJsonOf } from './plan-json.js';
import { planText } from './plan-text.js';
import { type SyncFlags, type SyncPlan, syncPlanOf, syncSettingsOf } from './sync-command.js';

/** Flags of the `plan` command: those of `sync` that shape what a run reads. */
export type PlanFlags = Pick<
  SyncFlags,
  | 'instance'
  | 'user'
  | 'password'
  | 'clientId'
  | 'clientSecret'
  | 'token'
  | 'db'
  | 'table'
  | 'fields'
  | 'filter'
  | 'from'
  | 'to'
  | 'incremental'
  | 'full'
  | 'since'
  | 'deletes'
  | 'partitions'
  | 'pageSize'
  | 'tablePrefix'
  | 'json'
>;

/** Runs the command; resolves to the exit code. */
export async function planCommand(
  targets: readonly string[],
  rawFlags: PlanFlags,
  io: CliIo,
): Promise<number> {
  const flags: PlanFlags = { ...rawFlags, ...withEnvironment(rawFlags, io.env) };
  if (flags.instance === undefined)
    throw new UsageError('Missing --instance (or SN_INSTANCE): the instance URL');
  const auth = authFrom(flags);
  const settings = syncSettingsOf(targets, flags);
  const client = new ServiceNowClient({ instanceUrl: flags.instance, auth });
  try {
    const discovered = await discoverTasks(client, settings.request, {
      signal: io.interrupted,
      ...(flags.pageSize === undefined ? {} : { pageSize: flags.pageSize }),
    });
    const plan = syncPlanOf(
      settings,
      discovered.map((d) => d.task),
    );
    const { report, database } = await planAgainstDatabase(plan, client, io.interrupted);
    const chains = await builtInChains(client, report, discovered, io.interrupted);
    printPlan(report, database, discovered, chains, io, Boolean(flags.json));
    return 0;
  } finally {
    await client.close();
  }
}

/** Opens the database read-only in effect (a missing SQLite file: an empty in-memory one), plans. */
async function planAgainstDatabase(
  plan: SyncPlan,
  client: ServiceNowClient,
  signal: AbortSignal,
): Promise<{ report: SyncPlanReport; database: PlanDatabase }> {
  const target = parseDatabaseUrl(plan.db);
  const missing = 'path' in target && target.path !== ':memory:' && !existsSync(target.path);
  const db: AnyKysely = createDatabase(missing ? 'sqlite::memory:' : plan.db);
  try {
    const sink = new KyselySink(db, {
      ...(plan.tablePrefix === undefined ? {} : { tablePrefix: plan.tablePrefix }),
    });
    const { run } = plan;
    const options: PlanSyncOptions = {
      client,
      sink,
      signal,
      ...(run.mode === undefined ? {} : { mode: run.mode }),
      ...(run.since === undefined ? {} : { since: run.since }),
      ...(run.overlapMinutes === undefined ? {} : { overlapMinutes: run.overlapMinutes }),
      ...(run.partitions === undefined ? {} : { partitions: run.partitions }),
      ...(run.deletes === undefined ? {} : { deletes: run.deletes }),
      ...(run.window === undefined ? {} : { window: run.window }),
    };
    const report = await planSync(plan.work, options);
    return {
      report,
      database: { url: shownDatabase(plan.db), dialect: sink.dialect, exists: !missing },
    };
  } finally {
    await db.destroy();
  }
}

/**
 * The class chains of the tables of tasks that were not discovered (built-in tasks), so the plan
 * shows them and finds overlaps with discovered tables; a chain that cannot be read (no right on
 * `sys_db_object`) is left out: the plan then shows `[table]`.
 */
async function builtInChains(
  client: ServiceNowClient,
  report: SyncPlanReport,
  discovered: readonly DiscoveredTable[],
  signal: AbortSignal,
): Promise<Map<string, readonly string[]>> {
  const chains = new Map<string, readonly string[]>();
  const known = new Set(discovered.map((d) => d.task.name));
  for (const task of report.tasks) {
    if (known.has(task.name) || chains.has(task.table)) continue;
    try {
      chains.set(task.table, await discoverClassChain(client, task.table, { signal }));
    } catch (error) {
      if (signal.aborted) throw error;
    }
  }
  return chains;
}

function printPlan(
  report: SyncPlanReport,
  database: PlanDatabase,
  discovered: readonly DiscoveredTable[],
  chains: ReadonlyMap<string, readonly string[]>,
  io: CliIo,
  json: boolean,
): void {
  const document = planJsonOf(report, database, discovered, chains);
  if (json) {
    // Absent values print as null: every key of the documented shape is always there.
    io.stdout.write(`${JSON.stringify(document, (_key, value) => value ?? null, 2)}\n`);
    return;
  }
  for (const text of planText(document)) line(io.stdout, text);
}
