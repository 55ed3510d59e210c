/**
 * The demo/real separation and `state` through the built CLI: a mock stands in for a real
 * instance; the demo refuses its database, a real sync refuses the demo's, both with exit 2 and
 * nothing written; `state` shows each task's watermark and instance, `state reset` clears one.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesIn, mockFlags, runCli, tempDir } from './run-cli.js';

const dir = tempDir('sn-cli-instance-');
let real: MockServiceNow;

beforeAll(async () => {
  real = await createMockServiceNow({ seed: 12, scale: 40 });
});
afterAll(async () => {
  await real?.close();
  dir.remove();
});

const cli = (args: readonly string[]) => runCli(args, { cwd: dir.path });

/** Row counts of the SQLite file's tables (absent tables left out). */
function counts(file: string): Record<string, number> {
  const db = new Database(join(dir.path, file), { readonly: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n,
      ]),
    );
  } finally {
    db.close();
  }
}

interface StateJson {
  task: string;
  targetTable: string;
  table: string;
  instance: string | null;
  watermark: { updatedOn: string; sysId: string } | null;
  deletesCheckedAt: string | null;
  updatedAt: string;
}

describe('one database, one instance (CLI)', () => {
  it("refuses the demo in a real instance's database: exit 2, nothing written", async () => {
    const sync = await cli(['sync', 'users', 'groups', ...mockFlags(real), '--quiet']);
    expect(sync.code, sync.stderr).toBe(0);
    const before = counts('servicenow.db');
    const demo = await cli(['demo', '--db', 'sqlite:./servicenow.db', '--scale', '40']);
    expect(demo.code, demo.stderr).toBe(2);
    expect(demo.stderr).toContain(`holds data of ${real.url}, not of mock:demo?seed=1`);
    expect(demo.stderr).toContain('pass another --db');
    expect(demo.stderr.trim().split('\n')).toHaveLength(1);
    expect(counts('servicenow.db')).toEqual(before);
    expect(before.incident).toBeUndefined();
  }, 60_000);

  it('refuses the demo in a database written before instances were recorded', async () => {
    const old = new Database(join(dir.path, 'old.db'));
    old.exec("create table incident (sys_id text primary key); insert into incident values ('a')");
    old.close();
    const demo = await cli(['demo', '--db', 'sqlite:./old.db', '--scale', '40']);
    expect(demo.code, demo.stderr).toBe(2);
    expect(demo.stderr).toContain(
      'holds data written before instances were recorded (table incident)',
    );
    expect(counts('old.db')).toEqual({ incident: 1 });
  }, 60_000);

  it("refuses a real sync into the demo's database: exit 2, nothing written", async () => {
    const demo = await cli(['demo', '--scale', '40', '--quiet']);
    expect(demo.code, demo.stderr).toBe(0);
    expect(filesIn(dir.path)).toContain('servicenow-demo.db');
    const before = counts('servicenow-demo.db');
    const sync = await cli([
      'sync',
      'users',
      ...mockFlags(real),
      '--db',
      'sqlite:./servicenow-demo.db',
    ]);
    expect(sync.code, sync.stderr).toBe(2);
    expect(sync.stderr).toContain(
      `Table sys_user holds data of mock:demo?seed=1, not of ${real.url} (the instance of this run); nothing was written.`,
    );
    expect(sync.stderr).toContain('--table-prefix');
    expect(counts('servicenow-demo.db')).toEqual(before);
    // Under a prefix of its own, the same database takes the other instance.
    const prefixed = await cli([
      'sync',
      'users',
      ...mockFlags(real),
      '--db',
      'sqlite:./servicenow-demo.db',
      '--table-prefix',
      'real_',
      '--quiet',
    ]);
    expect(prefixed.code, prefixed.stderr).toBe(0);
    expect(counts('servicenow-demo.db').real_sys_user).toBe(real.data.count('sys_user'));
  }, 60_000);

  it("state shows each task's watermark and instance, text and JSON", async () => {
    const text = await cli(['state']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`users (sys_user -> sys_user) ${real.url}`);
    expect(text.stdout).toContain(`groups (sys_user_group -> sys_user_group) ${real.url}`);
    expect(text.stdout).toMatch(
      /watermark \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, sys_id [0-9a-f]{32}/,
    );
    const json = await runCli(['state', '--json'], {
      cwd: dir.path,
      env: { SN_DB: 'sqlite:./servicenow-demo.db' },
    });
    expect(json.code, json.stderr).toBe(0);
    const states = JSON.parse(json.stdout) as StateJson[];
    expect(states.map((s) => [s.task, s.targetTable, s.instance])).toEqual([
      ['cmdb_ci_network_link', 'cmdb_ci_network_link', 'mock:demo?seed=1'],
      ['companies', 'core_company', 'mock:demo?seed=1'],
      ['contract_sla', 'contract_sla', 'mock:demo?seed=1'],
      ['groups', 'sys_user_group', 'mock:demo?seed=1'],
      ['users', 'real_sys_user', real.url],
      ['users', 'sys_user', 'mock:demo?seed=1'],
    ]);
    const missing = await cli(['state', '--db', 'sqlite:./missing.db']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No database at .*missing\.db/);
    expect(filesIn(dir.path)).not.toContain('missing.db');
  }, 60_000);

  it('state reset clears the named watermarks; the next run reads everything', async () => {
    const unknown = await cli(['state', 'reset', 'users', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown task "nope"');
    expect(unknown.stderr).toContain('the tasks with a sync state are groups, users');
    const reset = await cli(['state', 'reset', 'users']);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(
      /^Reset users \(sys_user\) in .*servicenow\.db: watermark and deletes checkpoint cleared/,
    );
    const json = await cli(['state', '--json']);
    const states = JSON.parse(json.stdout) as StateJson[];
    expect(states.find((s) => s.task === 'users')).toMatchObject({
      watermark: null,
      deletesCheckedAt: null,
      instance: real.url,
    });
    expect(states.find((s) => s.task === 'groups')?.watermark).not.toBeNull();
    const next = await cli(['sync', 'users', ...mockFlags(real), '--json']);
    expect(next.code, next.stderr).toBe(0);
    const result = JSON.parse(next.stdout) as { tasks: { users: { recordsRead: number } } };
    expect(result.tasks.users.recordsRead).toBe(real.data.count('sys_user'));
    // --db before the subcommand reaches it too.
    const demoReset = await cli([
      'state',
      '--db',
      'sqlite:./servicenow-demo.db',
      'reset',
      'groups',
    ]);
    expect(demoReset.code, demoReset.stderr).toBe(0);
    expect(demoReset.stdout).toMatch(/^Reset groups \(sys_user_group\) in .*servicenow-demo\.db/);
  }, 60_000);
});
