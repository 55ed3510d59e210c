/**
 * `servicenow-sync generate --table NAME... --out DIR`: one TypeScript module per table, from
 * the mock's dictionary. The files compile with tsc against the package, and the generated
 * task, imported and run with runTasks, syncs into SQLite rows equal to the source. A file that
 * exists is refused (exit 2, unchanged) unless --force.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  createDatabase,
  KyselySink,
  runTasks,
  ServiceNowClient,
  type TaskDefinition,
} from 'servicenow-sync';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesIn, mockFlags, runCli, tempDir } from './run-cli.js';

let mock: MockServiceNow;
// Inside the repository, so `servicenow-sync` resolves to this package (its dist/).
const out = mkdtempSync(join(resolve('test/cli'), '.generated-'));
const dirs: { remove(): void }[] = [];

beforeAll(async () => {
  mock = await createMockServiceNow({ seed: 9, scale: 30 });
});
afterAll(async () => {
  await mock.close();
  rmSync(out, { recursive: true, force: true });
  for (const dir of dirs) dir.remove();
});

function tsc(dir: string): string {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '../../..' },
      include: ['*.ts'],
    }),
  );
  try {
    return execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', dir], {
      encoding: 'utf8',
    });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe('generate', () => {
  it('writes one module per table that compiles; the generated task syncs rows equal to the source', async () => {
    const cwd = tempDir('sn-cli-generate-');
    dirs.push(cwd);
    const run = await runCli(
      [
        'generate',
        '--table',
        'u_rate_card',
        '--table',
        'cmdb_ci_server',
        '--out',
        out,
        ...mockFlags(mock),
      ],
      { cwd: cwd.path },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^wrote ${join(out, 'u_rate_card.ts')} \\(\\d+ columns\\)\\n`),
    );
    expect(run.stdout).toContain(`wrote ${join(out, 'cmdb_ci_server.ts')} (`);
    expect(filesIn(out).sort()).toEqual(['cmdb_ci_server.ts', 'u_rate_card.ts']);
    const text = readFileSync(join(out, 'u_rate_card.ts'), 'utf8');
    expect(text).toContain("from 'servicenow-sync'");
    expect(text).toContain('export interface URateCardRow {');
    expect(text).toContain('defineTask({');
    expect(filesIn(cwd.path)).toEqual([]); // nothing else written

    expect(tsc(out)).toBe('');

    const generated = (await import(join(out, 'u_rate_card.ts'))) as Record<string, unknown>;
    const task = Object.values(generated).find(
      (value): value is TaskDefinition =>
        typeof value === 'object' && value !== null && 'fieldNames' in value,
    );
    expect(task?.table).toBe('u_rate_card');
    if (task === undefined) return;
    const client = new ServiceNowClient({
      instanceUrl: mock.url,
      auth: { type: 'basic', ...mock.credentials },
    });
    const file = join(cwd.path, 'generated.db');
    const db = createDatabase(`sqlite:${file}`);
    try {
      const result = await runTasks([task], { client, sink: new KyselySink(db) });
      expect(result.status).toBe('success');
    } finally {
      await db.destroy();
      await client.close();
    }
    const sqlite = new Database(file, { readonly: true });
    try {
      const rows = sqlite.prepare('select * from u_rate_card order by sys_id').all() as Record<
        string,
        unknown
      >[];
      const source = [...mock.data.rows('u_rate_card')].sort((a, b) =>
        String(a.sys_id).localeCompare(String(b.sys_id)),
      );
      expect(rows.map((r) => r.sys_id)).toEqual(source.map((r) => r.sys_id));
      for (const [i, row] of rows.entries()) {
        expect(row.u_name).toBe(source[i]?.u_name || null);
        expect(row.u_unit).toBe(source[i]?.u_unit || null);
      }
    } finally {
      sqlite.close();
    }
  }, 120_000);

  it('refuses to overwrite a file without --force (exit 2, nothing written); --force overwrites', async () => {
    const dir = tempDir('sn-cli-generate-force-');
    dirs.push(dir);
    const target = join(dir.path, 'u_rate_card.ts');
    writeFileSync(target, '// mine\n');
    mock.clearRequests();
    const refused = await runCli(
      [
        'generate',
        '--table',
        'sc_req_item',
        '--table',
        'u_rate_card',
        '--out',
        dir.path,
        ...mockFlags(mock),
      ],
      { cwd: dir.path },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${target} exists: pass --force to overwrite`);
    expect(readFileSync(target, 'utf8')).toBe('// mine\n');
    expect(filesIn(dir.path)).toEqual(['u_rate_card.ts']);
    expect(mock.requests).toEqual([]);
    const forced = await runCli(
      ['generate', '--table', 'u_rate_card', '--out', dir.path, '--force', ...mockFlags(mock)],
      { cwd: dir.path },
    );
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('defineTask({');
    expect(mock.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('bad input exits 2', async () => {
    const dir = tempDir('sn-cli-generate-bad-');
    dirs.push(dir);
    for (const args of [
      ['generate', ...mockFlags(mock)],
      ['generate', '--table', 'u_no_such_table', '--out', 'x', ...mockFlags(mock)],
      [
        'generate',
        '--table',
        'u_rate_card',
        '--fields',
        'u_nope',
        '--out',
        'x',
        ...mockFlags(mock),
      ],
    ]) {
      const run = await runCli(args, { cwd: dir.path });
      expect(run.code, run.stderr).toBe(2);
    }
    expect(filesIn(dir.path)).toEqual([]);
  });
});
