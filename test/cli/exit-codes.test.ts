/**
 * Every exit code of the CLI, through the spawned command (`node dist/cli/main.js`) against mock
 * instances started in the test process: 0 success, 1 failed, 2 usage / configuration /
 * preflight, 3 partial, 4 another run holds the lock, 130 / 143 after a clean stop on SIGINT /
 * SIGTERM (the run logged `cancelled`, with one message).
 */
import { join } from 'node:path';
import {
  createDatabase,
  KyselyRunLock,
  normalizeInstanceUrl,
  type RunLease,
} from 'servicenow-sync';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesIn, mockFlags, runCli, startCli, tempDir } from './run-cli.js';

interface LoggedRunJson {
  status: string;
  errorMessage: string | null;
  tasks: { name: string; status: string; errorMessage: string | null }[];
}

let healthy: MockServiceNow;
/** sys_user_group cannot be read (403, never retried). */
let denied: MockServiceNow;
/** sys_user answers slowly: a run of it lasts long enough to be stopped. */
let slow: MockServiceNow;
const dirs: { remove(): void }[] = [];

beforeAll(async () => {
  [healthy, denied, slow] = await Promise.all([
    createMockServiceNow({ seed: 21, scale: 50 }),
    createMockServiceNow({
      seed: 22,
      scale: 50,
      faults: { readDenied: { table: 'sys_user_group' } },
    }),
    createMockServiceNow({
      seed: 23,
      scale: 50,
      faults: { latencyMs: { ms: 150, table: 'sys_user' } },
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([healthy.close(), denied.close(), slow.close()]);
  for (const dir of dirs) dir.remove();
});

function workDir(): string {
  const dir = tempDir('sn-cli-exit-');
  dirs.push(dir);
  return dir.path;
}

async function loggedRuns(cwd: string): Promise<LoggedRunJson[]> {
  const runs = await runCli(['runs', '--json'], { cwd });
  expect(runs.code, runs.stderr).toBe(0);
  return JSON.parse(runs.stdout) as LoggedRunJson[];
}

describe('exit codes', () => {
  it.concurrent('0: every task succeeded', async () => {
    const run = await runCli(['sync', 'groups', '--quiet', ...mockFlags(healthy)], {
      cwd: workDir(),
    });
    expect(run.code, run.stderr).toBe(0);
  });

  it.concurrent('1: the run failed (every task failed)', async () => {
    const cwd = workDir();
    const run = await runCli(['sync', 'groups', ...mockFlags(denied)], { cwd });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/tasks: error, 0 records/);
    expect(run.stderr).toMatch(/groups: error - .*403/);
    expect((await loggedRuns(cwd))[0]?.status).toBe('error');
  });

  it.concurrent('2: bad usage, bad configuration, a failed preflight; nothing written', async () => {
    const cwd = workDir();
    const cases: [string[], RegExp][] = [
      [['sync', 'groups', '--no-such-flag'], /unknown option '--no-such-flag'/],
      [['sync', 'groups', '--instance', 'ftp://x', '--user', 'u', '--password', 'p'], /--instance/],
      [
        [
          'sync',
          'groups',
          '--instance',
          'https://no-such-host.invalid',
          '--user',
          'u',
          '--password',
          'p',
        ],
        /^servicenow-sync: cannot reach https:\/\/no-such-host\.invalid: host not found; check --instance/,
      ],
      [
        [
          'sync',
          'groups',
          '--instance',
          healthy.url,
          '--user',
          healthy.credentials.username,
          '--password',
          'nope',
        ],
        /^servicenow-sync: ServiceNow rejected the credentials of user .* \(401/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args, { cwd });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
    expect(filesIn(cwd)).toEqual([]);
  });

  it.concurrent('3: partial (one task failed, the other loaded)', async () => {
    const cwd = workDir();
    const run = await runCli(['sync', 'users', 'groups', '--json', ...mockFlags(denied)], { cwd });
    expect(run.code, run.stderr).toBe(3);
    const result = JSON.parse(run.stdout) as {
      status: string;
      tasks: Record<string, { status: string }>;
    };
    expect(result.status).toBe('partial');
    expect(result.tasks.users?.status).toBe('success');
    expect(result.tasks.groups?.status).toBe('error');
    expect((await loggedRuns(cwd))[0]?.status).toBe('partial');
  });

  it.concurrent('4: another run of the job holds the lock', async () => {
    const cwd = workDir();
    const db = createDatabase(`sqlite:${join(cwd, 'servicenow.db')}`);
    const lock = new KyselyRunLock(db);
    let lease: RunLease | undefined;
    try {
      lease = await lock.acquire({
        job: 'tasks:groups',
        instance: normalizeInstanceUrl(healthy.url),
      });
      const run = await runCli(['sync', 'groups', ...mockFlags(healthy)], { cwd });
      expect(run.code, run.stderr).toBe(4);
      expect(run.stderr).toMatch(/^servicenow-sync: A tasks:groups run is already in progress/);
    } finally {
      if (lease) await lock.release(lease);
      await db.destroy();
    }
  });

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it.concurrent(`${code}: a clean stop on ${signal}; the run is logged cancelled, once`, async () => {
      const cwd = workDir();
      const started = startCli(['sync', 'users', '--page-size', '5', ...mockFlags(slow)], { cwd });
      // The run is registered (logged `running`) once its first task starts.
      while (!started.stderr().includes('started  users')) {
        if (started.child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      started.child.kill(signal);
      const run = await started.done;
      expect(run.code, run.stderr).toBe(code);
      expect(run.stderr).toMatch(/tasks: cancelled, \d+ records/);
      const reason = `The run was cancelled: ${signal === 'SIGINT' ? 'interrupted' : 'terminated'} (${signal})`;
      expect(run.stderr.split(reason)).toHaveLength(2); // said once
      const [logged] = await loggedRuns(cwd);
      expect(logged?.status).toBe('cancelled');
      expect(logged?.errorMessage).toBe(`RunCancelledError: ${reason}`);
      expect(logged?.tasks).toMatchObject([
        { name: 'users', status: 'cancelled', errorMessage: null },
      ]);
      const text = await runCli(['runs'], { cwd });
      expect(text.stdout).toContain(` cancelled started `);
      expect(text.stdout).toContain(`    RunCancelledError: ${reason}`);
    });
  }

  it.concurrent('demo uses the same codes: 130 after Ctrl-C', async () => {
    const cwd = workDir();
    const started = startCli(['demo', '--db', 'sqlite:./demo.db'], { cwd });
    while (!started.stderr().includes('started  incidents_opened')) {
      if (started.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    started.child.kill('SIGINT');
    const run = await started.done;
    expect(run.code, run.stderr).toBe(130);
    const demoRuns = await runCli(['runs', '--json', '--db', 'sqlite:./demo.db'], { cwd });
    expect((JSON.parse(demoRuns.stdout) as LoggedRunJson[]).map((r) => r.status)).toEqual([
      'cancelled',
    ]);
  });
});
