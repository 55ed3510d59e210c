/**
 * A sync killed with SIGKILL in the middle of a table, then run again at once: the second run
 * takes over the dead run's lock without waiting for it to go stale (same host, process gone),
 * logs the dead run as `abandoned`, resumes after the last committed page, and the database
 * equals the source. On SQLite, PostgreSQL and MariaDB.
 */
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabases } from '../support/databases.js';
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
async function watermarkIn(t: TestDatabase, task: string): Promise<string | undefined> {
  try {
    const row = await t.db
      .selectFrom('servicenow_sync_state')
      .select('watermark_sys_id as id')
      .where('task_name', '=', task)
      .executeTakeFirst();
    return (row?.id as string | null | undefined) ?? undefined;
  } catch {
    return undefined; // the table does not exist yet
  }
}

async function count(t: TestDatabase, table: string): Promise<number> {
  const row = await t.db
    .selectFrom(table)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

interface LoggedRunJson {
  readonly id: string;
  readonly status: string;
  readonly errorMessage: string | null;
  readonly tasks: readonly { readonly name: string; readonly status: string }[];
}

for (const target of testDatabases) {
  describe.skipIf(!target.available)(`a killed incremental sync on ${target.name}`, () => {
    it('is taken over at once by the next run, which resumes from its last committed page', async () => {
      const t = await target.open();
      const dir = tempDir('sn-cli-crash-');
      dirs.push(dir);
      try {
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
          '--db',
          t.url,
          ...mockFlags(mock),
        ];
        // Slow pages, so that the process is surely killed in the middle of the table.
        mock.setFaults({ latencyMs: { table: 'sys_user', ms: 40 } });
        const child = spawn(process.execPath, [CLI, ...args, '--quiet'], {
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
          committed = await watermarkIn(t, 'users');
        }
        expect(committed, 'the first run committed a page').toBeDefined();
        child.kill('SIGKILL');
        expect(await exited).toBe('SIGKILL');
        mock.setFaults({});

        const total = mock.data.count('sys_user');
        const before = await count(t, 'sys_user');
        expect(before).toBeGreaterThan(0);
        expect(before).toBeLessThan(total);
        // The dead run still holds the job's lock, with a fresh heartbeat: no waiting for it.
        const held = await t.db.selectFrom('servicenow_run_lock').selectAll().execute();
        expect(held.map((row) => Number(row.pid))).toEqual([child.pid]);

        const again = await runCli([...args, '--json'], { cwd: dir.path });
        expect(again.code, again.stderr).toBe(0);
        const result = JSON.parse(again.stdout) as {
          id: string;
          tasks: { users: { recordsRead: number } };
        };
        // Resumed strictly after the watermark: what the first run committed is not read again.
        expect(result.tasks.users.recordsRead).toBe(total - before);
        const stored = await t.db
          .selectFrom('sys_user')
          .select(['sys_id', 'user_name', 'sys_updated_on'])
          .execute();
        const key = (r: Record<string, unknown>) =>
          `${r.user_name ?? ''}|${String(r.sys_updated_on).slice(0, 19)}`;
        expect(new Map(stored.map((r) => [r.sys_id, key(r)]))).toEqual(
          new Map([...mock.data.rows('sys_user')].map((r) => [r.sys_id, key(r)])),
        );

        const runs = await runCli(['runs', '--db', t.url, '--json'], { cwd: dir.path });
        const logged = JSON.parse(runs.stdout) as LoggedRunJson[];
        expect(logged.map((r) => r.status)).toEqual(['success', 'abandoned']);
        const dead = logged[1];
        expect(dead?.errorMessage).toContain(
          `Abandoned: its process (pid ${child.pid} on host ${hostname()}) stopped without finishing; run ${result.id} took its lock over.`,
        );
        expect(dead?.tasks.map((task) => task.status)).toEqual(['abandoned']);
        const text = await runCli(['runs', '--db', t.url], { cwd: dir.path });
        expect(text.stdout).toMatch(/abandoned started .*\n {4}Abandoned: its process/);
      } finally {
        await t.close();
      }
    });
  });
}
