/**
 * `servicenow-sync demo`: the mock server with demo data, both jobs into SQLite, a summary.
 *
 * @module
 */
import { sql } from 'kysely';
import type { RunResult } from '../../index.js';
import { createDatabase, parseDatabaseUrl, ServiceNowClient } from '../../index.js';
import { createMockServiceNow } from '../../mock/index.js';
import { DEFAULT_DEMO_DB } from '../connection.js';
import { exitCodeOfRuns } from '../exit-codes.js';
import { type CliIo, line } from '../io.js';
import { checkDemoDatabase, demoInstance } from './demo-guard.js';
import { shownDatabase } from './existing-database.js';
import { runInto, type SyncPlan, syncPlanOf, syncSettingsOf } from './sync-command.js';

/** Flags of the `demo` command. */
export interface DemoFlags {
  readonly db?: string;
  readonly seed?: number;
  readonly scale?: number;
  readonly quiet?: boolean;
  readonly json?: boolean;
}

/** The demo data covers the year before 2026-11-01. */
const DEMO_WINDOW = { from: '2025-11-01', to: '2026-10-31' } as const;

/** Runs the demo; resolves to the exit code. */
export async function demoCommand(flags: DemoFlags, io: CliIo): Promise<number> {
  const url = flags.db ?? DEFAULT_DEMO_DB;
  parseDatabaseUrl(url);
  // The mock listens on a new port each time: the demo's identity is its seed, not its URL.
  const instance = demoInstance(flags.seed);
  const asDemo = (plan: SyncPlan): SyncPlan => ({ ...plan, run: { ...plan.run, instance } });
  const incidents = asDemo(
    syncPlanOf(
      syncSettingsOf(['incidents'], { from: DEMO_WINDOW.from, to: DEMO_WINDOW.to, db: url }),
    ),
  );
  const configurations = asDemo(syncPlanOf(syncSettingsOf(['configurations'], { db: url })));
  const targets = [incidents, configurations].flatMap((plan) =>
    [...plan.work].map((task) => task.target),
  );
  await checkDemoDatabase(url, instance, targets);
  const started = Date.now();
  const mock = await createMockServiceNow({
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(flags.scale === undefined ? {} : { scale: flags.scale }),
  });
  const results: RunResult[] = [];
  try {
    if (!flags.quiet && !flags.json) line(io.stderr, `Mock ServiceNow started on ${mock.url}`);
    for (const plan of [incidents, configurations]) {
      if (io.interrupted.aborted) break;
      const client = new ServiceNowClient({
        instanceUrl: mock.url,
        auth: {
          type: 'basic',
          username: mock.credentials.username,
          password: mock.credentials.password,
        },
      });
      results.push(await runInto(plan, client, io, flags));
    }
  } finally {
    await mock.close();
  }
  const ok = results.length === 2 && results.every((r) => r.status === 'success');
  const code = exitCodeOfRuns(
    results.map((r) => r.status),
    io.interrupted,
    2,
  );
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return code;
  }
  const counts = await countRows(url, results);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const where = shownDatabase(url);
  line(io.stdout, `servicenow-sync demo: ${ok ? 'done' : 'finished with errors'} in ${seconds}s`);
  line(io.stdout, `Database: ${where} (demo data of ${instance}; real syncs write elsewhere)`);
  for (const r of results) {
    line(io.stdout, `  ${r.executionType} (execution ${r.id}): ${r.status}`);
    for (const t of Object.values(r.tasks)) {
      const rows = counts.get(t.target);
      line(
        io.stdout,
        `    ${t.target.padEnd(22)} ${String(rows ?? '?').padStart(7)} rows   (${t.recordsProcessed} read in ${t.durationSeconds.toFixed(1)}s)${t.error ? ` - ${t.error.message}` : ''}`,
      );
    }
  }
  if (url.startsWith('sqlite:')) {
    line(io.stdout, '');
    line(io.stdout, 'Try:');
    line(
      io.stdout,
      `  sqlite3 ${where} "SELECT assignment_group_display, count(*) AS incidents, round(avg(calendar_stc)/3600.0, 1) AS avg_hours FROM incident GROUP BY 1 ORDER BY 2 DESC LIMIT 5"`,
    );
    line(io.stdout, '  npx servicenow-sync runs');
  }
  return code;
}

async function countRows(url: string, results: readonly RunResult[]): Promise<Map<string, number>> {
  const db = createDatabase(url);
  const counts = new Map<string, number>();
  try {
    for (const r of results) {
      for (const t of Object.values(r.tasks)) {
        const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(t.target)}`
          .execute(db)
          .catch(() => undefined);
        if (row?.rows[0]) counts.set(t.target, Number(row.rows[0].n));
      }
    }
  } finally {
    await db.destroy();
  }
  return counts;
}
