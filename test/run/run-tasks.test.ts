import { describe, expect, it } from 'vitest';
import type { ServiceNowClient } from '../../src/client/index.js';
import { KyselyExecutionLogger, KyselyRunLock, readRuns } from '../../src/log/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import {
  InvalidWindowError,
  type ProgressEvent,
  type RunClient,
  RunInProgressError,
  runTasks,
  startRun,
} from '../../src/run/index.js';
import { KyselySink } from '../../src/sink/index.js';
import { groupsTask, usersTask } from '../../src/tasks/catalog/index.js';
import { defineTask } from '../../src/tasks/index.js';
import { startIncidents } from '../../src/wiring/index.js';
import { useRunHarness } from '../support/run-harness.js';

let mock: MockServiceNow;
let client: ServiceNowClient;
const freshDb = useRunHarness('sn-run-', { seed: 3, scale: 300 }, (m, c) => {
  mock = m;
  client = c;
});

describe('runTasks', () => {
  it('isolates a failing task: an unknown table fails alone, the others load', async () => {
    const db = freshDb();
    const missing = defineTask({
      name: 'missing',
      table: 'u_no_such_table',
      fields: { name: 'string' },
    });
    const events: ProgressEvent[] = [];
    mock.clearRequests();
    const result = await runTasks([missing, usersTask(), groupsTask()], {
      client,
      sink: new KyselySink(db),
      concurrency: 2,
      pageSize: 40,
      onProgress: (e) => events.push(e),
    });
    expect(result.status).toBe('partial');
    expect(result.tasks.missing?.status).toBe('error');
    expect(result.tasks.missing?.error).toMatchObject({ name: 'InvalidTableError' });
    expect(result.tasks.missing?.error?.message).toContain('Invalid table u_no_such_table');
    expect(result.tasks.users?.status).toBe('success');
    expect(result.tasks.users?.recordsProcessed).toBe(mock.data.count('sys_user'));
    expect(result.tasks.groups?.recordsProcessed).toBe(mock.data.count('sys_user_group'));
    // Every request is counted: the data pages (the final empty page included), the newest
    // sys_updated_on asked before a whole-table load (its watermark) and the completeness count.
    const pageRequests = mock.requests.filter(
      (r) => r.table === 'sys_user' && r.query.sysparm_limit === '40',
    ).length;
    expect(pageRequests).toBe(Math.ceil(mock.data.count('sys_user') / 40) + 1);
    const taskRequests = mock.requests.filter(
      (r) => r.table === 'sys_user' && !r.query.sysparm_query?.startsWith('user_name='),
    ).length;
    expect(taskRequests).toBe(pageRequests + 2);
    expect(result.tasks.users?.apiCalls).toBe(taskRequests);
    expect(
      events
        .filter((e) => e.type === 'taskStarted')
        .map((e) => e.task)
        .sort(),
    ).toEqual(['groups', 'missing', 'users']);
    expect(events.filter((e) => e.type === 'taskFinished')).toHaveLength(3);
    await db.destroy();
  });

  it('counts records the codecs refuse and marks the task partial', async () => {
    const db = freshDb();
    // `user_name` is text: as an integer every row with letters is refused.
    const strict = defineTask({
      name: 'strict_users',
      table: 'sys_user',
      fields: { user_name: 'integer', name: 'string' },
    });
    const result = await runTasks([strict], { client, sink: new KyselySink(db) });
    expect(result.tasks.strict_users?.status).toBe('partial');
    expect(result.tasks.strict_users?.recordsRejected).toBeGreaterThan(0);
    expect(result.tasks.strict_users?.rejects[0]).toMatchObject({
      name: 'RecordRejectedError',
      code: 'RECORD_REJECTED',
    });
    expect(result.tasks.strict_users?.rejects[0]?.message).toContain('user_name');
    expect(result.status).toBe('partial');
    await db.destroy();
  });

  it('refuses a bad window before any request or write', async () => {
    const db = freshDb();
    const before = mock.requests.length;
    await expect(
      runTasks([usersTask()], {
        client,
        sink: new KyselySink(db),
        window: { from: '2026-02-30', to: '2026-03-01' },
      }),
    ).rejects.toBeInstanceOf(InvalidWindowError);
    await expect(
      runTasks([usersTask()], {
        client,
        sink: new KyselySink(db),
        window: { from: '2026-03-02', to: '2026-03-01' },
      }),
    ).rejects.toThrow(/reversed/);
    expect(mock.requests.length).toBe(before);
    const tables = await db.introspection.getTables();
    expect(tables).toHaveLength(0);
    await db.destroy();
  });

  it('cancels: in-flight work stops, committed pages stay, the run is logged as cancelled once', async () => {
    const db = freshDb();
    mock.setFaults({ latencyMs: 50 });
    const logger = new KyselyExecutionLogger(db);
    let run: Awaited<ReturnType<typeof startRun>> | undefined;
    let cancelled = false;
    run = await startRun([usersTask()], {
      client,
      // A transaction per page, so that the first page is committed when the run is cancelled.
      sink: new KyselySink(db, { batchSize: 20 }),
      logger,
      pageSize: 20,
      onProgress: (e) => {
        if (e.type === 'taskProgress' && !cancelled) {
          cancelled = true;
          run?.cancel('stop requested by the test');
        }
      },
    });
    const result = await run.done;
    expect(result.status).toBe('cancelled');
    expect(result.error?.name).toBe('RunCancelledError');
    expect(result.error?.message).toContain('stop requested by the test');
    // The reason is the run's, not repeated per task.
    expect(result.tasks.users?.status).toBe('cancelled');
    expect(result.tasks.users?.error).toBeUndefined();
    const stored = await db
      .selectFrom('sys_user')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(result.tasks.users?.recordsProcessed);
    expect(Number(stored.n)).toBeGreaterThan(0);
    expect(Number(stored.n)).toBeLessThan(mock.data.count('sys_user'));
    const [logged] = await readRuns(db, { limit: 1 });
    expect(logged?.status).toBe('cancelled');
    expect(logged?.errorMessage).toBe('RunCancelledError: stop requested by the test');
    expect(logged?.tasks[0]).toMatchObject({ status: 'cancelled', errorMessage: null });
    await db.destroy();
  });

  it('a cancelled run: tasks that ended keep their status, the others are cancelled, one message', async () => {
    const db = freshDb();
    const logger = new KyselyExecutionLogger(db);
    let run: Awaited<ReturnType<typeof startRun>> | undefined;
    run = await startRun(
      [
        groupsTask(),
        usersTask(),
        defineTask({ name: 'later', table: 'core_company', fields: { name: 'string' } }),
      ],
      {
        client,
        sink: new KyselySink(db, { batchSize: 20 }),
        logger,
        concurrency: 1,
        pageSize: 20,
        onProgress: (e) => {
          if (e.type === 'taskProgress' && e.task === 'users')
            run?.cancel('stopped by the operator');
        },
      },
    );
    const result = await run.done;
    expect(result.status).toBe('cancelled');
    expect(result.tasks.groups?.status).toBe('success');
    expect(result.tasks.users?.status).toBe('cancelled');
    expect(result.tasks.later?.status).toBe('cancelled');
    expect(Object.values(result.tasks).filter((t) => t.error !== undefined)).toEqual([]);
    const [logged] = await readRuns(db, { limit: 1 });
    expect(logged?.status).toBe('cancelled');
    expect(logged?.errorMessage).toBe('RunCancelledError: stopped by the operator');
    expect(Object.fromEntries(logged?.tasks.map((t) => [t.name, t.status]) ?? [])).toEqual({
      groups: 'success',
      users: 'cancelled',
      later: 'cancelled',
    });
  });

  it('refuses a second run of the same job on the same database while the first is alive', async () => {
    const db = freshDb();
    mock.setFaults({ latencyMs: 30 });
    const window = { from: '2026-06-01', to: '2026-06-30' };
    const first = await startIncidents({ client, db, window });
    await expect(startIncidents({ client, db, window })).rejects.toBeInstanceOf(RunInProgressError);
    const result = await first.done;
    expect(result.status).toBe('success');
    const again = await startIncidents({ client, db, window });
    expect((await again.done).status).toBe('success');
    const runs = await readRuns(db);
    expect(runs.map((r) => r.status)).toEqual(['success', 'success']);
    await db.destroy();
  });

  it('keys the run lock on the job and the instance, with or without a logger', async () => {
    const db = freshDb();
    mock.setFaults({ latencyMs: 30 });
    const sink = new KyselySink(db);
    const lock = new KyselyRunLock(db);
    const first = await startRun([usersTask()], { client, sink, lock });
    await expect(startRun([usersTask()], { client, sink, lock })).rejects.toBeInstanceOf(
      RunInProgressError,
    );
    // Another task list is another job; the same list against another instance, another key.
    const other = await startRun([groupsTask()], { client, sink, lock });
    const elsewhere: RunClient = {
      instanceUrl: 'https://other.service-now.com',
      paginate: (table, options) => client.paginate(table, options),
    };
    // One table holds one instance: the other instance writes under a prefix of its own.
    const otherSink = new KyselySink(db, { tablePrefix: 'other_' });
    const second = await startRun([usersTask()], { client: elsewhere, sink: otherSink, lock });
    for (const run of [first, other, second]) expect((await run.done).status).toBe('success');
    const again = await startRun([usersTask()], { client, sink, lock });
    expect((await again.done).status).toBe('success');
    await db.destroy();
  });

  it('reads a table in sys_id partitions at once when asked, every row exactly once', async () => {
    const db = freshDb();
    mock.clearRequests();
    const result = await runTasks([usersTask()], {
      client,
      sink: new KyselySink(db),
      partitions: 4,
      pageSize: 25,
    });
    expect(result.tasks.users?.status).toBe('success');
    expect(result.tasks.users?.recordsRead).toBe(mock.data.count('sys_user'));
    const ranged = mock.requests.filter(
      (r) => r.table === 'sys_user' && /sys_id>=|sys_id</.test(r.query.sysparm_query ?? ''),
    );
    expect(ranged.length).toBeGreaterThanOrEqual(4);
    const stored = await db.selectFrom('sys_user').select('sys_id').execute();
    expect(new Set(stored.map((r) => r.sys_id)).size).toBe(mock.data.count('sys_user'));
    await expect(
      runTasks([usersTask()], { client, sink: new KyselySink(db), partitions: 0 }),
    ).rejects.toThrow(/partitions must be an integer from 1 to 16/);
    await expect(
      runTasks([usersTask()], {
        client,
        sink: new KyselySink(db),
        partitions: 2,
        mode: 'incremental',
      }),
    ).rejects.toThrow(/partitions apply to full runs/);
    await db.destroy();
  });
});
