/**
 * `servicenow-sync plan`: what sync would do, writing nothing. Text and --json, for a new
 * database (a SQLite file that does not exist stays absent) and for an existing one (stored
 * watermarks, the DDL against the tables as they are); only GET requests reach the instance;
 * bad input exits 2.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { filesIn, mockFlags, runCli, tempDir } from './run-cli.js';

interface PlanColumn {
  name: string;
  field: string;
  role: string;
  glideType: string | null;
  sqlName: string;
  sqlType: string;
  definedOn: string | null;
  reference: string | null;
  fallback: boolean;
}
interface PlanTask {
  name: string;
  table: string;
  target: string;
  chain: string[];
  discovered: boolean;
  mode: string;
  modeReason: string;
  query: string;
  count: number | null;
  partitions: {
    count: number;
    ranges: { from: string | null; to: string | null }[];
    reason: string;
  };
  watermark: {
    source: string;
    stored: { updatedOn: string; sysId: string } | null;
    from: string | null;
    until: string | null;
  };
  deletes: { mode: string; capturable: boolean | null; reason: string };
  columns: PlanColumn[];
  fallbacks: string[];
  unreadableFields: string[];
  schemaChanges:
    | { kind: string; table: string; column?: string; type?: string; sql?: string }[]
    | null;
}
interface PlanJson {
  database: { url: string; dialect: string; exists: boolean };
  mode: string;
  plannedAt: string;
  warnings: string[];
  tasks: PlanTask[];
}

let mock: MockServiceNow;
const dirs: { remove(): void }[] = [];

beforeAll(async () => {
  mock = await createMockServiceNow({ seed: 5, scale: 80 });
});
beforeEach(() => {
  mock.clearRequests();
});
afterAll(async () => {
  await mock.close();
  for (const dir of dirs) dir.remove();
});

function workDir(): string {
  const dir = tempDir('sn-cli-plan-');
  dirs.push(dir);
  return dir.path;
}

const flags = () => mockFlags(mock);

function sqliteTables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .all();
    return (rows as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

function expectOnlyGets(): void {
  expect(mock.requests.length).toBeGreaterThan(0);
  expect(mock.requests.filter((r) => r.method !== 'GET')).toEqual([]);
}

describe('plan of built-in tasks', () => {
  it('a new database: the SQLite file is not created; text shows each task; GET only', async () => {
    const cwd = workDir();
    const run = await runCli(
      ['plan', 'users', 'groups', '--full', '--partitions', '2', ...flags()],
      { cwd },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(filesIn(cwd)).toEqual([]);
    expectOnlyGets();
    expect(run.stdout).toContain(
      `Plan against ${join(cwd, 'servicenow.db')} [sqlite] (new database`,
    );
    expect(run.stdout).toContain('Nothing was written.');
    expect(run.stdout).toMatch(/\nusers \(sys_user\)\n/);
    expect(run.stdout).toMatch(/\n {2}rows +\d+ on the instance\n/);
    expect(run.stdout).toMatch(/\n {2}partitions +2: full: 2 sys_id ranges read at once\n/);
    expect(run.stdout).toMatch(/\n {4}ELEMENT +GLIDE TYPE +SQL NAME +SQL TYPE +FROM +REFERENCE\n/);
    expect(run.stdout).toMatch(/\n {4}user_name +- +user_name +TEXT +- +-\n/);
  });

  it('--json for an existing database: stored watermarks, counts of what changed, tables unchanged', async () => {
    const cwd = workDir();
    const sync = await runCli(['sync', 'users', ...flags(), '--quiet'], { cwd });
    expect(sync.code, sync.stderr).toBe(0);
    const file = join(cwd, 'servicenow.db');
    const before = sqliteTables(file);
    mock.clearRequests();
    const plan = await runCli(['plan', 'users', ...flags(), '--json'], { cwd });
    expect(plan.code, plan.stderr).toBe(0);
    expectOnlyGets();
    expect(sqliteTables(file)).toEqual(before);
    const json = JSON.parse(plan.stdout) as PlanJson;
    expect(json.database).toEqual({ url: file, dialect: 'sqlite', exists: true });
    expect(json.mode).toBe('incremental');
    const [users] = json.tasks;
    expect(users).toMatchObject({
      name: 'users',
      table: 'sys_user',
      target: 'sys_user',
      chain: ['sys_user'],
      discovered: false,
      mode: 'incremental',
      modeReason: 'incremental on sys_updated_on',
      deletes: { mode: 'audit', capturable: true },
      fallbacks: [],
      unreadableFields: [],
    });
    expect(users?.watermark.source).toBe('stored');
    expect(users?.watermark.stored?.updatedOn).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(users?.watermark.from).not.toBeNull();
    expect(users?.count).toBeGreaterThanOrEqual(0);
    expect(users?.partitions).toMatchObject({ count: 1, ranges: [{ from: null, to: null }] });
    expect(users?.columns[0]).toEqual({
      name: 'sys_id',
      field: 'sys_id',
      role: 'key',
      glideType: null,
      sqlName: 'sys_id',
      sqlType: 'TEXT',
      definedOn: null,
      reference: null,
      fallback: false,
    });
  });

  it('bad input exits 2 and sends nothing', async () => {
    const cwd = workDir();
    for (const args of [
      ['plan', ...flags()],
      ['plan', 'nonsense', ...flags()],
      ['plan', 'users', '--fields', 'a,b', ...flags()],
      ['plan', '--table', 'bad name!', ...flags()],
      ['plan', '--table', 'problem', '--fields', 'incident=number', ...flags()],
      ['plan', '--table', 'problem', '--filter', 'incident=active=true', ...flags()],
      ['plan', 'users', '--incremental', '--partitions', '4', ...flags()],
    ]) {
      const run = await runCli(args, { cwd });
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(/^servicenow-sync: /);
    }
    expect(mock.requests).toEqual([]);
    expect(filesIn(cwd)).toEqual([]);
  });
});

describe('plan of discovered tables', () => {
  it('text for a new database: chain, glide types, inherited-from, references, the CREATE TABLE', async () => {
    const cwd = workDir();
    const run = await runCli(
      ['plan', '--table', 'cmdb_ci_server', '--table', 'u_rate_card', ...flags()],
      { cwd },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(filesIn(cwd)).toEqual([]);
    expectOnlyGets();
    const text = run.stdout;
    expect(text).toMatch(
      /\ncmdb_ci_server\n {2}chain +cmdb_ci_server -> cmdb_ci_computer -> cmdb_ci_hardware -> cmdb_ci -> cmdb\n/,
    );
    expect(text).toMatch(/\n {2}mode +full: the run's mode is 'full'/);
    expect(text).toMatch(/\n {4}ram +integer +ram +INTEGER +cmdb_ci_computer +-\n/);
    expect(text).toMatch(/\n {4}used_for +choice +used_for +TEXT +cmdb_ci_server +-\n/);
    expect(text).toMatch(/\n {4}u_vendor +reference +u_vendor +TEXT +u_rate_card +core_company\n/);
    expect(text).toContain(
      'CREATE TABLE IF NOT EXISTS "cmdb_ci_server" ("sys_id" TEXT NOT NULL PRIMARY KEY',
    );
    expect(text).toContain('CREATE TABLE IF NOT EXISTS "u_rate_card"');
  });

  it('shows the chain of built-in tasks too, and warns when a discovered parent holds their rows', async () => {
    const cwd = workDir();
    const run = await runCli(
      ['plan', 'incidents_opened', 'cmdb_ci_network_link', '--table', 'task', '--json', ...flags()],
      { cwd },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(filesIn(cwd)).toEqual([]);
    expectOnlyGets();
    const plan = JSON.parse(run.stdout) as PlanJson;
    const chainOf = (name: string) => plan.tasks.find((t) => t.name === name)?.chain;
    expect(chainOf('incidents_opened')).toEqual(['incident', 'task']);
    expect(chainOf('cmdb_ci_network_link')).toEqual(['cmdb_ci_network_link', 'cmdb_ci', 'cmdb']);
    expect(chainOf('task')).toEqual(['task']);
    expect(plan.warnings).toEqual([
      expect.stringMatching(
        /^incident extends task: its rows are also rows of task, so tasks incidents_opened and task both copy them/,
      ),
    ]);
  });

  it('--json for an existing database after the instance grew a field: the ALTER it would run, nothing changed', async () => {
    const own = await createMockServiceNow({ seed: 6, scale: 30 });
    const cwd = workDir();
    try {
      const sync = await runCli(['sync', '--table', 'u_rate_card', ...mockFlags(own), '--quiet'], {
        cwd,
      });
      expect(sync.code, sync.stderr).toBe(0);
      const file = join(cwd, 'servicenow.db');
      const before = sqliteTables(file);
      const up = await runCli(['plan', '--table', 'u_rate_card', ...mockFlags(own), '--json'], {
        cwd,
      });
      expect(up.code, up.stderr).toBe(0);
      const current = (JSON.parse(up.stdout) as PlanJson).tasks[0];
      expect(current?.schemaChanges).toEqual([]);
      own.data.addField('u_rate_card', { name: 'u_region', type: 'string', maxLength: 60 });
      own.clearRequests();
      const run = await runCli(['plan', '--table', 'u_rate_card', ...mockFlags(own), '--json'], {
        cwd,
      });
      expect(run.code, run.stderr).toBe(0);
      expect(own.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      expect(sqliteTables(file)).toEqual(before);
      const json = JSON.parse(run.stdout) as PlanJson;
      expect(json.database).toMatchObject({ dialect: 'sqlite', exists: true });
      const [task] = json.tasks;
      expect(task).toMatchObject({
        name: 'u_rate_card',
        discovered: true,
        chain: ['u_rate_card'],
        mode: 'full',
        modeReason: "full: the run's mode is 'full' (its whole selection is read)",
        count: own.data.count('u_rate_card'),
      });
      expect(task?.columns.find((c) => c.name === 'u_region')).toEqual({
        name: 'u_region',
        field: 'u_region',
        role: 'value',
        glideType: 'string',
        sqlName: 'u_region',
        sqlType: 'TEXT',
        definedOn: 'u_rate_card',
        reference: null,
        fallback: false,
      });
      expect(task?.schemaChanges).toEqual([
        expect.objectContaining({
          kind: 'add-column',
          table: 'u_rate_card',
          column: 'u_region',
          type: 'TEXT',
        }),
      ]);
      expect(task?.schemaChanges?.[0]?.sql).toMatch(
        /^ALTER TABLE "u_rate_card" ADD COLUMN "u_region" TEXT/,
      );
      // incremental: the table has no sys_updated_on, so the plan says it is read in full
      const incremental = await runCli(
        ['plan', '--table', 'u_rate_card', '--incremental', ...mockFlags(own), '--json'],
        {
          cwd,
        },
      );
      const [full] = (JSON.parse(incremental.stdout) as PlanJson).tasks;
      expect(full).toMatchObject({
        mode: 'full',
        modeReason: 'full: the table has no sys_updated_on',
      });
    } finally {
      await own.close();
    }
  });
});

const SERVERS = [
  ['PostgreSQL', process.env.SN_TEST_PG_URL, 'text'],
  ['MariaDB', process.env.SN_TEST_MYSQL_URL, 'VARCHAR(60)'],
] as const;

describe.each(SERVERS)('plan against %s', (name, url, regionType) => {
  it.skipIf(url === undefined)(`the DDL against ${name} as it is; tables unchanged`, async () => {
    if (url === undefined) return;
    const { createDatabase } = await import('servicenow-sync');
    const own = await createMockServiceNow({ seed: 8, scale: 20 });
    const cwd = workDir();
    // A prefix of its own each time: the tables of another run's mock belong to another instance.
    const prefix = `plan_${name.slice(0, 2).toLowerCase()}_${Date.now().toString(36)}_`;
    const db = createDatabase(url);
    const allTables = async () => (await db.introspection.getTables()).map((t) => t.name).sort();
    const tables = async () => (await allTables()).filter((t) => t.startsWith(prefix));
    try {
      const args = [
        '--table',
        'u_rate_card',
        '--db',
        url,
        '--table-prefix',
        prefix,
        ...mockFlags(own),
      ];
      const untouched = await allTables();
      const fresh = await runCli(['plan', ...args, '--json'], { cwd });
      expect(fresh.code, fresh.stderr).toBe(0);
      expect(await allTables()).toEqual(untouched);
      const created = (JSON.parse(fresh.stdout) as PlanJson).tasks[0];
      expect(created?.target).toBe(`${prefix}u_rate_card`);
      expect(created?.schemaChanges?.[0]).toMatchObject({
        kind: 'create-table',
        table: `${prefix}u_rate_card`,
      });
      const sync = await runCli(['sync', ...args, '--quiet'], { cwd });
      expect(sync.code, sync.stderr).toBe(0);
      const before = await allTables();
      own.data.addField('u_rate_card', { name: 'u_region', type: 'string', maxLength: 60 });
      own.clearRequests();
      const run = await runCli(['plan', ...args], { cwd });
      expect(run.code, run.stderr).toBe(0);
      expect(own.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      expect(await allTables()).toEqual(before);
      expect(run.stdout).toMatch(
        new RegExp(
          `\\n {4}u_region +string +u_region +${regionType.replace(/[()]/g, '\\$&')} +u_rate_card +-\\n`,
        ),
      );
      expect(run.stdout).toMatch(/\n {2}DDL \(1\):\n {4}ALTER TABLE .*u_region/);
    } finally {
      for (const table of await tables()) await db.schema.dropTable(table).ifExists().execute();
      await db.destroy();
      await own.close();
    }
  });
});
