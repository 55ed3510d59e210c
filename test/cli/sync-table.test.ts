/**
 * `servicenow-sync sync --table NAME`: tables discovered from the mock's dictionary, then
 * synced like built-in tasks. A synced table equals the source; a field added to the dictionary
 * between two runs becomes a column without losing rows; --fields narrows, --filter works for
 * discovered tables; a table without sys_updated_on in an incremental run is read in full with a
 * run warning; bad input (an unknown table or field, a denied dictionary) exits 2 and writes
 * nothing.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesIn, mockFlags, runCli, tempDir } from './run-cli.js';

interface RunJson {
  status: string;
  mode: string;
  warnings: string[];
  tasks: Record<
    string,
    { status: string; mode?: string; recordsProcessed: number; recordsRejected?: number }
  >;
}

let mock: MockServiceNow;
const dirs: { remove(): void }[] = [];

beforeAll(async () => {
  mock = await createMockServiceNow({ seed: 17, scale: 60 });
});
afterAll(async () => {
  await mock.close();
  for (const dir of dirs) dir.remove();
});

function workDir(): string {
  const dir = tempDir('sn-cli-table-');
  dirs.push(dir);
  return dir.path;
}

const flags = () => mockFlags(mock);

type Row = Record<string, unknown>;

function rowsOf(file: string, table: string): Row[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`select * from "${table}" order by sys_id`).all() as Row[];
  } finally {
    db.close();
  }
}

function columnsOf(file: string, table: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`pragma table_info("${table}")`).all() as { name: string }[]).map(
      (c) => c.name,
    );
  } finally {
    db.close();
  }
}

function sourceRows(table: string): Readonly<Record<string, string>>[] {
  return [...mock.data.rows(table)].sort((a, b) =>
    String(a.sys_id).localeCompare(String(b.sys_id)),
  );
}

describe('sync --table', () => {
  it.concurrent('a discovered table equals the source; two tables in one run', async () => {
    const cwd = workDir();
    const run = await runCli(
      ['sync', '--table', 'u_rate_card', '--table', 'cmdb_ci_server', ...flags(), '--json'],
      {
        cwd,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as RunJson;
    expect(result.status).toBe('success');
    expect(result.mode).toBe('full'); // a task list: full unless --incremental
    const file = join(cwd, 'servicenow.db');
    const cards = rowsOf(file, 'u_rate_card');
    const source = sourceRows('u_rate_card');
    expect(cards.map((r) => r.sys_id)).toEqual(source.map((r) => r.sys_id));
    for (const [i, row] of cards.entries()) {
      const from = source[i] ?? {};
      expect(row.u_name).toBe(from.u_name === '' ? null : from.u_name);
      expect(row.u_unit).toBe(from.u_unit === '' ? null : from.u_unit);
      expect(row.u_active).toBe(from.u_active === '' ? null : from.u_active === 'true' ? 1 : 0);
      expect(row.u_vendor).toBe(from.u_vendor === '' ? null : from.u_vendor);
    }
    const servers = rowsOf(file, 'cmdb_ci_server');
    const serverSource = sourceRows('cmdb_ci_server');
    expect(servers.map((r) => r.sys_id)).toEqual(serverSource.map((r) => r.sys_id));
    for (const [i, row] of servers.entries()) {
      expect(row.name).toBe(serverSource[i]?.name || null);
      expect(row.serial_number).toBe(serverSource[i]?.serial_number || null);
      expect(row.sys_class_name).toBe('cmdb_ci_server');
    }
    // Inherited fields (cmdb_ci), the class's own (cmdb_ci_server) and display columns.
    const columns = columnsOf(file, 'cmdb_ci_server');
    for (const name of ['sys_id', 'name', 'serial_number', 'sys_updated_on', 'sys_class_name'])
      expect(columns).toContain(name);
  });

  it.concurrent('--incremental: a table without sys_updated_on is read in full, with a run warning', async () => {
    const cwd = workDir();
    const run = await runCli(
      [
        'sync',
        '--table',
        'u_rate_card',
        '--table',
        'sc_req_item',
        '--incremental',
        ...flags(),
        '--json',
      ],
      {
        cwd,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as RunJson;
    expect(result.mode).toBe('incremental');
    expect(result.warnings).toContain(
      'u_rate_card is read in full in this incremental run: full: the table has no sys_updated_on',
    );
    expect(result.warnings.some((w) => w.startsWith('sc_req_item'))).toBe(false);
    expect(result.tasks.u_rate_card?.recordsProcessed).toBe(mock.data.count('u_rate_card'));
    expect(result.tasks.sc_req_item?.recordsProcessed).toBe(mock.data.count('sc_req_item'));
  });

  it.concurrent('--fields narrows a discovered table (sys_id, sys_updated_on kept); --filter TABLE=QUERY', async () => {
    const cwd = workDir();
    const run = await runCli(
      [
        'sync',
        '--table',
        'cmdb_ci_server',
        '--fields',
        'name,serial_number',
        '--filter',
        'cmdb_ci_server=nameSTARTSWITHa^ORnameSTARTSWITHs',
        ...flags(),
        '--quiet',
      ],
      { cwd },
    );
    expect(run.code, run.stderr).toBe(0);
    const file = join(cwd, 'servicenow.db');
    expect(columnsOf(file, 'cmdb_ci_server').sort()).toEqual([
      'name',
      'serial_number',
      'sys_id',
      'sys_updated_on',
    ]);
    const wanted = sourceRows('cmdb_ci_server').filter((r) => /^[as]/.test(r.name ?? ''));
    expect(rowsOf(file, 'cmdb_ci_server').map((r) => r.sys_id)).toEqual(
      wanted.map((r) => r.sys_id),
    );
  });

  it.concurrent('bad input exits 2 and writes nothing', async () => {
    const cwd = workDir();
    for (const [args, message] of [
      [['--table', 'u_no_such_table'], /u_no_such_table.*sys_db_object/],
      [['--table', 'u_rate_card', '--fields', 'u_nope'], /u_nope/],
      [['users', '--fields', 'name'], /--fields narrows the tables given with --table/],
      [
        ['--table', 'u_rate_card', '--filter', 'users=active=true'],
        /users is not a task of this run/,
      ],
    ] as const) {
      const run = await runCli(['sync', ...args, ...flags()], { cwd });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect(filesIn(cwd)).toEqual([]);
  });
});

describe('sync --table as the instance changes', () => {
  it('a field added to the dictionary between two runs becomes a column, rows kept', async () => {
    const own = await createMockServiceNow({ seed: 3, scale: 40 });
    const cwd = workDir();
    try {
      const args = ['sync', '--table', 'u_rate_card', ...mockFlags(own), '--quiet'];
      const first = await runCli(args, { cwd });
      expect(first.code, first.stderr).toBe(0);
      const file = join(cwd, 'servicenow.db');
      const before = rowsOf(file, 'u_rate_card');
      expect(before.length).toBe(own.data.count('u_rate_card'));
      own.data.addField('u_rate_card', { name: 'u_region', type: 'string', maxLength: 60 });
      const [firstRow] = [...own.data.rows('u_rate_card')];
      own.data.update('u_rate_card', String(firstRow?.sys_id), { u_region: 'EMEA' });
      const second = await runCli(args, { cwd });
      expect(second.code, second.stderr).toBe(0);
      expect(columnsOf(file, 'u_rate_card')).toContain('u_region');
      const after = rowsOf(file, 'u_rate_card');
      expect(after.map((r) => r.sys_id)).toEqual(before.map((r) => r.sys_id));
      expect(after.find((r) => r.sys_id === firstRow?.sys_id)?.u_region).toBe('EMEA');
      expect(after.filter((r) => r.u_region !== null)).toHaveLength(1);
      // The execution log says what each run changed in the table.
      const runs = await runCli(['runs'], { cwd });
      expect(runs.code, runs.stderr).toBe(0);
      expect(runs.stdout).toMatch(/\n {6}schema: u_rate_card: add column u_region TEXT\n/);
      expect(runs.stdout).toMatch(/\n {6}schema: u_rate_card: create table\n/);
    } finally {
      await own.close();
    }
  });

  it('fields an ACL hides are said before the run and copied as empty', async () => {
    const own = await createMockServiceNow({
      seed: 3,
      scale: 20,
      faults: { hiddenFields: { u_rate_card: ['u_rate'] } },
    });
    const cwd = workDir();
    try {
      const run = await runCli(['sync', '--table', 'u_rate_card', ...mockFlags(own), '--quiet'], {
        cwd,
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(
        'servicenow-sync: warning: u_rate_card: u_rate is left out of records for this user (field ACLs): copied as empty',
      );
      const rows = rowsOf(join(cwd, 'servicenow.db'), 'u_rate_card');
      expect(rows).toHaveLength(own.data.count('u_rate_card'));
      expect(rows.every((r) => r.u_rate === null)).toBe(true);
    } finally {
      await own.close();
    }
  });

  it('a dictionary the user cannot read: exit 2, the role named, nothing written', async () => {
    const own = await createMockServiceNow({
      seed: 3,
      scale: 20,
      faults: { deniedTables: ['sys_dictionary'] },
    });
    const cwd = workDir();
    try {
      const run = await runCli(['sync', '--table', 'u_rate_card', ...mockFlags(own)], { cwd });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/sys_dictionary/);
      expect(run.stderr).toMatch(/personalize_dictionary|admin/);
      expect(filesIn(cwd)).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
