/**
 * Basic library use: a `ServiceNowClient`, the built-in incidents job into a SQLite file with
 * `loadIncidents`, then a query on what was loaded.
 *
 * Run it against the bundled mock ServiceNow (started for you):
 *
 *   npx tsx examples/basic.ts [--db ./basic-example.db]
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createDatabase,
  loadIncidents,
  query,
  type RunResult,
  readRuns,
  ServiceNowClient,
} from 'servicenow-sync';
import { createMockServiceNow } from 'servicenow-sync/mock';

/** Where to read: an instance (or the mock) and a basic-auth user. */
export interface ExampleConnection {
  /** `https://acme.service-now.com`, or the mock's `url`. */
  readonly instanceUrl: string;
  readonly username: string;
  readonly password: string;
}

/** Options of {@link basicExample}. */
export interface BasicExampleOptions extends ExampleConnection {
  /** The SQLite file written (created when missing). */
  readonly databaseFile: string;
  /** Days whose opened incidents are loaded, both included, UTC. */
  readonly window: { readonly from: string; readonly to: string };
}

/** What {@link basicExample} found and did. */
export interface BasicExampleResult {
  /** Incidents the instance says were opened in the window (Stats API), asked before loading. */
  readonly instanceCount: number;
  /** The run: status and per-task counts. */
  readonly result: RunResult;
  /** Rows now in each table the run wrote. */
  readonly rows: Readonly<Record<string, number>>;
  /** The five groups with most incidents in the window, with their mean resolution time. */
  readonly topGroups: readonly {
    readonly group: string | null;
    readonly incidents: number;
    readonly avgResolutionHours: number | null;
  }[];
  /** The execution log row of the run, as `servicenow-sync runs` shows it. */
  readonly logStatus: string | undefined;
}

/**
 * Loads the incidents opened in `window` (with their SLAs, time worked and incident tasks) into
 * a SQLite file, and reads a small report back.
 */
export async function basicExample(options: BasicExampleOptions): Promise<BasicExampleResult> {
  const client = new ServiceNowClient({
    instanceUrl: options.instanceUrl,
    auth: { type: 'basic', username: options.username, password: options.password },
  });
  const db = createDatabase(`sqlite:${options.databaseFile}`);
  try {
    // The builder writes dates as UTC literals, the form ServiceNow reads as UTC.
    const opened = query()
      .onOrAfter('opened_at', new Date(`${options.window.from}T00:00:00Z`))
      .onOrBefore('opened_at', new Date(`${options.window.to}T23:59:59Z`));
    const instanceCount = await client.count('incident', opened);

    const result = await loadIncidents({ client, db, window: options.window });

    const rows: Record<string, number> = {};
    for (const task of Object.values(result.tasks)) {
      const row = await db
        .selectFrom(task.target)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      rows[task.target] = Number(row.n);
    }

    const groups = await db
      .selectFrom('incident')
      .select((eb) => [
        'assignment_group_display',
        eb.fn.countAll<number>().as('incidents'),
        eb.fn.avg<number>('calendar_stc').as('avg_stc'),
      ])
      .groupBy('assignment_group_display')
      .orderBy('incidents', 'desc')
      .orderBy('assignment_group_display')
      .limit(5)
      .execute();
    const topGroups = groups.map((g) => ({
      group: g.assignment_group_display === null ? null : String(g.assignment_group_display),
      incidents: Number(g.incidents),
      avgResolutionHours: g.avg_stc === null ? null : Math.round(Number(g.avg_stc) / 360) / 10,
    }));

    const [logged] = await readRuns(db, { id: result.id });
    return { instanceCount, result, rows, topGroups, logStatus: logged?.status };
  } finally {
    await db.destroy();
    await client.close();
  }
}

/** Starts the mock, runs the example for October 2026, prints what happened. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string', default: 'basic-example.db' } },
  });
  const databaseFile = values.db;
  const mock = await createMockServiceNow({ seed: 1, scale: 2000 });
  console.log(`Mock ServiceNow on ${mock.url}`);
  try {
    const window = { from: '2026-10-01', to: '2026-10-31' };
    const out = await basicExample({
      instanceUrl: mock.url,
      username: mock.credentials.username,
      password: mock.credentials.password,
      databaseFile,
      window,
    });
    console.log(
      `\nIncidents opened ${window.from}..${window.to}: ${out.instanceCount} on the instance`,
    );
    console.log(
      `Run ${out.result.id}: ${out.result.status} in ${out.result.durationSeconds.toFixed(1)}s, ` +
        `${out.result.apiCalls} API calls (logged as ${out.logStatus})`,
    );
    for (const [table, count] of Object.entries(out.rows)) {
      console.log(`  ${table.padEnd(18)} ${String(count).padStart(6)} rows`);
    }
    console.log('\nBusiest assignment groups:');
    console.table(out.topGroups);
    console.log(`\nThe data is in ${databaseFile}; try: sqlite3 ${databaseFile} '.tables'`);
  } finally {
    await mock.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
