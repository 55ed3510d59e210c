/**
 * A sync killed with SIGKILL in the middle of a table, then run again: the second run takes over
 * the dead run's lock, resumes after the last committed page, and the database equals the source.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cleanEnv, mockFlags, runCli, tempDir } from './run-cli.js';

let mock: MockServiceNow;
const dirs: { remove(): void }[] = [];

beforeAll(async () => {
  mock = await createMockServiceNow({ seed: 5, scale: 150 });
});
afterAll(async () => {
  await mock.close();
  for (const dir of dirs) dir.remove();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The committed watermark of a task, or undefined while none is committed. */
function watermarkIn(file: string, task: string): string | undefined {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    return undefined;
  }
  try {
    const row = db
      .prepare('select watermark_sys_id as id from servicenow_sync_state where task_name = ?')
      .get(task) as { id: string | null } | undefined;
    return row?.id ?? undefined;
  } catch {
    return undefined; // the table does not exist yet
  } finally {
    db.close();
  }
}

function rows(file: string, sql: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe('a killed incremental sync', () => {
  it('resumes from its last committed page on the next run', async () => {
    const dir = tempDir('sn-cli-crash-');
    dirs.push(dir);
    const file = join(dir.path, 'servicenow.db');
    const args = [
      'sync',
      'users',
      '--incremental',
      '--overlap',
      '0',
      '--page-size',
      '10',
      '--batch-size',
      '10',
      '--quiet',
      ...mockFlags(mock),
    ];
    // Slow pages, so that the process is surely killed in the middle of the table.
    mock.setFaults({ latencyMs: { table: 'sys_user', ms: 40 } });
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: dir.path,
      env: cleanEnv(),
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    let committed: string | undefined;
    for (let i = 0; i < 600 && committed === undefined; i++) {
      await sleep(50);
      committed = watermarkIn(file, 'users');
    }
    expect(committed, 'the first run committed a page').toBeDefined();
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    mock.setFaults({});

    const total = mock.data.count('sys_user');
    const before = rows(file, 'select count(*) as n from sys_user')[0]?.n as number;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(total);
    // The dead run still holds the job's lock; age its heartbeats, as two minutes would.
    const db = new Database(file);
    db.prepare("update servicenow_run_lock set heartbeat_at = '2000-01-01 00:00:00'").run();
    db.prepare("update servicenow_execution_log set heartbeat_at = '2000-01-01 00:00:00'").run();
    db.close();

    const again = await runCli([...args.filter((a) => a !== '--quiet'), '--json'], {
      cwd: dir.path,
    });
    expect(again.code, again.stderr).toBe(0);
    const result = JSON.parse(again.stdout) as {
      tasks: { users: { recordsRead: number; expectedRecords: number } };
    };
    // Resumed strictly after the watermark: what the first run committed is not read again.
    expect(result.tasks.users.recordsRead).toBe(total - before);
    const stored = new Map(
      rows(file, 'select sys_id, user_name, sys_updated_on from sys_user').map((r) => [
        r.sys_id,
        `${r.user_name ?? ''}|${r.sys_updated_on}`,
      ]),
    );
    const source = new Map(
      [...mock.data.rows('sys_user')].map((r) => [
        r.sys_id,
        `${r.user_name ?? ''}|${r.sys_updated_on}`,
      ]),
    );
    expect(stored).toEqual(source);
    const runs = rows(
      file,
      'select status, error_message from servicenow_execution_log order by id',
    );
    expect(runs.map((r) => r.status)).toEqual(['error', 'success']);
    expect(String(runs[0]?.error_message)).toContain('stopped without finishing');
  });
});
