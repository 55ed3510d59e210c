/**
 * A start that fails releases what it took: the database refusing the log row, or the lock's
 * first heartbeat (which records the execution id), leaves no lock row and no `running` log
 * row, and the next run starts. And the lock comes first: a refused second run learns it before
 * the time-zone probe, however slowly the instance would answer that.
 * SQLite triggers play the database that refuses (a full disk).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { ServiceNowClient } from '../../src/client/index.js';
import { KyselyExecutionLogger, KyselyRunLock, readRuns } from '../../src/log/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { lockJobOf, RunInProgressError, runTasks, startRun } from '../../src/run/index.js';
import { groupsTask } from '../../src/tasks/catalog/index.js';
import { connectDatabase } from '../../src/wiring/index.js';
import { type TestDb, useRunHarness } from '../support/run-harness.js';

let mock: MockServiceNow;
let client: ServiceNowClient;
const freshDb = useRunHarness('sn-failed-start-', { seed: 12, scale: 10 }, (m, c) => {
  mock = m;
  client = c;
});

const FULL = 'database or disk is full';

/** A database whose log and lock tables exist (one run went through). */
async function usedDb(): Promise<TestDb> {
  const db = freshDb();
  const first = await runTasks([groupsTask()], { client, ...connectDatabase(db) });
  expect(first.status).toBe('success');
  return db;
}

const lockRows = (db: TestDb) => db.selectFrom('servicenow_run_lock').selectAll().execute();

describe('a start that fails', () => {
  it('releases the lock when the database refuses the log row', async () => {
    const db = await usedDb();
    await sql`CREATE TRIGGER refuse_log BEFORE INSERT ON servicenow_execution_log
      BEGIN SELECT RAISE(ABORT, ${sql.raw(`'${FULL}'`)}); END`.execute(db);
    await expect(runTasks([groupsTask()], { client, ...connectDatabase(db) })).rejects.toThrow(
      FULL,
    );
    expect(await lockRows(db)).toEqual([]);
    expect((await readRuns(db, { limit: 10 })).map((run) => run.status)).toEqual(['success']);
    await sql`DROP TRIGGER refuse_log`.execute(db);
    const next = await runTasks([groupsTask()], { client, ...connectDatabase(db) });
    expect(next.status).toBe('success');
  });

  it('releases the lock and closes the log row when the first heartbeat is refused', async () => {
    const db = await usedDb();
    await sql`CREATE TRIGGER refuse_beat BEFORE UPDATE ON servicenow_run_lock
      BEGIN SELECT RAISE(ABORT, ${sql.raw(`'${FULL}'`)}); END`.execute(db);
    mock.clearRequests();
    await expect(runTasks([groupsTask()], { client, ...connectDatabase(db) })).rejects.toThrow(
      FULL,
    );
    expect(await lockRows(db)).toEqual([]);
    const [failed, first] = await readRuns(db, { limit: 10 });
    expect(first?.status).toBe('success');
    expect(failed?.status).toBe('error');
    expect(failed?.endedAt).not.toBeNull();
    expect(failed?.errorMessage).toContain(FULL);
    // Nothing was read past the start: no page of the table.
    expect(
      mock.requests.filter(
        (r) => r.table === 'sys_user_group' && r.query.sysparm_fields !== 'sys_id',
      ),
    ).toEqual([]);
    await sql`DROP TRIGGER refuse_beat`.execute(db);
    const next = await runTasks([groupsTask()], { client, ...connectDatabase(db) });
    expect(next.status).toBe('success');
  });
});

describe('the execution logger', () => {
  it('closes its own row as error when closing the replaced run is refused', async () => {
    const db = freshDb();
    const logger = new KyselyExecutionLogger(db);
    const start = { executionType: 'tasks', window: null, tasks: [] };
    const dead = await logger.runStarted({ ...start, startedAt: new Date(), lockOwner: 'dead' });
    await sql`CREATE TRIGGER refuse_close BEFORE UPDATE ON servicenow_execution_log
      WHEN NEW.status = 'abandoned'
      BEGIN SELECT RAISE(ABORT, ${sql.raw(`'${FULL}'`)}); END`.execute(db);
    await expect(
      logger.runStarted({
        ...start,
        startedAt: new Date(),
        lockOwner: 'next',
        replacedRun: { executionId: dead, lockOwner: 'dead', heartbeatAt: '2026-01-01 00:00:00' },
      }),
    ).rejects.toThrow(FULL);
    const runs = await readRuns(db, { limit: 10 });
    expect(runs.map((run) => run.status)).toEqual(['error', 'running']);
    expect(runs[0]?.errorMessage).toMatch(/^The run could not start: .*database or disk is full/);
  });
});

describe('a second run', () => {
  it('is refused by the lock before the time-zone probe reads the integration user', async () => {
    const db = await usedDb();
    const lock = new KyselyRunLock(db);
    const lease = await lock.acquire({ job: lockJobOf([groupsTask()]), instance: mock.url });
    // Were the time zone read first, the run would wait on this answer for ten minutes.
    mock.setFaults({ latencyMs: { table: 'sys_user', ms: 600_000 } });
    mock.clearRequests();
    await expect(
      startRun([groupsTask()], { client, ...connectDatabase(db), preflight: false }),
    ).rejects.toBeInstanceOf(RunInProgressError);
    expect(mock.requests.filter((r) => r.table === 'sys_user')).toEqual([]);
    await lock.release(lease);
  });
});
