/**
 * planSync: the dry run of a job or task list. Only GET requests, nothing written (no table,
 * no state table); per task the mode and why, the count of the selection, the partitions, the
 * watermark it would start from, whether deletes can be captured.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceNowClient } from '../../src/client/index.js';
import { ConfigurationError, parseUtcDateTime } from '../../src/core/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { planSync, runTasks } from '../../src/run/index.js';
import { KyselySink } from '../../src/sink/index.js';
import { configurationsJob, defineTask, incidentsJob } from '../../src/tasks/index.js';
import { type TestDb, useRunHarness } from '../support/run-harness.js';

let clockMs = Date.now() - 3_600_000;
let mock: MockServiceNow;
let client: ServiceNowClient;
const freshDb = useRunHarness(
  'sn-plan-sync-',
  { seed: 31, scale: 120, now: () => clockMs },
  (m, c) => {
    mock = m;
    client = c;
  },
);

const people = () =>
  defineTask({
    name: 'people',
    table: 'sys_user',
    fields: { user_name: 'string', active: 'boolean' },
  });

async function tableNames(db: TestDb): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((t) => t.name).sort();
}

describe('planSync', () => {
  it('plans a full run of a new database: GET only, nothing created, counts and partitions', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    mock.clearRequests();
    const plan = await planSync([people()], { client, sink, partitions: 4 });
    expect(mock.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(await tableNames(db)).toEqual([]);
    expect(plan.mode).toBe('full');
    expect(plan.dialect).toBe('sqlite');
    const [task] = plan.tasks;
    expect(task?.name).toBe('people');
    expect(task?.target).toBe('sys_user');
    expect(task?.modeReason).toMatch(/^full: /);
    expect(task?.count).toBe(mock.data.count('sys_user'));
    expect(task?.partitions.count).toBe(4);
    expect(task?.partitions.ranges).toEqual([
      { from: undefined, to: '4' },
      { from: '4', to: '8' },
      { from: '8', to: 'c' },
      { from: 'c', to: undefined },
    ]);
    expect(task?.watermark).toEqual({
      source: 'none',
      stored: null,
      from: undefined,
      until: undefined,
    });
    expect(task?.deletes).toMatchObject({ mode: 'none', capturable: false });
    expect(task?.columns.map((c) => [c.name, c.sqlType])).toEqual([
      ['sys_id', 'TEXT'],
      ['user_name', 'TEXT'],
      ['active', 'INTEGER'],
    ]);
  });

  it('an incremental plan starts from the stored watermark minus the overlap and counts what changed', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    await runTasks([people()], { client, sink, mode: 'incremental' });
    const [state] = await db
      .selectFrom('servicenow_sync_state')
      .select(['watermark_time'])
      .execute();
    const before = await tableNames(db);
    clockMs += 1000;
    const changed = [...mock.data.rows('sys_user')].slice(0, 3);
    for (const row of changed)
      mock.data.update('sys_user', String(row.sys_id), { active: 'false' });
    mock.clearRequests();
    const plan = await planSync([people()], {
      client,
      sink,
      mode: 'incremental',
      overlapMinutes: 0,
    });
    expect(mock.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(await tableNames(db)).toEqual(before);
    const [task] = plan.tasks;
    expect(task?.modeReason).toBe('incremental on sys_updated_on');
    expect(task?.watermark.source).toBe('stored');
    expect(task?.watermark.stored?.updatedOn).toBe(String(state?.watermark_time).slice(0, 19));
    expect(task?.watermark.from).toBe(task?.watermark.stored?.updatedOn);
    expect(task?.count).toBe(3);
    expect(task?.partitions.count).toBe(1);
    expect(task?.deletes).toMatchObject({ mode: 'audit', capturable: true });
    expect(mock.requests.filter((r) => r.table === 'sys_audit_delete')).toHaveLength(1);
    expect(mock.requests.find((r) => r.table === 'sys_audit_delete')?.query.sysparm_limit).toBe(
      '1',
    );
  });

  it('without a watermark: since, or the beginning; reconcile can always capture deletes', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    const since = await planSync([people()], {
      client,
      sink,
      mode: 'incremental',
      since: '2020-01-01',
    });
    expect(since.tasks[0]?.watermark).toMatchObject({
      source: 'since',
      stored: null,
      from: '2020-01-01 00:00:00',
    });
    const plain = await planSync([people()], { client, mode: 'incremental', deletes: 'reconcile' });
    expect(plain.tasks[0]?.watermark).toMatchObject({ source: 'beginning', from: undefined });
    expect(plain.tasks[0]?.deletes).toMatchObject({ mode: 'reconcile', capturable: true });
    expect(parseUtcDateTime(plain.plannedAt)).not.toBeNaN();
    expect(plain.tasks[0]?.schemaChanges).toBeUndefined();
    expect(await tableNames(db)).toEqual([]);
  });

  it('an unreadable sys_audit_delete: deletes cannot be captured, and the plan says what to do', async () => {
    mock.setFaults({ readDenied: { table: 'sys_audit_delete' } });
    const plan = await planSync(configurationsJob(), { client });
    expect(plan.mode).toBe('incremental');
    for (const task of plan.tasks) {
      expect(task.deletes.capturable).toBe(false);
      expect(task.deletes.reason).toMatch(/HTTP 403.*reconcile/);
    }
  });

  it("a job's window shapes the selection; options a run refuses are refused", async () => {
    const plan = await planSync(incidentsJob(), {
      client,
      window: { from: '2026-01-01', to: '2026-01-02' },
    });
    expect(plan.tasks.length).toBeGreaterThan(0);
    const opened = plan.tasks.find((t) => t.name === 'incidents_opened');
    expect(opened?.modeReason).toMatch(/window 2026-01-01\.\.2026-01-02/);
    expect(opened?.query).toContain('2026-01-01');
    await expect(
      planSync([people()], { client, mode: 'incremental', partitions: 2 }),
    ).rejects.toThrow(ConfigurationError);
  });
});
