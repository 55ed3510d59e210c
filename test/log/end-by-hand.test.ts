/**
 * Dead runs and stuck runs in the execution log, on every database: a run that takes a dead
 * one's lock over closes its row and its unfinished task rows as `abandoned` (found by
 * execution id, or by its lock lease when it died before recording its id); `unlockJob` and
 * `cancelRun` end a run by hand as `cancelled`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/index.js';
import {
  cancelRun,
  KyselyExecutionLogger,
  KyselyRunLock,
  readRuns,
  unlockJob,
} from '../../src/log/index.js';
import type { RunLease, RunStartInfo } from '../../src/run/index.js';
import { dropTables, type TestDatabase, testDatabases } from '../support/databases.js';

const LOG_TABLES = ['servicenow_execution_task', 'servicenow_execution_log', 'servicenow_run_lock'];
const INSTANCE = 'https://acme.service-now.com';
const DEAD_PID = 4242;
const now = () => Date.parse('2026-11-29T12:00:00Z');

const info = (executionType: string): RunStartInfo => ({
  executionType,
  window: null,
  startedAt: new Date('2026-11-29T11:59:00Z'),
  tasks: [
    { name: 'users', table: 'sys_user', target: 'sys_user' },
    { name: 'groups', table: 'sys_user_group', target: 'sys_user_group' },
  ],
});

for (const target of testDatabases) {
  describe.skipIf(!target.available)(`dead and stuck runs on ${target.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await target.open();
      await dropTables(t.db, LOG_TABLES);
    });
    afterAll(async () => {
      await dropTables(t.db, LOG_TABLES);
      await t.close();
    });

    const lockOf = (host: string, pid: number) =>
      new KyselyRunLock(t.db, { host, pid, now, isProcessAlive: (p) => p !== DEAD_PID });
    const logger = () => new KyselyExecutionLogger(t.db, { now });

    /**
     * What startRun does up to the first task: take the lock, register the run (with its lease),
     * record the execution id with the lock unless `recordId` is false, start task `users` and
     * finish task `groups`.
     */
    async function startedRun(
      job: string,
      lock: KyselyRunLock,
      recordId = true,
    ): Promise<{ id: string; lease: RunLease }> {
      const lease = await lock.acquire({ job, instance: INSTANCE });
      const id = await logger().runStarted({ ...info(job), lockOwner: lease.owner });
      if (recordId) await lock.heartbeat({ ...lease, executionId: id });
      const log = logger();
      const startedAt = new Date(now());
      await log.taskStarted(id, { ...info(job).tasks[0]!, startedAt });
      await log.taskStarted(id, { ...info(job).tasks[1]!, startedAt });
      await t.db
        .updateTable('servicenow_execution_task')
        .set({ status: 'success' })
        .where('execution_id', '=', Number(id))
        .where('task_name', '=', 'groups')
        .execute();
      return { id, lease: { ...lease, executionId: id } };
    }

    /** What the next run does: take the lock over and register, naming the dead run. */
    async function takeOver(job: string): Promise<string> {
      const lease = await lockOf('h1', 100).acquire({ job, instance: INSTANCE });
      const dead = lease.replaced;
      expect(dead?.reason).toBe('process-gone');
      return logger().runStarted({
        ...info(job),
        lockOwner: lease.owner,
        ...(dead === undefined
          ? {}
          : {
              replacedRun: {
                ...(dead.executionId === undefined ? {} : { executionId: dead.executionId }),
                lockOwner: dead.owner,
                host: dead.host,
                pid: dead.pid,
                heartbeatAt: dead.heartbeatAt,
                ...(dead.reason === undefined ? {} : { reason: dead.reason }),
              },
            }),
      });
    }

    async function run(id: string) {
      const [logged] = await readRuns(t.db, { id });
      if (!logged) throw new Error(`no run ${id}`);
      return logged;
    }

    it('closes a dead run taken over at once as abandoned, with its unfinished tasks', async () => {
      const dead = await startedRun('abandon-by-id', lockOf('h1', DEAD_PID));
      const next = await takeOver('abandon-by-id');
      const closed = await run(dead.id);
      expect(closed.status).toBe('abandoned');
      expect(closed.endedAt).toBe('2026-11-29 12:00:00');
      expect(closed.errorMessage).toBe(
        `Abandoned: its process (pid ${DEAD_PID} on host h1) stopped without finishing; run ${next} took its lock over. Committed rows were kept; the next run completes the data.`,
      );
      const tasks = Object.fromEntries(closed.tasks.map((task) => [task.name, task]));
      expect(tasks.users).toMatchObject({ status: 'abandoned', endedAt: '2026-11-29 12:00:00' });
      expect(tasks.users?.errorMessage).toContain(`run ${next} took its lock over`);
      expect(tasks.groups?.status).toBe('success');
      expect((await run(next)).status).toBe('running');
    });

    it('finds a dead run by its lock lease when it died before recording its execution id', async () => {
      const dead = await startedRun('abandon-by-lease', lockOf('h1', DEAD_PID), false);
      const [holder] = await lockOf('h1', 1).holders('abandon-by-lease');
      expect(holder?.executionId).toBeUndefined();
      await takeOver('abandon-by-lease');
      expect((await run(dead.id)).status).toBe('abandoned');
    });

    it('unlockJob removes the lock and cancels its run; a second call finds nothing', async () => {
      const lock = lockOf('elsewhere', 300);
      const stuck = await startedRun('unlock-one', lock);
      const result = await unlockJob(t.db, { job: 'unlock-one', now, host: 'h1' });
      expect(result.removedLock).toMatchObject({
        job: 'unlock-one',
        pid: 300,
        executionId: stuck.id,
      });
      expect(result.holderAlive).toBeUndefined(); // another host: not known
      expect(result.closedRuns).toEqual([stuck.id]);
      const closed = await run(stuck.id);
      expect(closed.status).toBe('cancelled');
      expect(closed.errorMessage).toContain('Cancelled by hand (unlockJob).');
      expect(closed.tasks.find((task) => task.name === 'users')?.status).toBe('cancelled');
      // Its process, if alive, learns at its next heartbeat that the lock is gone.
      expect(await lock.heartbeat(stuck.lease)).toBe(false);
      expect(await unlockJob(t.db, { job: 'unlock-one' })).toEqual({
        removedLock: undefined,
        holderAlive: undefined,
        closedRuns: [],
      });
      // The next run starts at once.
      await lockOf('h1', 1).acquire({ job: 'unlock-one', instance: INSTANCE });
    });

    it('unlockJob asks for the instance when the job is locked for several', async () => {
      await lockOf('h1', process.pid).acquire({ job: 'unlock-two', instance: INSTANCE });
      await lockOf('h1', process.pid).acquire({ job: 'unlock-two', instance: 'https://b.test' });
      const both = unlockJob(t.db, { job: 'unlock-two' });
      await expect(both).rejects.toBeInstanceOf(ConfigurationError);
      await expect(unlockJob(t.db, { job: 'unlock-two' })).rejects.toThrow(
        `Job unlock-two is locked for 2 instances (${INSTANCE}, https://b.test)`,
      );
      const one = await unlockJob(t.db, {
        job: 'unlock-two',
        instance: 'https://b.test',
        host: 'h1',
      });
      expect(one.removedLock?.instance).toBe('https://b.test');
      expect(one.holderAlive).toBe(true); // this very process
      const left = await lockOf('h1', 1).holders('unlock-two');
      expect(left.map((h) => h.instance)).toEqual([INSTANCE]);
    });

    it('cancelRun cancels a running run and removes its lock, even one not yet recorded', async () => {
      const lock = lockOf('h1', DEAD_PID);
      const stuck = await startedRun('cancel-lease', lock, false);
      const result = await cancelRun(t.db, stuck.id, { now, host: 'h1', reason: 'Stop it.' });
      expect(result).toMatchObject({
        id: stuck.id,
        previousStatus: 'running',
        cancelled: true,
        holderAlive: false,
        closedRuns: [stuck.id],
      });
      expect(result.removedLock?.owner).toBe(stuck.lease.owner);
      expect((await run(stuck.id)).errorMessage).toMatch(/^Stop it\. Committed rows were kept/);
      expect(await lockOf('h1', 1).holders('cancel-lease')).toEqual([]);
      const again = await cancelRun(t.db, stuck.id);
      expect(again).toMatchObject({
        cancelled: false,
        previousStatus: 'cancelled',
        closedRuns: [],
      });
    });

    it('cancelRun refuses an id the log does not have', async () => {
      await expect(cancelRun(t.db, '999999')).rejects.toThrow('No run 999999 in the execution log');
      await expect(cancelRun(t.db, 'abc')).rejects.toBeInstanceOf(ConfigurationError);
    });

    it('adds lock_owner to an execution log made by an older version', async () => {
      await dropTables(t.db, LOG_TABLES);
      await t.db.schema
        .createTable('servicenow_execution_log')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('execution_type', 'varchar(191)', (c) => c.notNull())
        .addColumn('start_date', 'date')
        .addColumn('end_date', 'date')
        .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('ended_at', 'varchar(32)')
        .addColumn('duration_seconds', 'double precision')
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('total_records_processed', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('api_calls', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('db_operations', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('error_message', 'text')
        .addColumn('heartbeat_at', 'varchar(32)')
        .execute();
      await t.db
        .insertInto('servicenow_execution_log')
        .values({
          id: 7,
          execution_type: 'old',
          started_at: '2026-01-01 00:00:00',
          status: 'running',
        })
        .execute();
      const result = await cancelRun(t.db, '7', { now });
      expect(result.cancelled).toBe(true);
      const columns = (await t.db.introspection.getTables())
        .find((table) => table.name === 'servicenow_execution_log')
        ?.columns.map((c) => c.name);
      expect(columns).toContain('lock_owner');
      expect((await run('7')).status).toBe('cancelled');
    });
  });
}
