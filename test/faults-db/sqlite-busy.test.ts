/**
 * Issue 21 item 4: a SQLite write transaction begins IMMEDIATE, so the busy timeout applies to
 * it. Another process holds the database's write lock for about a second (and commits a change
 * of its own, which would leave a deferred transaction's snapshot stale); the write waits it out
 * instead of failing at once with `database is locked`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceNowClient } from '../../src/client/index.js';
import { createDatabase, type SyncTables } from '../../src/database/index.js';
import type { Row } from '../../src/fields/index.js';
import { createMockServiceNow, type MockServiceNow } from '../../src/mock/index.js';
import { runTasks } from '../../src/run/index.js';
import { KyselySink, type SinkCallOptions, type WriteResult } from '../../src/sink/index.js';
import { usersTask } from '../../src/tasks/catalog/index.js';
import { defineTask, type TaskDefinition } from '../../src/tasks/index.js';

/** The outside writer: takes the write lock, writes a row, says so, commits after `holdMs`. */
const HOLDER = `
const Database = require('better-sqlite3');
const [file, holdMs] = process.argv.slice(1);
const db = new Database(file);
db.pragma('busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
db.exec('CREATE TABLE IF NOT EXISTS outside_writer (n INTEGER)');
db.exec('INSERT INTO outside_writer VALUES (1)');
process.stdout.write('locked\\n');
setTimeout(() => {
  db.exec('COMMIT');
  db.close();
  process.stdout.write('released\\n');
}, Number(holdMs));
`;

/** A lock held by another process on `file`: resolves once it is held. */
interface HeldLock {
  readonly child: ChildProcess;
  /** Resolves with the exit code once the holder has committed and exited. */
  readonly done: Promise<number | null>;
  /** The lines the holder printed. */
  readonly lines: string[];
}

async function holdWriteLock(file: string, holdMs = 1000): Promise<HeldLock> {
  const child = spawn(process.execPath, ['-e', HOLDER, file, String(holdMs)], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const done = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const reader = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  await new Promise<void>((resolve, reject) => {
    reader.on('line', (line) => {
      lines.push(line);
      if (line === 'locked') resolve();
    });
    child.on('exit', (code) =>
      reject(new Error(`the lock holder exited (${code}) before locking`)),
    );
  });
  return { child, done, lines };
}

const rows = (n: number, tag: string): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    sys_id: `busy${String(i).padStart(4, '0')}`,
    user_name: `${tag}${i}`,
  }));

describe('SQLite waits out another process holding the write lock', () => {
  let dir: string;
  let file: string;
  let db: Kysely<SyncTables>;
  let mock: MockServiceNow;
  let client: ServiceNowClient;
  const task = defineTask({
    name: 'busy_users',
    table: 'sys_user',
    target: 'busy_users',
    fields: { user_name: 'string' },
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sn-busy-'));
    file = join(dir, 'sync.db');
    db = createDatabase(`sqlite:${file}`, { busyTimeoutMs: 10_000 });
    mock = await createMockServiceNow({ seed: 4, scale: 60 });
    client = new ServiceNowClient({
      instanceUrl: mock.url,
      auth: { type: 'basic', ...mock.credentials },
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    });
  });
  afterAll(async () => {
    await client.close();
    await mock.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a batch upsert (prepared-statement path) starts while the lock is held and commits after it', async () => {
    const sink = new KyselySink(db);
    await sink.prepare(task);
    await sink.write(task, rows(50, 'before'));
    const lock = await holdWriteLock(file);
    const result = await sink.write(task, rows(80, 'during'));
    expect(result).toMatchObject({ written: 80, inserted: 30, updated: 50 });
    expect(await lock.done).toBe(0);
    expect(lock.lines).toEqual(['locked', 'released']);
    const stored = await db.selectFrom('busy_users').select(['user_name']).execute();
    expect(stored).toHaveLength(80);
    expect(stored.every((row) => String(row.user_name).startsWith('during'))).toBe(true);
    const outside = await db
      .selectFrom('outside_writer' as 'busy_users')
      .selectAll()
      .execute();
    expect(outside).toHaveLength(1);
  });

  it('a Kysely transaction that reads before it writes waits too', async () => {
    const lock = await holdWriteLock(file);
    const count = await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('busy_users').select(['sys_id']).execute();
      await trx.deleteFrom('busy_users').where('sys_id', '=', 'busy0000').execute();
      return before.length;
    });
    expect(count).toBe(80);
    expect(await lock.done).toBe(0);
    expect(await db.selectFrom('busy_users').select(['sys_id']).execute()).toHaveLength(79);
    expect(
      await db
        .selectFrom('outside_writer' as 'busy_users')
        .selectAll()
        .execute(),
    ).toHaveLength(2);
  });

  it('a run whose first write meets the lock waits it out and loads the table', async () => {
    let lock: HeldLock | undefined;
    /** Takes the outside lock just before the run's first write. */
    class LockedOnceSink extends KyselySink {
      override async write(
        t: TaskDefinition,
        batch: readonly Row[],
        options?: SinkCallOptions,
      ): Promise<WriteResult> {
        lock ??= await holdWriteLock(file);
        return super.write(t, batch, options);
      }
    }
    const users = usersTask();
    const result = await runTasks([users], { client, sink: new LockedOnceSink(db), pageSize: 25 });
    expect(lock).toBeDefined();
    expect(await lock?.done).toBe(0);
    expect(result.tasks[users.name]).toMatchObject({ status: 'success', recordsRejected: 0 });
    expect(result.tasks[users.name]?.recordsProcessed).toBe(mock.data.count('sys_user'));
    const stored = await db.selectFrom(users.target).select(['sys_id']).execute();
    expect(stored).toHaveLength(mock.data.count('sys_user'));
  });
});
