/**
 * `servicenow-sync sync` against a mock ServiceNow started in the test process: credentials by
 * flags and by environment variables, `--json`, `--filter`, windows, exit code 2 when the
 * preflight or a filter refuses the run, and no secret in any output (test/cli/exit-codes.test.ts
 * has every exit code).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, filesIn, mockFlags, runCli, tempDir } from './run-cli.js';

interface TaskJson {
  status: string;
  recordsProcessed: number;
  error?: { name: string; message: string };
}
interface RunJson {
  id: string;
  executionType: string;
  status: string;
  window: { from: string; to: string } | null;
  tasks: Record<string, TaskJson>;
}

let mock: MockServiceNow;
const dirs: { remove(): void }[] = [];

beforeAll(async () => {
  // strictQueryFields: a filter naming an unknown field is refused with 403, as ACLs do.
  mock = await createMockServiceNow({ seed: 11, scale: 150, strictQueryFields: true });
});
afterAll(async () => {
  await mock.close();
  for (const dir of dirs) dir.remove();
});

function workDir(): string {
  const dir = tempDir('sn-cli-sync-');
  dirs.push(dir);
  return dir.path;
}

const flags = () => mockFlags(mock);

function rowsIn(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function expectNoSecret(run: CliRun, ...secrets: string[]): void {
  for (const secret of secrets) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
  }
}

function mockRows(table: string, keep: (row: Readonly<Record<string, string>>) => boolean) {
  let n = 0;
  for (const row of mock.data.rows(table)) if (keep(row)) n++;
  return n;
}

describe('sync', () => {
  it.concurrent('credentials by flags; --json prints only the RunResult; tables match the mock', async () => {
    const cwd = workDir();
    const run = await runCli(['sync', 'users', 'groups', ...flags(), '--json'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as RunJson;
    expect(result.status).toBe('success');
    expect(result.executionType).toBe('tasks');
    expect(result.window).toBeNull();
    expect(result.tasks.users?.recordsProcessed).toBe(mock.data.count('sys_user'));
    expect(result.tasks.groups?.recordsProcessed).toBe(mock.data.count('sys_user_group'));
    const file = join(cwd, 'servicenow.db');
    expect(rowsIn(file, 'sys_user')).toBe(mock.data.count('sys_user'));
    expect(rowsIn(file, 'sys_user_group')).toBe(mock.data.count('sys_user_group'));
    expectNoSecret(run, mock.credentials.password);
  });

  it.concurrent('credentials and database from SN_* variables; --filter narrows the selection', async () => {
    const cwd = workDir();
    const run = await runCli(['sync', 'users', '--filter', 'users=active=true', '--json'], {
      cwd,
      env: {
        SN_INSTANCE: mock.url,
        SN_USER: mock.credentials.username,
        SN_PASSWORD: mock.credentials.password,
        SN_DB: 'sqlite:./from-env.db',
      },
    });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as RunJson;
    const active = mockRows('sys_user', (row) => row.active === 'true');
    expect(active).toBeGreaterThan(0);
    expect(active).toBeLessThan(mock.data.count('sys_user'));
    expect(result.tasks.users?.recordsProcessed).toBe(active);
    expect(rowsIn(join(cwd, 'from-env.db'), 'sys_user')).toBe(active);
    expectNoSecret(run, mock.credentials.password);
  });

  it.concurrent('the incidents job for a window, quietly; runs shows the window', async () => {
    const cwd = workDir();
    const run = await runCli(
      ['sync', 'incidents', '--from', '2026-08-01', '--to', '2026-08-31', '--quiet', ...flags()],
      { cwd },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
    const opened = mockRows(
      'incident',
      (row) =>
        (row.opened_at ?? '') >= '2026-08-01 00:00:00' &&
        (row.opened_at ?? '') <= '2026-08-31 23:59:59',
    );
    expect(opened).toBeGreaterThan(0);
    expect(rowsIn(join(cwd, 'servicenow.db'), 'incident')).toBe(opened);

    const runs = await runCli(['runs', '--json'], { cwd });
    const logged = JSON.parse(runs.stdout) as {
      executionType: string;
      startDate: string;
      endDate: string;
      status: string;
    }[];
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      executionType: 'incidents',
      startDate: '2026-08-01',
      endDate: '2026-08-31',
      status: 'success',
    });
  });

  it.concurrent('configurations run incrementally after their first load; --full and --deletes', async () => {
    const cwd = workDir();
    const first = await runCli(['sync', 'configurations', ...flags(), '--json'], { cwd });
    expect(first.code, first.stderr).toBe(0);
    const loaded = JSON.parse(first.stdout) as RunJson & { mode: string };
    expect(loaded.mode).toBe('incremental');
    expect(loaded.tasks.users?.recordsProcessed).toBe(mock.data.count('sys_user'));
    const again = await runCli(
      ['sync', 'configurations', ...flags(), '--json', '--overlap', '0', '--deletes', 'reconcile'],
      { cwd },
    );
    expect(again.code, again.stderr).toBe(0);
    const next = JSON.parse(again.stdout) as RunJson & {
      tasks: Record<string, TaskJson & { recordsRead: number; recordsDeleted: number }>;
    };
    expect(next.tasks.users?.recordsRead).toBe(0);
    expect(next.tasks.users?.recordsDeleted).toBe(0);
    const full = await runCli(['sync', 'users', ...flags(), '--json', '--full'], { cwd });
    expect(full.code, full.stderr).toBe(0);
    const reloaded = JSON.parse(full.stdout) as RunJson & { mode: string };
    expect(reloaded.mode).toBe('full');
    expect(reloaded.tasks.users?.recordsProcessed).toBe(mock.data.count('sys_user'));
    const runs = await runCli(['runs', '--json'], { cwd });
    const logged = JSON.parse(runs.stdout) as {
      tasks: { name: string; mode: string; expectedRecords: number }[];
    }[];
    expect(logged).toHaveLength(3);
    expect(logged[2]?.tasks.find((t) => t.name === 'users')).toMatchObject({
      mode: 'incremental',
      expectedRecords: mock.data.count('sys_user'),
    });
  });

  it.concurrent('exits 2 when the preflight finds the credentials refused, without echoing the password', async () => {
    const cwd = workDir();
    const wrong = 'Wr0ng-Secret-91b2';
    const run = await runCli(['sync', 'users', 'groups'], {
      cwd,
      env: { SN_INSTANCE: mock.url, SN_USER: mock.credentials.username, SN_PASSWORD: wrong },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `servicenow-sync: ServiceNow rejected the credentials of user ${mock.credentials.username} (401 User Not Authenticated); check --user/--password, --client-id/--client-secret or --token (SN_USER, SN_PASSWORD, ...), and that the user is active and may use web services\n`,
    );
    expect(filesIn(cwd)).toEqual([]);
    expectNoSecret(run, wrong, mock.credentials.password);
  });

  it.concurrent('exits 2 when a bearer token given on the command line is refused', async () => {
    const cwd = workDir();
    const token = 'Wr0ng-Token-0c4e9a';
    const run = await runCli(['sync', 'groups', '--instance', mock.url, '--token', token], {
      cwd,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^servicenow-sync: ServiceNow rejected the credentials \(401/);
    expectNoSecret(run, token);
  });

  it.concurrent('exits 2 when the database refuses the connection, without its password', async () => {
    const cwd = workDir();
    const password = 'Db-Secret-77d1';
    const db = `postgres://reporter:${password}@127.0.0.1:1/servicenow`;
    const sync = await runCli(['sync', 'groups', ...flags(), '--db', db], { cwd });
    expect(sync.code).toBe(2);
    expect(sync.stderr).toBe(
      'servicenow-sync: database postgres://reporter:***@127.0.0.1:1/servicenow: connection refused; check --db (SN_DB) and that the database server accepts connections\n',
    );
    // Reading the log is not a run: a failure to connect is exit 1.
    const runs = await runCli(['runs', '--db', db], { cwd });
    expect(runs.code).toBe(1);
    expect(runs.stderr).toMatch(/^servicenow-sync: .*ECONNREFUSED/);
    expectNoSecret(sync, password, mock.credentials.password);
    expectNoSecret(runs, password);
  });

  it.concurrent('exits 2 when a filter names a field the table does not have, naming --filter', async () => {
    const cwd = workDir();
    const run = await runCli(
      ['sync', 'users', 'groups', '--filter', 'users=no_such_field=1', '--json', ...flags()],
      { cwd },
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'servicenow-sync: The --filter of task users names no_such_field, which is not a field of table sys_user\n',
    );
    expect(filesIn(cwd)).toEqual([]);
  });

  it.concurrent('exits 2 when a filter sorts (ORDERBY), before any request', async () => {
    const cwd = workDir();
    const run = await runCli(
      ['sync', 'users', '--filter', 'users=active=true^ORDERBYDESCname', ...flags()],
      { cwd },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'servicenow-sync: The --filter of task users sorts (ORDERBYDESCname); the run pages in its own order, so remove the ORDERBY\n',
    );
  });
});
