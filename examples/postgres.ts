/**
 * Syncing into PostgreSQL: both built-in jobs into one database, then a report in
 * PostgreSQL's own SQL (SLA breaches per SLA definition, joining `task_sla` to `incident`).
 *
 * Run it against the bundled mock ServiceNow (started for you), with a database you can write:
 *
 *   npx tsx examples/postgres.ts --db postgres://postgres@127.0.0.1:5432/servicenow
 *
 * Without `--db` it reads `SN_DB`, then `SN_TEST_PG_URL`.
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import {
  createDatabase,
  loadConfigurations,
  loadIncidents,
  type RunResult,
  redactUrl,
  ServiceNowClient,
} from 'servicenow-sync';
import { createMockServiceNow } from 'servicenow-sync/mock';

/** Options of {@link postgresExample}. */
export interface PostgresExampleOptions {
  readonly instanceUrl: string;
  readonly username: string;
  readonly password: string;
  /** `postgres://user:pass@host:5432/db`. Tables are created in the connection's schema. */
  readonly databaseUrl: string;
  /** Days whose opened incidents are loaded, both included, UTC. */
  readonly window: { readonly from: string; readonly to: string };
}

/** One line of the SLA report. */
export interface SlaBreachLine {
  /** The SLA definition's name (`contract_sla` display value). */
  readonly sla: string | null;
  readonly slas: number;
  readonly breached: number;
}

/** What {@link postgresExample} did and read back. */
export interface PostgresExampleResult {
  readonly incidents: RunResult;
  readonly configurations: RunResult;
  /** Rows now in each table the two runs wrote. */
  readonly rows: Readonly<Record<string, number>>;
  /** SLAs of the loaded incidents and how many breached, per SLA definition. */
  readonly slaBreaches: readonly SlaBreachLine[];
}

/**
 * Runs the configurations job, then the incidents job (for `window`), into PostgreSQL, and
 * reads an SLA report back. Each job holds its own run lock (the job and the instance, in
 * `servicenow_run_lock`): a second run of the same job against the same instance and database,
 * from this process or another, is refused with `RunInProgressError` while the first is alive.
 */
export async function postgresExample(
  options: PostgresExampleOptions,
): Promise<PostgresExampleResult> {
  const client = new ServiceNowClient({
    instanceUrl: options.instanceUrl,
    auth: { type: 'basic', username: options.username, password: options.password },
  });
  const db = createDatabase(options.databaseUrl, { poolSize: 8 });
  try {
    const configurations = await loadConfigurations({ client, db });
    const incidents = await loadIncidents({ client, db, window: options.window });
    const rows: Record<string, number> = {};
    for (const task of [
      ...Object.values(configurations.tasks),
      ...Object.values(incidents.tasks),
    ]) {
      const row = await db
        .selectFrom(task.target)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      rows[task.target] = Number(row.n);
    }
    const report = await sql<{ sla: string | null; slas: string; breached: string }>`
      select s.sla_display as sla,
             count(*) as slas,
             count(*) filter (where s.has_breached) as breached
        from task_sla s
        join incident i on i.sys_id = s.task
       where i.opened_at between ${`${options.window.from} 00:00:00`}::timestamp
                             and ${`${options.window.to} 23:59:59`}::timestamp
       group by s.sla_display
       order by count(*) desc, s.sla_display`.execute(db);
    const slaBreaches = report.rows.map((r) => ({
      sla: r.sla,
      slas: Number(r.slas),
      breached: Number(r.breached),
    }));
    return { incidents, configurations, rows, slaBreaches };
  } finally {
    await db.destroy();
    await client.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' } } });
  const databaseUrl = values.db ?? process.env.SN_DB ?? process.env.SN_TEST_PG_URL;
  if (databaseUrl === undefined || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    console.error(
      'Give a PostgreSQL URL: npx tsx examples/postgres.ts --db postgres://user:pass@host:5432/db (or set SN_DB / SN_TEST_PG_URL)',
    );
    process.exitCode = 2;
    return;
  }
  const mock = await createMockServiceNow({ seed: 1, scale: 2000 });
  console.log(`Mock ServiceNow on ${mock.url}; writing to ${redactUrl(databaseUrl)}`);
  try {
    const window = { from: '2026-09-01', to: '2026-10-31' };
    const out = await postgresExample({
      instanceUrl: mock.url,
      username: mock.credentials.username,
      password: mock.credentials.password,
      databaseUrl,
      window,
    });
    for (const run of [out.configurations, out.incidents]) {
      console.log(
        `${run.executionType} (execution ${run.id}): ${run.status}, ` +
          `${run.totalRecordsProcessed} records in ${run.durationSeconds.toFixed(1)}s`,
      );
    }
    for (const [table, count] of Object.entries(out.rows)) {
      console.log(`  ${table.padEnd(22)} ${String(count).padStart(6)} rows`);
    }
    console.log(`\nSLA breaches of incidents opened ${window.from}..${window.to}:`);
    console.table(
      out.slaBreaches.map((l) => ({
        ...l,
        breachedPercent: Math.round((100 * l.breached) / l.slas),
      })),
    );
  } finally {
    await mock.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
