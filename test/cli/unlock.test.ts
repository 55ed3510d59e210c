/**
 * Ending stuck runs through the CLI: `unlock JOB`, `runs cancel ID`, and `sync --lock-stale`
 * for a run held on another host.
 */
import { join } from 'node:path';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeInstanceUrl } from '../../src/client/index.js';
import { createDatabase } from '../../src/database/index.js';
import { KyselyExecutionLogger, KyselyRunLock } from '../../src/log/index.js';
import { mockFlags, runCli, tempDir } from './run-cli.js';

let mock: MockServiceNow;
let instance: string;
const dir = tempDir('sn-cli-unlock-');
let files = 0;

beforeAll(async () => {
  mock = await createMockServiceNow({ seed: 9, scale: 50 });
  instance = normalizeInstanceUrl(mock.url);
});
afterAll(async () => {
  await mock.close();
  dir.remove();
});

/** A new SQLite file and its `--db` URL. */
function freshDb(): string {
  files += 1;
  return `sqlite:${join(dir.path, `${files}.db`)}`;
}

interface Stuck {
  readonly job: string;
  readonly instance: string;
  /** Host of the holder. @default 'build-07' (another machine) */
  readonly host?: string;
  /** How long ago its last heartbeat was, in milliseconds. @default 0 */
  readonly ageMs?: number;
}

/** A run that took the lock and logged itself, then went silent (on another host). */
async function stuckRun(url: string, stuck: Stuck): Promise<string> {
  const db = createDatabase(url);
  try {
    const now = () => Date.now() - (stuck.ageMs ?? 0);
    const lock = new KyselyRunLock(db, { host: stuck.host ?? 'build-07', pid: 321, now });
    const lease = await lock.acquire({ job: stuck.job, instance: stuck.instance });
    const id = await new KyselyExecutionLogger(db, { now }).runStarted({
      executionType: stuck.job.startsWith('tasks:') ? 'tasks' : stuck.job,
      window: null,
      startedAt: new Date(now()),
      tasks: [{ name: 'users', table: 'sys_user', target: 'sys_user' }],
      lockOwner: lease.owner,
    });
    await lock.heartbeat({ ...lease, executionId: id });
    return id;
  } finally {
    await db.destroy();
  }
}

interface LoggedRunJson {
  readonly id: string;
  readonly status: string;
  readonly errorMessage: string | null;
}

async function loggedRuns(db: string): Promise<LoggedRunJson[]> {
  const runs = await runCli(['runs', '--db', db, '--json'], { cwd: dir.path });
  return JSON.parse(runs.stdout) as LoggedRunJson[];
}

describe('servicenow-sync unlock', () => {
  it('removes a stuck run’s lock, logs the run cancelled, and finds nothing the second time', async () => {
    const db = freshDb();
    const id = await stuckRun(db, { job: 'tasks:users', instance });
    const unlocked = await runCli(['unlock', 'users', '--db', db], { cwd: dir.path });
    expect(unlocked.code, unlocked.stderr).toBe(0);
    expect(unlocked.stdout).toContain(
      `Removed the lock of job tasks:users on ${instance} (execution ${id}, pid 321 on host build-07, last heartbeat `,
    );
    expect(unlocked.stdout).toContain(`Run ${id} is now cancelled in the execution log.`);
    expect(unlocked.stdout).toContain(
      'If its process (pid 321 on host build-07) still runs, it stops at its next heartbeat.',
    );
    const [run] = await loggedRuns(db);
    expect(run).toMatchObject({ id, status: 'cancelled' });
    expect(run?.errorMessage).toContain('Cancelled by hand (servicenow-sync unlock users).');

    const again = await runCli(['unlock', 'users', '--db', db], { cwd: dir.path });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('No lock held for job tasks:users: nothing to unlock.\n');
    // The next sync starts at once.
    const sync = await runCli(['sync', 'users', '--db', db, '--quiet', ...mockFlags(mock)], {
      cwd: dir.path,
    });
    expect(sync.code, sync.stderr).toBe(0);
  });

  it('asks for --instance when the job is locked for several instances', async () => {
    const db = freshDb();
    await stuckRun(db, { job: 'incidents', instance: 'https://a.service-now.com' });
    const b = await stuckRun(db, { job: 'incidents', instance: 'https://b.service-now.com' });
    const both = await runCli(['unlock', 'incidents', '--db', db], { cwd: dir.path });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(
      'Job incidents is locked for 2 instances (https://a.service-now.com, https://b.service-now.com): give --instance URL',
    );
    const one = await runCli(
      ['unlock', 'incidents', '--instance', 'https://B.service-now.com/', '--db', db, '--json'],
      { cwd: dir.path },
    );
    expect(one.code, one.stderr).toBe(0);
    const result = JSON.parse(one.stdout) as {
      job: string;
      removedLock: { instance: string };
      closedRuns: string[];
    };
    expect(result).toMatchObject({
      job: 'incidents',
      removedLock: { instance: 'https://b.service-now.com' },
      closedRuns: [b],
    });
    const left = await runCli(['unlock', 'incidents', '--instance', 'b', '--db', db], {
      cwd: dir.path,
    });
    expect(left.stdout).toContain(
      'No lock held for job incidents on https://b.service-now.com: nothing to unlock.',
    );
    expect(left.stdout).toContain('Locks held: job incidents on https://a.service-now.com');
  });

  it('refuses a database file that does not exist, and an unknown job', async () => {
    const missing = await runCli(['unlock', 'users', '--db', 'sqlite:./nowhere.db'], {
      cwd: dir.path,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No database at');
    const unknown = await runCli(['unlock', 'nosuchtask', '--db', freshDb()], { cwd: dir.path });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown job or task "nosuchtask"');
  });
});

describe('servicenow-sync runs cancel', () => {
  it('cancels a running run and removes its lock; a finished run is left alone', async () => {
    const db = freshDb();
    const id = await stuckRun(db, { job: 'configurations', instance });
    // Flags before `cancel` belong to `runs`: they apply too.
    const cancelled = await runCli(['runs', '--db', db, 'cancel', id], { cwd: dir.path });
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stdout).toContain(`Run ${id} is now cancelled in the execution log.`);
    expect(cancelled.stdout).toContain(`Removed the lock of job configurations on ${instance}`);
    const [run] = await loggedRuns(db);
    expect(run?.status).toBe('cancelled');
    expect(run?.errorMessage).toContain(`Cancelled by hand (servicenow-sync runs cancel ${id}).`);

    const again = await runCli(['runs', 'cancel', id, '--db', db], { cwd: dir.path });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`Run ${id} already finished (cancelled): nothing to cancel.\n`);
    const list = await runCli(['runs', '--db', db], { cwd: dir.path });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`#${id} configurations cancelled`);
  });

  it('refuses an id the execution log does not have', async () => {
    const db = freshDb();
    await stuckRun(db, { job: 'incidents', instance });
    const unknown = await runCli(['runs', 'cancel', '999', '--db', db], { cwd: dir.path });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('servicenow-sync: No run 999 in the execution log\n');
  });
});

describe('servicenow-sync sync --lock-stale', () => {
  it('takes over a run silent on another host for longer than --lock-stale, not before', async () => {
    const db = freshDb();
    const silent = await stuckRun(db, { job: 'tasks:users', instance, ageMs: 90_000 });
    const args = ['sync', 'users', '--db', db, '--quiet', ...mockFlags(mock)];
    // 90 s of silence is not dead for the default of 120 s.
    const refused = await runCli(args, { cwd: dir.path });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      `A tasks:users run is already in progress (execution ${silent}, last heartbeat `,
    );
    expect(refused.stderr).toContain(
      'wait for it to finish, or end it by hand if it is stuck (servicenow-sync unlock tasks:users).',
    );
    const taken = await runCli(args, { cwd: dir.path, env: { SN_LOCK_STALE: '60' } });
    expect(taken.code, taken.stderr).toBe(0);
    const [latest, dead] = await loggedRuns(db);
    expect(latest?.status).toBe('success');
    expect(dead).toMatchObject({ id: silent, status: 'abandoned' });
    expect(dead?.errorMessage).toMatch(
      new RegExp(
        `^Abandoned: no heartbeat since .* UTC \\(pid 321 on host build-07\\); run ${latest?.id} took its lock over`,
      ),
    );
  });

  it('refuses a stale time shorter than two heartbeats', async () => {
    const short = await runCli(['sync', 'users', '--lock-stale', '10', ...mockFlags(mock)], {
      cwd: dir.path,
    });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain(
      '--lock-stale must be at least 30 seconds (runs refresh their lock every 15 s), received 10',
    );
    const text = await runCli(['sync', 'users', '--lock-stale', 'soon', ...mockFlags(mock)], {
      cwd: dir.path,
    });
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('--lock-stale must be a positive integer, received "soon"');
  });
});
