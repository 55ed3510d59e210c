/**
 * The time-zone guard through the CLI: a warning on stderr for a non-GMT integration user, and
 * `--strict-time-zone` refusing the run (exit 2, nothing synced).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockFlags, runCli, tempDir } from './run-cli.js';

let mock: MockServiceNow;
const dirs: { remove(): void }[] = [];

beforeAll(async () => {
  mock = await createMockServiceNow({ seed: 3, scale: 30, timeZone: 'America/New_York' });
});
afterAll(async () => {
  await mock.close();
  for (const dir of dirs) dir.remove();
});

function args(...extra: string[]): string[] {
  return ['sync', 'groups', ...mockFlags(mock), ...extra];
}

describe('the time-zone guard in the CLI', () => {
  it.concurrent('warns on stderr and still syncs', async () => {
    const dir = tempDir('sn-cli-tz-');
    dirs.push(dir);
    const run = await runCli(args(), { cwd: dir.path });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('warning: The integration user');
    expect(run.stderr).toContain('America/New_York, not GMT');
    expect(run.stderr).not.toContain(mock.credentials.password);
  });

  it.concurrent('--strict-time-zone refuses the run before anything is written', async () => {
    const dir = tempDir('sn-cli-tz-');
    dirs.push(dir);
    const run = await runCli(args('--strict-time-zone'), { cwd: dir.path });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/America\/New_York.*\(--strict-time-zone refuses the run\)/);
    expect(run.stdout).toBe('');
    const file = join(dir.path, 'servicenow.db');
    if (existsSync(file)) {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(file, { readonly: true });
      const tables = db.prepare("select name from sqlite_master where type = 'table'").all();
      db.close();
      expect(tables.map((t) => (t as { name: string }).name)).not.toContain('sys_user_group');
    }
  });
});
