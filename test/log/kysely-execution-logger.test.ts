import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KyselyExecutionLogger, readRuns } from '../../src/log/index.js';
import { RunInProgressError } from '../../src/run/errors.js';
import type { RunStartInfo } from '../../src/run/index.js';
import type { RunResult, TaskResult } from '../../src/run/run-result.js';
import { connectDatabase, type DatabaseParts } from '../../src/wiring/index.js';
import { dropTables, type TestDatabase, testDatabases } from '../support/databases.js';

const LOG_TABLES = ['servicenow_execution_task', 'servicenow_execution_log', 'servicenow_run_lock'];

function taskResult(name: string, overrides: Partial<TaskResult> = {}): TaskResult {
  const startedAt = new Date('2026-11-29T10:00:00Z');
  const endedAt = new Date('2026-11-29T10:00:02.500Z');
  return {
    name,
    table: name,
    target: name,
    status: 'success',
    recordsProcessed: 42,
    recordsRejected: 0,
    apiCalls: 3,
    dbOperations: 2,
    startedAt,
    endedAt,
    durationSeconds: 2.5,
    rejects: [],
    mode: 'full',
    recordsRead: 42,
    expectedRecords: 42,
    recordsDeleted: 0,
    watermark: null,
    warnings: [],
    schemaChanges: [],
    ...overrides,
  };
}

function runResult(id: string, tasks: TaskResult[], status: RunResult['status']): RunResult {
  return {
    id,
    executionType: 'incidents',
    window: { from: '2026-11-01', to: '2026-11-02' },
    status,
    startedAt: new Date('2026-11-29T10:00:00Z'),
    endedAt: new Date('2026-11-29T10:00:03Z'),
    durationSeconds: 3,
    totalRecordsProcessed: tasks.reduce((n, t) => n + t.recordsProcessed, 0),
    apiCalls: tasks.reduce((n, t) => n + t.apiCalls, 0),
    dbOperations: tasks.reduce((n, t) => n + t.dbOperations, 0),
    tasks: Object.fromEntries(tasks.map((t) => [t.name, t])),
    mode: 'full',
    warnings: [],
  };
}

const start = {
  executionType: 'incidents',
  window: { from: '2026-11-01', to: '2026-11-02' },
  startedAt: new Date('2026-11-29T10:00:00Z'),
  tasks: [{ name: 'incidents_opened', table: 'incident', target: 'incident' }],
};

type Parts = Pick<DatabaseParts, 'logger' | 'lock'>;

/** What startRun does around the logger: take the lock, register the run, record its id. */
async function begin(parts: Parts, info: RunStartInfo): Promise<string> {
  const lease = await parts.lock.acquire({ job: info.executionType, instance: '' });
  const dead = lease.replaced;
  const id = await parts.logger.runStarted({
    ...info,
    lockOwner: lease.owner,
    ...(dead === undefined
      ? {}
      : {
          replacedRun: {
            executionId: dead.executionId,
            lockOwner: dead.owner,
            heartbeatAt: dead.heartbeatAt,
            ...(dead.reason === undefined ? {} : { reason: dead.reason }),
          },
        }),
  });
  await parts.lock.heartbeat({ ...lease, executionId: id });
  leases.set(id, lease);
  return id;
}

/** What startRun does when the run ends: log it, release the lock. */
async function end(parts: Parts, id: string, result: RunResult): Promise<void> {
  await parts.logger.runFinished(id, result);
  const lease = leases.get(id);
  if (lease) await parts.lock.release(lease);
}

const leases = new Map<string, Parameters<DatabaseParts['lock']['release']>[0]>();

for (const target of testDatabases) {
  describe.skipIf(!target.available)(`KyselyExecutionLogger on ${target.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await target.open();
      await dropTables(t.db, LOG_TABLES);
    });
    afterAll(async () => {
      await dropTables(t.db, LOG_TABLES);
      await t.close();
    });

    it('creates its tables safely when several runs start at the same moment', async () => {
      const parts = Array.from({ length: 4 }, () => connectDatabase(t.db));
      await Promise.all(parts.flatMap((p) => [p.logger.ensureTables(), p.lock.ensureTable()]));
      const tables = (await t.db.introspection.getTables()).map((table) => table.name);
      expect(tables).toEqual(expect.arrayContaining(LOG_TABLES));
    });

    it('writes the run row as running, then completes it with its task rows', async () => {
      const logger = new KyselyExecutionLogger(t.db);
      const id = await logger.runStarted(start);
      const running = await t.db
        .selectFrom('servicenow_execution_log')
        .selectAll()
        .where('id', '=', Number(id))
        .executeTakeFirstOrThrow();
      expect(running.status).toBe('running');
      expect(running.execution_type).toBe('incidents');
      expect(String(running.start_date).slice(0, 10)).toBe('2026-11-01');

      await logger.taskStarted(id, {
        ...start.tasks[0]!,
        startedAt: new Date('2026-11-29T10:00:00Z'),
      });
      const failed = taskResult('incidents_opened', {
        status: 'error',
        error: {
          name: 'HttpError',
          code: 'HTTP_ERROR',
          message: '[GET] https://x/api/now/table/incident: 503',
        },
      });
      await logger.taskFinished(id, failed);
      await logger.runFinished(id, runResult(id, [failed], 'error'));

      const done = await t.db
        .selectFrom('servicenow_execution_log')
        .selectAll()
        .where('id', '=', Number(id))
        .executeTakeFirstOrThrow();
      expect(done.status).toBe('error');
      expect(Number(done.total_records_processed)).toBe(42);
      expect(Number(done.api_calls)).toBe(3);
      expect(Number(done.duration_seconds)).toBe(3);
      expect(done.error_message).toContain('[incidents_opened] HttpError');
      const tasks = await t.db
        .selectFrom('servicenow_execution_task')
        .selectAll()
        .where('execution_id', '=', Number(id))
        .execute();
      expect(tasks).toHaveLength(1);
      expect(tasks[0]?.status).toBe('error');
      expect(Number(tasks[0]?.duration_seconds)).toBe(2.5);
      await logger.close();
    });

    it('records the audit figures (mode, expected, deleted) and run warnings; readRuns returns them', async () => {
      const logger = new KyselyExecutionLogger(t.db);
      const id = await logger.runStarted({ ...start, executionType: 'audit-figures' });
      await logger.taskStarted(id, {
        ...start.tasks[0]!,
        startedAt: new Date('2026-11-29T10:00:00Z'),
      });
      const partial = taskResult('incidents_opened', {
        status: 'partial',
        mode: 'incremental',
        recordsRead: 40,
        expectedRecords: 45,
        recordsDeleted: 3,
        warnings: ['Read 40 of the 45 rows'],
        error: { name: 'IncompleteTask', message: 'Read 40 of the 45 rows' },
      });
      await logger.taskFinished(id, partial);
      await logger.runFinished(id, {
        ...runResult(id, [partial], 'partial'),
        executionType: 'audit-figures',
        warnings: ['The integration user sn has time zone Europe/Paris, not GMT'],
      });
      const [run] = await readRuns(t.db, { id });
      expect(run?.errorMessage).toContain(
        'Warning: The integration user sn has time zone Europe/Paris',
      );
      expect(run?.tasks[0]).toMatchObject({
        status: 'partial',
        mode: 'incremental',
        expectedRecords: 45,
        recordsDeleted: 3,
        errorMessage: 'IncompleteTask: Read 40 of the 45 rows',
      });
      await logger.close();
    });

    it('adds the new task-log columns to a table made by an older version', async () => {
      await dropTables(t.db, LOG_TABLES);
      await t.db.schema
        .createTable('servicenow_execution_task')
        .addColumn('execution_id', 'integer', (c) => c.notNull())
        .addColumn('task_name', 'varchar(191)', (c) => c.notNull())
        .addColumn('table_name', 'varchar(191)', (c) => c.notNull())
        .addColumn('target_table', 'varchar(191)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('records_processed', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('records_rejected', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('api_calls', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('db_operations', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('ended_at', 'varchar(32)')
        .addColumn('duration_seconds', 'double precision')
        .addColumn('error_message', 'text')
        .execute();
      await Promise.all([
        new KyselyExecutionLogger(t.db).ensureTables(),
        new KyselyExecutionLogger(t.db).ensureTables(),
      ]);
      const columns = (await t.db.introspection.getTables())
        .find((table) => table.name === 'servicenow_execution_task')
        ?.columns.map((c) => c.name);
      expect(columns).toEqual(
        expect.arrayContaining([
          'sync_mode',
          'expected_records',
          'records_deleted',
          'schema_changes',
        ]),
      );
      await dropTables(t.db, LOG_TABLES);
    });

    it('refuses a second run of the same job while the first is alive, allows other jobs', async () => {
      const a = connectDatabase(t.db);
      const b = connectDatabase(t.db);
      const id = await begin(a, start);
      await expect(begin(b, start)).rejects.toBeInstanceOf(RunInProgressError);
      await expect(begin(b, start)).rejects.toThrow(`execution ${id}`);
      const other = await begin(b, { ...start, executionType: 'configurations', window: null });
      await end(b, other, {
        ...runResult(other, [], 'success'),
        executionType: 'configurations',
      });
      await end(a, id, runResult(id, [], 'success'));
      const again = await begin(b, start);
      await end(b, again, runResult(again, [], 'success'));
      await a.logger.close();
      await b.logger.close();
    });

    it('takes over from a run whose heartbeat went stale and marks it abandoned', async () => {
      let clock = Date.parse('2026-11-29T12:00:00Z');
      const now = () => clock;
      const dead = connectDatabase(t.db, { now });
      const deadId = await begin(dead, start);
      await dead.logger.close(); // the process "dies": no more heartbeats, no runFinished
      const next = connectDatabase(t.db, { now, staleAfterMs: 60_000 });
      await expect(begin(next, start)).rejects.toBeInstanceOf(RunInProgressError);
      clock += 61_000;
      const id = await begin(next, start);
      const row = await t.db
        .selectFrom('servicenow_execution_log')
        .selectAll()
        .where('id', '=', Number(deadId))
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('abandoned');
      expect(row.error_message).toMatch(/no heartbeat since 2026-11-29 12:00:00 UTC/);
      expect(row.error_message).toContain(`run ${id} took its lock over`);
      await end(next, id, runResult(id, [], 'success'));
      await next.logger.close();
    });
  });
}
