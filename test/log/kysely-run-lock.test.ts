/**
 * KyselyRunLock on every database: a dead holder of this host is replaced at once, a live one
 * is not, a holder elsewhere only after the stale time (injected clock), and a heartbeat tells
 * whether the lease still holds the lock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/index.js';
import { isProcessAlive, KyselyRunLock, type KyselyRunLockOptions } from '../../src/log/index.js';
import { RunInProgressError } from '../../src/run/index.js';
import { dropTables, type TestDatabase, testDatabases } from '../support/databases.js';

const START = Date.parse('2026-11-29T12:00:00Z');
/** Process ids the injected liveness check calls dead. */
const DEAD = new Set([4001, 4002]);

for (const target of testDatabases) {
  describe.skipIf(!target.available)(`KyselyRunLock on ${target.name}`, () => {
    let t: TestDatabase;
    let clock = START;
    let jobs = 0;
    beforeAll(async () => {
      t = await target.open();
      await dropTables(t.db, ['servicenow_run_lock']);
    });
    afterAll(async () => {
      await dropTables(t.db, ['servicenow_run_lock']);
      await t.close();
    });

    /** A lock as a process `pid` of `host` sees it, on the shared clock. */
    const lockOf = (host: string, pid: number, options: KyselyRunLockOptions = {}) =>
      new KyselyRunLock(t.db, {
        host,
        pid,
        now: () => clock,
        staleAfterMs: 60_000,
        isProcessAlive: (p) => !DEAD.has(p),
        ...options,
      });
    /** A key of its own for each test, so that tests never share a lock. */
    const key = () => ({ job: `job-${++jobs}`, instance: 'https://acme.service-now.com' });

    it('lists no holder, and creates nothing, before any lock was taken', async () => {
      expect(await lockOf('h1', 1).holders()).toEqual([]);
      const tables = (await t.db.introspection.getTables()).map((table) => table.name);
      expect(tables).not.toContain('servicenow_run_lock');
    });

    it('replaces a holder of this host whose process is gone at once, whatever its heartbeat', async () => {
      const k = key();
      const dead = await lockOf('h1', 4001).acquire(k);
      await lockOf('h1', 4001).heartbeat({ ...dead, executionId: '17' });
      // The same instant: its heartbeat is fresh, but its process is gone.
      const next = await lockOf('h1', 777).acquire(k);
      expect(next.replaced).toMatchObject({
        owner: dead.owner,
        host: 'h1',
        pid: 4001,
        executionId: '17',
        reason: 'process-gone',
      });
      const [holder] = await lockOf('h1', 777).holders(k.job);
      expect(holder).toMatchObject({ owner: next.owner, pid: 777, host: 'h1' });
    });

    it('refuses while the holder of this host is alive, and replaces it once stale', async () => {
      const k = key();
      const first = await lockOf('h1', 501).acquire(k);
      await expect(lockOf('h1', 502).acquire(k)).rejects.toBeInstanceOf(RunInProgressError);
      clock += 59_000;
      await expect(lockOf('h1', 502).acquire(k)).rejects.toBeInstanceOf(RunInProgressError);
      clock += 2_000;
      const next = await lockOf('h1', 502).acquire(k);
      expect(next.replaced).toMatchObject({ owner: first.owner, reason: 'stale' });
    });

    it('waits the stale time for a holder on another host, even when its pid is dead here', async () => {
      const k = key();
      const elsewhere = await lockOf('h2', 4002).acquire(k);
      await expect(lockOf('h1', 600).acquire(k)).rejects.toThrow(/already in progress/);
      clock += 30_000;
      await lockOf('h2', 4002).heartbeat(elsewhere);
      clock += 45_000; // 75 s after it was taken, 45 s after its last heartbeat
      await expect(lockOf('h1', 600).acquire(k)).rejects.toBeInstanceOf(RunInProgressError);
      clock += 16_000;
      const next = await lockOf('h1', 600).acquire(k);
      expect(next.replaced).toMatchObject({ host: 'h2', pid: 4002, reason: 'stale' });
    });

    it('reports in each heartbeat whether the lease still holds the lock', async () => {
      const k = key();
      const lock = lockOf('h1', 800);
      const lease = await lock.acquire(k);
      expect(await lock.heartbeat(lease)).toBe(true);
      // The same second again (nothing changes in the row): still held.
      expect(await lock.heartbeat(lease)).toBe(true);
      const taken = await lockOf('h1', 801).takeOver(k);
      expect(taken.replaced).toMatchObject({ owner: lease.owner, reason: 'by-hand' });
      expect(await lock.heartbeat(lease)).toBe(false);
      expect(await lockOf('h1', 801).heartbeat(taken)).toBe(true);
      await lock.release(lease); // not the holder any more: does nothing
      expect(await lockOf('h1', 801).heartbeat(taken)).toBe(true);
      await lockOf('h1', 801).release(taken);
      expect(await lockOf('h1', 801).heartbeat(taken)).toBe(false);
      expect(await lock.holders(k.job)).toEqual([]);
    });

    it('refuses a stale time that a live run could reach between two heartbeats', () => {
      expect(() => new KyselyRunLock(t.db, { heartbeatMs: 30_000, staleAfterMs: 30_000 })).toThrow(
        ConfigurationError,
      );
      expect(() => new KyselyRunLock(t.db, { heartbeatMs: 30_000, staleAfterMs: 20_000 })).toThrow(
        'KyselyRunLock option staleAfterMs (20000) must be longer than heartbeatMs (30000)',
      );
    });
  });
}

describe('isProcessAlive', () => {
  it('is true for this process and false for a process id that is not running', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    // Linux pids stop far below 2^22; no process has this id.
    expect(isProcessAlive(2 ** 22 + 12_345)).toBe(false);
    expect(isProcessAlive(0)).toBe(true); // unknown: never taken for dead
  });
});
