/**
 * A run that loses its lock stops itself: its heartbeat finds the lock taken over or removed
 * by hand, and the run is cancelled with a reason saying so. A lock whose heartbeat resolves
 * nothing (written before heartbeats reported) counts as held.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceNowClient } from '../../src/client/index.js';
import { KyselyRunLock, readRuns, unlockJob } from '../../src/log/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { type RunLease, type RunLock, startRun } from '../../src/run/index.js';
import { usersTask } from '../../src/tasks/catalog/index.js';
import { connectDatabase } from '../../src/wiring/index.js';
import { useRunHarness } from '../support/run-harness.js';

let mock: MockServiceNow;
let client: ServiceNowClient;
const freshDb = useRunHarness('sn-lock-loss-', { seed: 11, scale: 100 }, (m, c) => {
  mock = m;
  client = c;
});

/** Requests for the users table's rows (not the integration user's record, nor the preflight's). */
const userPages = () =>
  mock.requests.filter(
    (r) =>
      r.table === 'sys_user' &&
      !r.query.sysparm_query?.startsWith('user_name=') &&
      r.query.sysparm_fields !== 'sys_id',
  ).length;

describe('a run whose lock is lost', () => {
  it('reads nothing when its lock is already gone at the first heartbeat', async () => {
    const db = freshDb();
    const inner = new KyselyRunLock(db);
    const stolen: RunLock = {
      heartbeatMs: inner.heartbeatMs,
      acquire: (key) => inner.acquire(key),
      release: (lease) => inner.release(lease),
      takeOver: (key) => inner.takeOver(key),
      async heartbeat(lease: RunLease) {
        await inner.takeOver(lease); // another run takes the lock before ours beats once
        return inner.heartbeat(lease);
      },
    };
    mock.clearRequests();
    const run = await startRun([usersTask()], { client, ...connectDatabase(db), lock: stolen });
    const result = await run.done;
    expect(result.error?.message).toContain('no longer holds its lock');
    expect(userPages()).toBe(0);
  });

  // First: the next test leaves a page request on its way to the mock (its 600 s latency is
  // cut short by the cancel), which may reach the server during the test after it.
  it('stops at its next heartbeat when its lock is removed by hand', async () => {
    const db = freshDb();
    // The table's pages never come back while the test waits: only losing the lock ends the run.
    mock.setFaults({ latencyMs: { table: 'sys_user', ms: 600_000 } });
    const parts = connectDatabase(db, { heartbeatMs: 20, staleAfterMs: 120_000 });
    // No time-zone check nor preflight: they read sys_user too, and would wait as long.
    const run = await startRun([usersTask()], {
      client,
      ...parts,
      checkTimeZone: false,
      preflight: false,
    });
    const removed = await unlockJob(db, { job: 'tasks:users' });
    expect(removed.removedLock?.executionId).toBe(run.id);
    const result = await run.done;
    expect(result.error?.name).toBe('RunCancelledError');
    expect(result.error?.message).toContain(
      `no longer holds its lock (job tasks:users on ${mock.url})`,
    );
    expect(result.status).toBe('cancelled');
    expect(result.tasks.users?.status).toBe('cancelled');
    const [logged] = await readRuns(db, { id: run.id });
    expect(logged?.status).toBe('cancelled');
    expect(logged?.errorMessage).toContain('no longer holds its lock');
  });

  it('goes on with a lock whose heartbeat resolves nothing (an older RunLock)', async () => {
    const db = freshDb();
    const inner = new KyselyRunLock(db);
    const older: RunLock = {
      heartbeatMs: inner.heartbeatMs,
      acquire: (key) => inner.acquire(key),
      release: (lease) => inner.release(lease),
      takeOver: (key) => inner.takeOver(key),
      async heartbeat(lease: RunLease): Promise<void> {
        await inner.heartbeat(lease);
      },
    };
    const run = await startRun([usersTask()], { client, ...connectDatabase(db), lock: older });
    const result = await run.done;
    expect(result.status).toBe('success');
    expect(result.tasks.users?.recordsProcessed).toBe(mock.data.count('sys_user'));
  });
});
