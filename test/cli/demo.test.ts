/**
 * `servicenow-sync demo` then `servicenow-sync runs`, as a user runs them: the built CLI in a
 * fresh directory, a small demo scale.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createMockData } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, filesIn, runCli, tempDir } from './run-cli.js';

const SCALE = 200;
const dir = tempDir('sn-cli-demo-');
let demo: CliRun;

beforeAll(async () => {
  demo = await runCli(['demo', '--scale', String(SCALE)], { cwd: dir.path });
}, 60_000);
afterAll(() => dir.remove());

let counts: { incident: number; sys_user: number; sys_user_group: number } | undefined;

/** Row counts of the demo's data, generated again here: same default seed, same scale. */
function mockCounts(): { incident: number; sys_user: number; sys_user_group: number } {
  if (counts === undefined) {
    const data = createMockData({ scale: SCALE });
    counts = {
      incident: data.count('incident'),
      // The demo's mock server adds a sys_user row for its integration user.
      sys_user: data.count('sys_user') + 1,
      sys_user_group: data.count('sys_user_group'),
    };
  }
  return counts;
}

describe('demo', () => {
  it('exits 0 and prints a summary naming the database and a query to try', () => {
    expect(demo.code, demo.stderr).toBe(0);
    // Its own file, never the database of real syncs (./servicenow.db).
    const database = join(dir.path, 'servicenow-demo.db');
    expect(demo.stdout).toContain(`Database: ${database} (demo data of mock:demo?seed=1`);
    expect(demo.stdout).toMatch(/incidents \(execution 1\): success/);
    expect(demo.stdout).toMatch(/configurations \(execution 2\): success/);
    expect(demo.stdout).toContain('Try:');
    expect(demo.stdout).toMatch(/sqlite3 .*servicenow-demo\.db "SELECT/);
    // Progress, off a terminal: one line per task start and end, on stderr.
    expect(demo.stderr).toMatch(/started {2}incidents_opened/);
    expect(demo.stderr).toMatch(/success {2}users: \d+ records/);
    expect(filesIn(dir.path)).toContain('servicenow-demo.db');
    expect(filesIn(dir.path)).not.toContain('servicenow.db');
  });

  it('loaded every incident, user and group of the demo data into SQLite', () => {
    const expected = mockCounts();
    const db = new Database(join(dir.path, 'servicenow-demo.db'), { readonly: true });
    try {
      const count = (table: string) =>
        (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
      expect(count('incident')).toBe(expected.incident);
      expect(count('sys_user')).toBe(expected.sys_user);
      expect(count('sys_user_group')).toBe(expected.sys_user_group);
      expect(expected.incident).toBeGreaterThan(0);
      // Display values are filled, not just declared.
      const blank = db
        .prepare(
          `select count(*) as n from incident where assignment_group is not null and assignment_group_display is null`,
        )
        .get() as { n: number };
      expect(blank.n).toBe(0);
      // The summary's row counts are the table's.
      expect(demo.stdout).toMatch(new RegExp(`incident\\s+${expected.incident} rows`));
      expect(demo.stdout).toMatch(new RegExp(`sys_user\\s+${expected.sys_user} rows`));
    } finally {
      db.close();
    }
  });

  it('runs lists the two runs newest first, with a line per task', async () => {
    const run = await runCli(['runs', '--db', 'sqlite:./servicenow-demo.db'], { cwd: dir.path });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    const heads = lines.filter((l) => l.startsWith('#'));
    expect(heads).toHaveLength(2);
    expect(heads[0]).toMatch(/^#2 configurations success/);
    for (const head of heads) expect(head).toMatch(/, mock:demo\?seed=1$/);
    expect(heads[1]).toMatch(/^#1 incidents \d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2} success/);
    const configurationLines = lines.slice(1, lines.indexOf(heads[1] ?? ''));
    // Under each task, what the run changed in its table: the first run created them all.
    const schema = configurationLines.filter((l) => l.startsWith('      schema: '));
    expect(schema).toHaveLength(5);
    expect(schema).toContain('      schema: sys_user: create table');
    const configurationTasks = configurationLines.filter((l) => !schema.includes(l));
    const names = configurationTasks.map((l) => l.trim().split(/\s+/)[0]).sort();
    expect(names).toEqual(['cmdb_ci_network_link', 'companies', 'contract_sla', 'groups', 'users']);
    expect(run.stdout).toMatch(new RegExp(`users\\s+success\\s+${mockCounts().sys_user} records`));
  });

  it('runs --json prints the log as JSON, newest first, with tasks', async () => {
    const run = await runCli(['runs', '--json'], {
      cwd: dir.path,
      env: { SN_DB: 'sqlite:./servicenow-demo.db' },
    });
    expect(run.code, run.stderr).toBe(0);
    const runs = JSON.parse(run.stdout) as {
      id: string;
      executionType: string;
      instance: string | null;
      status: string;
      totalRecordsProcessed: number;
      tasks: { name: string; status: string; recordsProcessed: number }[];
    }[];
    expect(runs.map((r) => [r.id, r.executionType, r.status, r.instance])).toEqual([
      ['2', 'configurations', 'success', 'mock:demo?seed=1'],
      ['1', 'incidents', 'success', 'mock:demo?seed=1'],
    ]);
    expect(runs[0]?.tasks).toHaveLength(5);
    expect(runs[1]?.tasks.map((t) => t.name).sort()).toEqual([
      'incident_sla',
      'incident_task',
      'incidents_opened',
      'task_time_worked',
    ]);
    for (const r of runs) {
      const sum = r.tasks.reduce((total, t) => total + t.recordsProcessed, 0);
      expect(r.totalRecordsProcessed).toBe(sum);
    }
    expect(runs[1]?.tasks.find((t) => t.name === 'incidents_opened')?.recordsProcessed).toBe(
      mockCounts().incident,
    );
  });

  it('runs again into its own file (npm run demo twice in a row), rows upserted', async () => {
    const again = await runCli(['demo', '--scale', String(SCALE), '--quiet'], { cwd: dir.path });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/incidents \(execution 3\): success/);
    expect(again.stdout).toMatch(new RegExp(`incident\\s+${mockCounts().incident} rows`));
  }, 60_000);
});
