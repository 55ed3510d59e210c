/**
 * `servicenow-sync sync` and deletes: incremental runs apply the deletes `sys_audit_delete`
 * lists unless `--deletes none`; an unreadable audit table is one warning in the output and
 * the execution log, and the run exits 0.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockFlags, runCli, tempDir } from './run-cli.js';

interface TaskJson {
  status: string;
  recordsDeleted: number;
  deletesNotApplied?: string;
}
interface RunJson {
  status: string;
  mode: string;
  warnings: string[];
  tasks: Record<string, TaskJson>;
}

let mock: MockServiceNow;
const dirs: { remove(): void }[] = [];

beforeAll(async () => {
  mock = await createMockServiceNow({ seed: 31, scale: 100 });
});
afterAll(async () => {
  await mock.close();
  for (const dir of dirs) dir.remove();
});

function workDir(): string {
  const dir = tempDir('sn-cli-deletes-');
  dirs.push(dir);
  return dir.path;
}

function idsIn(cwd: string, table: string): Set<string> {
  const db = new Database(join(cwd, 'servicenow.db'), { readonly: true });
  try {
    const rows = db.prepare(`select sys_id from "${table}"`).all() as { sys_id: string }[];
    return new Set(rows.map((r) => r.sys_id));
  } finally {
    db.close();
  }
}

function deleteSome(table: string, n: number, from: number): string[] {
  const ids = [...mock.data.rows(table)].slice(from, from + n).map((r) => String(r.sys_id));
  for (const id of ids) mock.data.delete(table, id);
  return ids;
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('sync and deletes', () => {
  it('an incremental sync applies audited deletes by default; --deletes none does not', async () => {
    const audited = workDir();
    const none = workDir();
    const sync = (cwd: string, ...extra: string[]) =>
      runCli(['sync', 'groups', '--incremental', ...mockFlags(mock), '--json', ...extra], {
        cwd,
      });
    for (const first of [await sync(audited), await sync(none, '--deletes', 'none')]) {
      expect(first.code, first.stderr).toBe(0);
    }
    const gone = deleteSome('sys_user_group', 2, 5);
    const applied = await sync(audited);
    expect(applied.code, applied.stderr).toBe(0);
    const result = JSON.parse(applied.stdout) as RunJson;
    expect(result.mode).toBe('incremental');
    expect(result.tasks.groups?.recordsDeleted).toBe(2);
    for (const id of gone) expect(idsIn(audited, 'sys_user_group').has(id)).toBe(false);

    const skipped = await sync(none, '--deletes', 'none');
    expect(skipped.code, skipped.stderr).toBe(0);
    expect((JSON.parse(skipped.stdout) as RunJson).tasks.groups?.recordsDeleted).toBe(0);
    for (const id of gone) expect(idsIn(none, 'sys_user_group').has(id)).toBe(true);
  });

  it('an unreadable sys_audit_delete: one warning on stderr and in the log, exit 0', async () => {
    const cwd = workDir();
    const sync = () => runCli(['sync', 'users', 'companies', ...mockFlags(mock)], { cwd });
    const first = await sync();
    expect(first.code, first.stderr).toBe(0);
    deleteSome('sys_user', 1, 40);
    mock.setFaults({ readDenied: { table: 'sys_audit_delete' } });
    try {
      const denied = await sync();
      expect(denied.code, denied.stderr).toBe(0);
      expect(count(denied.stderr, 'sys_audit_delete is not readable')).toBe(1);
      expect(denied.stderr).toMatch(
        /warning: sys_audit_delete is not readable \(HTTP 403\): deletes were not applied to users \(sys_user\), companies \(core_company\)/,
      );
      expect(denied.stderr).toContain(': success,');

      const json = await runCli(['runs', '--json'], { cwd });
      const [latest] = JSON.parse(json.stdout) as {
        status: string;
        errorMessage: string | null;
        tasks: { status: string; errorMessage: string | null }[];
      }[];
      expect(latest?.status).toBe('success');
      expect(count(latest?.errorMessage ?? '', 'sys_audit_delete is not readable')).toBe(1);
      expect(latest?.tasks.map((t) => [t.status, t.errorMessage])).toEqual([
        ['success', null],
        ['success', null],
      ]);
      const text = await runCli(['runs'], { cwd });
      expect(count(text.stdout, 'sys_audit_delete is not readable')).toBe(1);
    } finally {
      mock.setFaults({});
    }
  });
});
