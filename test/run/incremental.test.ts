import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceNowClient } from '../../src/client/index.js';
import { ConfigurationError } from '../../src/core/index.js';
import { KyselyExecutionLogger, readRuns } from '../../src/log/index.js';
import { createMockServiceNow, type MockServiceNow } from '../../src/mock/index.js';
import { parseQuery } from '../../src/query/index.js';
import {
  InvalidWindowError,
  runTasks,
  startRun,
  TimeZoneMismatchError,
} from '../../src/run/index.js';
import { KyselySink, type Sink } from '../../src/sink/index.js';
import { groupsTask, incidentsJob, usersTask } from '../../src/tasks/catalog/index.js';
import { defineTask, type TaskDefinition } from '../../src/tasks/index.js';
import { loadConfigurations, loadIncidents } from '../../src/wiring/index.js';
import { dropTables, type TestDatabase, testDatabases } from '../support/databases.js';
import { type TestDb, useRunHarness } from '../support/run-harness.js';

const LOG = ['servicenow_execution_task', 'servicenow_execution_log', 'servicenow_run_lock'];

// The mock's clock is driven by the test (an hour behind the real one, advanced by hand), so
// every stamp it writes is before the run's upper bound and no assertion depends on timing.
let clockMs = Date.now() - 3_600_000;
const tick = (ms = 1000) => {
  clockMs += ms;
};

let mock: MockServiceNow;
let client: ServiceNowClient;
const freshDb = useRunHarness(
  'sn-incremental-',
  { seed: 11, scale: 200, now: () => clockMs },
  (m, c) => {
    mock = m;
    client = c;
  },
);

/** A small task over sys_user with the fields the assertions compare. */
const people = (name = 'people', filter?: string): TaskDefinition =>
  defineTask({
    name,
    table: 'sys_user',
    fields: { user_name: 'string', title: 'string', sys_updated_on: 'dateTime' },
    ...(filter === undefined ? {} : { query: filter }),
  });

/** The source rows as `sys_id -> title|sys_updated_on`. */
function source(table = 'sys_user', query = ''): Map<string, string> {
  const rows = mock.data.select(table, parseQuery(query, { mode: 'lenient' }), {
    limit: Number.MAX_SAFE_INTEGER,
  }).rows;
  return new Map(rows.map((r) => [String(r.sys_id), `${r.title}|${r.sys_updated_on}`]));
}

async function loaded(db: TestDb, table = 'sys_user'): Promise<Map<string, string>> {
  const rows = await db.selectFrom(table).select(['sys_id', 'title', 'sys_updated_on']).execute();
  return new Map(
    rows.map((r: { sys_id: string; title: string | null; sys_updated_on: string }) => [
      r.sys_id,
      `${r.title ?? ''}|${r.sys_updated_on}`,
    ]),
  );
}

describe('incremental runs', () => {
  it('loads everything first, then only inserts and updates, with the compound keyset', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    const first = await runTasks([people()], {
      client,
      sink,
      mode: 'incremental',
      overlapMinutes: 0,
      pageSize: 50,
    });
    expect(first.status).toBe('success');
    expect(first.mode).toBe('incremental');
    const total = mock.data.count('sys_user');
    expect(first.tasks.people?.recordsRead).toBe(total);
    expect(first.tasks.people?.expectedRecords).toBe(total);
    expect(await loaded(db)).toEqual(source());
    const state = await sink.readState(people());
    expect(state?.watermark).toEqual(first.tasks.people?.watermark);

    // Nothing changed: with no overlap nothing is read.
    mock.clearRequests();
    const idle = await runTasks([people()], {
      client,
      sink,
      mode: 'incremental',
      overlapMinutes: 0,
    });
    expect(idle.tasks.people?.recordsRead).toBe(0);
    const sent = mock.requests
      .filter((r) => r.table === 'sys_user')
      .map((r) => r.query.sysparm_query);
    expect(sent.some((q) => q?.includes('ORDERBYsys_updated_on^ORDERBYsys_id'))).toBe(true);

    tick();
    const users = [...source().keys()];
    mock.data.update('sys_user', users[3]!, { title: 'Changed one' });
    mock.data.update('sys_user', users[90]!, { title: 'Changed two' });
    const inserted = mock.data.insert('sys_user', { user_name: 'new.person', title: 'Newcomer' });
    const next = await runTasks([people()], {
      client,
      sink,
      mode: 'incremental',
      overlapMinutes: 0,
    });
    expect(next.tasks.people?.recordsRead).toBe(3);
    expect(next.tasks.people?.status).toBe('success');
    const db2 = await loaded(db);
    expect(db2.get(inserted.sys_id as string)).toContain('Newcomer');
    expect(db2).toEqual(source());
  });

  it('reads many rows sharing one sys_updated_on across page boundaries exactly once', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    await runTasks([people('bulk')], { client, sink, mode: 'incremental', overlapMinutes: 0 });
    tick();
    const ids = [...source().keys()].slice(10, 40);
    for (const id of ids) mock.data.update('sys_user', id, { title: 'Bulk update' });
    const bulk = await runTasks([people('bulk')], {
      client,
      sink,
      mode: 'incremental',
      overlapMinutes: 0,
      pageSize: 7,
    });
    expect(bulk.tasks.bulk?.recordsRead).toBe(30);
    expect(bulk.tasks.bulk?.recordsProcessed).toBe(30);
    expect(bulk.tasks.bulk?.expectedRecords).toBe(30);
    expect(await loaded(db)).toEqual(source());
  });

  it('resumes after a cancelled run from the last committed page: nothing lost, nothing read twice', async () => {
    const db = freshDb();
    // Two pages of 20 a transaction: the third page read is not committed when the run stops.
    const sink = new KyselySink(db, { batchSize: 40 });
    const total = mock.data.count('sys_user');
    let pages = 0;
    const run = await startRun([people('resume')], {
      client,
      sink,
      mode: 'incremental',
      overlapMinutes: 0,
      pageSize: 20,
      onProgress: (event) => {
        if (event.type === 'taskProgress' && ++pages === 3) run.cancel('stop after 3 pages');
      },
    });
    const cancelled = await run.done;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.tasks.resume?.status).toBe('cancelled');
    expect(cancelled.error?.name).toBe('RunCancelledError');
    const committed = (await loaded(db)).size;
    expect(committed).toBeGreaterThanOrEqual(40);
    expect(committed % 40).toBe(0);
    expect(committed).toBeLessThan(total);
    const state = await sink.readState(people('resume'));
    expect(state?.watermark).not.toBeNull();

    const resumed = await runTasks([people('resume')], {
      client,
      sink,
      mode: 'incremental',
      overlapMinutes: 0,
      pageSize: 20,
    });
    expect(resumed.tasks.resume?.status).toBe('success');
    expect(resumed.tasks.resume?.recordsRead).toBe(total - committed);
    expect(await loaded(db)).toEqual(source());
  });

  it('re-reads the overlap window before the watermark', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    await runTasks([people('overlap')], { client, sink, mode: 'incremental' });
    tick();
    const id = [...source().keys()][5]!;
    mock.data.update('sys_user', id, { title: 'Inside the overlap' });
    mock.clearRequests();
    const again = await runTasks([people('overlap')], { client, sink, mode: 'incremental' });
    const watermark = again.tasks.overlap?.watermark;
    expect(watermark?.sysId).toBe(id);
    // The first page request (the preflight's read before it has no query).
    const query =
      mock.requests.find((r) => r.table === 'sys_user' && r.query.sysparm_query !== undefined)
        ?.query.sysparm_query ?? '';
    expect(query).toMatch(/sys_updated_on>=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect((await loaded(db)).get(id)).toContain('Inside the overlap');
  });

  it('starts a first load at since', async () => {
    const db = freshDb();
    const all = [...source().entries()].map(([, v]) => v.split('|')[1]!).sort();
    const since = all[Math.floor(all.length / 2)]!;
    const result = await runTasks([people('since')], {
      client,
      sink: new KyselySink(db),
      mode: 'incremental',
      since,
    });
    const expected = all.filter((t) => t >= since).length;
    expect(result.tasks.since?.recordsRead).toBe(expected);
  });

  it('a full load of the whole selection leaves a watermark for the next incremental run', async () => {
    const db = freshDb();
    const full = await loadConfigurations({ client, db, mode: 'full' });
    expect(full.status).toBe('success');
    expect(full.tasks.users?.watermark?.updatedOn).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    tick();
    const id = [...source().keys()][7]!;
    mock.data.update('sys_user', id, { title: 'After the full load' });
    const next = await loadConfigurations({ client, db });
    expect(next.mode).toBe('incremental');
    expect(next.tasks.users?.recordsRead).toBeLessThan(mock.data.count('sys_user'));
    expect(next.tasks.users?.recordsRead).toBeGreaterThanOrEqual(1);
    expect((await loaded(db)).get(id)).toContain('After the full load');
  });
});

describe('deletes', () => {
  it('audit: removes the rows sys_audit_delete lists, or marks them with soft deletes', async () => {
    const hard = freshDb();
    const soft = freshDb();
    const hardSink = new KyselySink(hard);
    const softSink = new KyselySink(soft);
    const options = { client, mode: 'incremental', deletes: 'audit' } as const;
    await runTasks([people('audit')], { ...options, sink: hardSink });
    await runTasks([people('audit')], { ...options, sink: softSink, softDelete: true });
    tick();
    const victims = [...source().keys()].slice(20, 23);
    for (const id of victims) mock.data.delete('sys_user', id);
    const removed = await runTasks([people('audit')], { ...options, sink: hardSink });
    expect(removed.tasks.audit?.error?.message ?? '').toBe('');
    expect(removed.tasks.audit?.status).toBe('success');
    expect(removed.tasks.audit?.recordsDeleted).toBe(3);
    expect(await loaded(hard)).toEqual(source());
    const marked = await runTasks([people('audit')], {
      ...options,
      sink: softSink,
      softDelete: true,
    });
    expect(marked.tasks.audit?.recordsDeleted).toBe(3);
    const rows = await soft
      .selectFrom('sys_user')
      .select(['sys_id', 'sys_deleted_at'])
      .where('sys_id', 'in', victims)
      .execute();
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.sys_deleted_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(await softSink.countRows(people('audit'))).toBe(mock.data.count('sys_user'));
  });

  it('audit: says so when deletes happened that the audit table does not list', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    const options = { client, sink, mode: 'incremental', deletes: 'audit' } as const;
    await runTasks([people('unaudited')], options);
    tick();
    const victim = [...source().keys()][30]!;
    mock.data.delete('sys_user', victim);
    const audit = mock.data.select(
      'sys_audit_delete',
      parseQuery(`documentkey=${victim}`, { mode: 'lenient' }),
      { limit: 10 },
    ).rows;
    for (const row of audit) mock.data.delete('sys_audit_delete', String(row.sys_id));
    const result = await runTasks([people('unaudited')], options);
    expect(result.tasks.unaudited?.status).toBe('partial');
    expect(result.tasks.unaudited?.error?.message).toContain(
      'the database still holds 1 row(s) more',
    );
    expect(result.tasks.unaudited?.error?.message).toContain("use deletes 'reconcile'");
  });

  it('audit: says so once when sys_audit_delete is not readable (403), applies nothing, and goes on', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    const options = { client, sink, mode: 'incremental', deletes: 'audit' } as const;
    await runTasks([people('denied')], options);
    const checked = (await sink.readState(people('denied')))?.deletesCheckedAt;
    mock.setFaults({ readDenied: { table: 'sys_audit_delete' } });
    const result = await runTasks([people('denied')], options);
    // Before deletes were the default this made the task partial; now it is one run warning.
    expect(result.tasks.denied?.status).toBe('success');
    expect(result.status).toBe('success');
    expect(result.tasks.denied?.recordsDeleted).toBe(0);
    expect(result.tasks.denied?.deletesNotApplied).toBe(
      'sys_audit_delete is not readable (HTTP 403)',
    );
    expect(result.warnings.filter((w) => w.includes('sys_audit_delete'))).toEqual([
      expect.stringContaining(
        'sys_audit_delete is not readable (HTTP 403): deletes were not applied to denied (sys_user)',
      ),
    ]);
    // The checkpoint does not move past deletes that were never read.
    expect((await sink.readState(people('denied')))?.deletesCheckedAt).toBe(checked);
  });

  it('reconcile: removes the rows the instance no longer has, keeps rows outside the selection', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    // Everything first, then a narrower selection: rows outside it are not deletes.
    await runTasks([people('keys')], { client, sink });
    tick();
    const victims = [...source().keys()].slice(40, 42);
    for (const id of victims) mock.data.delete('sys_user', id);
    const result = await runTasks([people('keys', 'active=true')], {
      client,
      sink,
      deletes: 'reconcile',
    });
    expect(result.tasks.keys?.status).toBe('success');
    expect(result.tasks.keys?.recordsDeleted).toBe(2);
    const left = await loaded(db);
    for (const id of victims) expect(left.has(id)).toBe(false);
    expect(left.size).toBe(mock.data.count('sys_user'));
  });

  it('reconcile: refuses to delete when access rules hide keys', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    await runTasks([people('hidden-keys')], { client, sink });
    mock.setFaults({
      aclHidden: (table, row) =>
        table === 'sys_user' && String(row.sys_id).endsWith('1') ? 'hidden' : 'visible',
    });
    const result = await runTasks([people('hidden-keys')], { client, sink, deletes: 'reconcile' });
    expect(result.tasks['hidden-keys']?.recordsDeleted).toBe(0);
    expect(result.tasks['hidden-keys']?.status).toBe('partial');
    expect(result.tasks['hidden-keys']?.error?.message).toContain('Deletes were not reconciled');
    expect((await loaded(db)).size).toBe(mock.data.count('sys_user'));
  });
});

describe('completeness audit', () => {
  it('marks the task partial when access rules hide rows, and logs expected_records', async () => {
    const db = freshDb();
    const hidden = [...source().keys()].filter((id) => id.endsWith('a')).length;
    mock.setFaults({
      aclHidden: (table, row) =>
        table === 'sys_user' && String(row.sys_id).endsWith('a') ? 'hidden' : 'visible',
    });
    const result = await runTasks([people('audited')], {
      client,
      sink: new KyselySink(db),
      logger: new KyselyExecutionLogger(db),
    });
    const task = result.tasks.audited!;
    expect(task.status).toBe('partial');
    expect(task.expectedRecords).toBe(mock.data.count('sys_user'));
    expect(task.recordsRead).toBe(mock.data.count('sys_user') - hidden);
    expect(task.error?.message).toContain(`${hidden} missing`);
    expect(task.error?.message).toContain('access rules');
    const [logged] = await readRuns(db, { id: result.id });
    expect(logged?.tasks[0]?.expectedRecords).toBe(mock.data.count('sys_user'));
    expect(logged?.tasks[0]?.status).toBe('partial');
  });

  it('passes when every counted row was read', async () => {
    const result = await runTasks([groupsTask()], { client, sink: new KyselySink(freshDb()) });
    expect(result.tasks.groups?.expectedRecords).toBe(mock.data.count('sys_user_group'));
    expect(result.tasks.groups?.status).toBe('success');
  });
});

describe('optional requests that the instance may refuse', () => {
  it('a full load succeeds without the Stats API (no audit) and without the watermark probe', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    mock.setFaults({ readDenied: { path: /\/api\/now\/stats\/|ORDERBYDESCsys_updated_on/ } });
    const result = await runTasks([people('closed')], { client, sink });
    expect(result.tasks.closed?.status).toBe('success');
    expect(result.tasks.closed?.expectedRecords).toBeNull();
    expect(result.tasks.closed?.watermark).toBeNull();
    expect(result.tasks.closed?.recordsProcessed).toBe(mock.data.count('sys_user'));
  });
});

describe('reconcile without the Stats API', () => {
  it('deletes nothing when it cannot tell hidden keys from deleted ones', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    await runTasks([people('no-stats')], { client, sink });
    tick();
    const victim = [...source().keys()][50]!;
    mock.data.delete('sys_user', victim);
    mock.setFaults({ readDenied: { path: /\/api\/now\/stats\// } });
    const result = await runTasks([people('no-stats')], { client, sink, deletes: 'reconcile' });
    expect(result.tasks['no-stats']?.status).toBe('partial');
    expect(result.tasks['no-stats']?.recordsDeleted).toBe(0);
    expect(result.tasks['no-stats']?.error?.message).toContain('Stats API refused');
    expect((await loaded(db)).has(victim)).toBe(true);
  });
});

describe('time-zone guard', () => {
  it('warns when the integration user is not on GMT and refuses with strictTimeZone', async () => {
    const paris = await createMockServiceNow({ seed: 2, scale: 20, timeZone: 'Europe/Paris' });
    const parisClient = new ServiceNowClient({
      instanceUrl: paris.url,
      auth: { type: 'basic', ...paris.credentials },
    });
    try {
      const db = freshDb();
      const warned = await runTasks([groupsTask()], {
        client: parisClient,
        sink: new KyselySink(db),
        logger: new KyselyExecutionLogger(db),
      });
      expect(warned.status).toBe('success');
      expect(warned.warnings.join(' ')).toContain('time zone Europe/Paris, not GMT');
      const [logged] = await readRuns(db, { id: warned.id });
      expect(logged?.errorMessage).toContain('Europe/Paris');

      const strictDb = freshDb();
      await expect(
        runTasks([groupsTask()], {
          client: parisClient,
          sink: new KyselySink(strictDb),
          strictTimeZone: true,
        }),
      ).rejects.toBeInstanceOf(TimeZoneMismatchError);
      const tables = (await strictDb.introspection.getTables()).map((t) => t.name);
      expect(tables).not.toContain('sys_user_group');
    } finally {
      await parisClient.close();
      await paris.close();
    }
  });

  it('stays quiet for a GMT user', async () => {
    const result = await runTasks([groupsTask()], { client, sink: new KyselySink(freshDb()) });
    expect(result.warnings).toEqual([]);
  });
});

describe('incremental options are checked before anything runs', () => {
  const sink = () => new KyselySink(freshDb());
  it('refuses a window, a bad since, a bad overlap, unknown delete targets, a sink without state', async () => {
    await expect(
      runTasks([usersTask()], {
        client,
        sink: sink(),
        mode: 'incremental',
        window: { from: '2026-11-01', to: '2026-11-02' },
      }),
    ).rejects.toBeInstanceOf(InvalidWindowError);
    await expect(
      runTasks([usersTask()], { client, sink: sink(), mode: 'incremental', since: '2026-02-30' }),
    ).rejects.toBeInstanceOf(InvalidWindowError);
    await expect(
      runTasks([usersTask()], { client, sink: sink(), since: '2026-01-01' }),
    ).rejects.toBeInstanceOf(InvalidWindowError);
    for (const since of ['0000-01-01', '1969-12-31 23:59:59']) {
      await expect(
        runTasks([usersTask()], { client, sink: sink(), mode: 'incremental', since }),
      ).rejects.toThrow(new RegExp(`since ${since} is before 1970-01-01`));
    }
    await expect(
      runTasks([usersTask()], { client, sink: sink(), mode: 'incremental', since: '0000-01-01' }),
    ).rejects.toBeInstanceOf(InvalidWindowError);
    await expect(
      runTasks([usersTask()], { client, sink: sink(), mode: 'incremental', overlapMinutes: -1 }),
    ).rejects.toBeInstanceOf(ConfigurationError);
    await expect(
      runTasks([usersTask()], { client, sink: sink(), deletes: { nobody: 'audit' } }),
    ).rejects.toThrow(/unknown task "nobody"/);
    await expect(
      // @ts-expect-error: not a mode
      runTasks([usersTask()], { client, sink: sink(), mode: 'sometimes' }),
    ).rejects.toBeInstanceOf(ConfigurationError);
    const plain: Sink = {
      async prepare() {},
      async write(_task, rows) {
        return { written: rows.length, dbOperations: 0 };
      },
    };
    await expect(
      runTasks([usersTask()], { client, sink: plain, mode: 'incremental' }),
    ).rejects.toThrow(/needs a sink that keeps watermarks/);
  });
});

const INCIDENT_TABLES = ['incident', 'task_sla', 'task_time_worked', 'incident_task'];

for (const target of testDatabases) {
  describe.skipIf(!target.available)(
    `the incidents job, incrementally, into ${target.name}`,
    () => {
      let t: TestDatabase;
      beforeAll(async () => {
        t = await target.open();
        await dropTables(t.db, [...INCIDENT_TABLES, 'servicenow_sync_state', ...LOG]);
      });
      afterAll(async () => {
        await dropTables(t.db, [...INCIDENT_TABLES, 'servicenow_sync_state', ...LOG]);
        await t.close();
      });

      /** `sys_id -> sys_updated_on` of a task's whole selection in the mock, and in the database. */
      async function compare(task: TaskDefinition) {
        const query = parseQuery(task.buildQuery(), { mode: 'lenient' });
        const source = new Map(
          mock.data
            .select(task.table, query, { limit: Number.MAX_SAFE_INTEGER })
            .rows.map((r) => [String(r.sys_id), String(r.sys_updated_on)]),
        );
        const rows = await t.db
          .selectFrom(task.target)
          .select(['sys_id', 'sys_updated_on'])
          .execute();
        const stored = new Map(
          rows.map((r: { sys_id: string; sys_updated_on: unknown }) => [
            r.sys_id,
            String(r.sys_updated_on).slice(0, 19).replace('T', ' '),
          ]),
        );
        expect(stored, task.name).toEqual(source);
        return source.size;
      }

      it('loads everything, then only the changes of each table, and propagates deletes', async () => {
        const options = {
          client,
          db: t.db,
          mode: 'incremental',
          deletes: 'audit',
          overlapMinutes: 0,
          pageSize: 120,
        } as const;
        const first = await loadIncidents(options);
        expect(first.status).toBe('success');
        expect(first.window).toBeNull();
        for (const task of incidentsJob()) {
          const n = await compare(task);
          expect(first.tasks[task.name]?.recordsProcessed, task.name).toBe(n);
          expect(first.tasks[task.name]?.expectedRecords, task.name).toBe(n);
        }

        tick();
        const incident = mock.data.select('incident', parseQuery('ORDERBYnumber'), { limit: 1 })
          .rows[0]!;
        mock.data.update('incident', String(incident.sys_id), { short_description: 'Edited' });
        const sla = mock.data.select('task_sla', parseQuery('task.sys_class_name=incident'), {
          limit: 1,
        }).rows[0]!;
        mock.data.update('task_sla', String(sla.sys_id), { stage: 'completed' });
        const child = mock.data.select('incident_task', parseQuery('ORDERBYnumber'), { limit: 1 })
          .rows[0]!;
        mock.data.delete('incident_task', String(child.sys_id));
        mock.data.insert('task_time_worked', {
          task: String(incident.sys_id),
          time_worked: '1970-01-01 01:00:00',
        });

        const next = await loadIncidents(options);
        expect(next.status).toBe('success');
        expect(next.tasks.incidents_opened?.recordsRead).toBe(1);
        expect(next.tasks.incident_sla?.recordsRead).toBe(1);
        expect(next.tasks.task_time_worked?.recordsRead).toBe(1);
        expect(next.tasks.incident_task?.recordsRead).toBe(0);
        expect(next.tasks.incident_task?.recordsDeleted).toBe(1);
        for (const task of incidentsJob()) await compare(task);
        const [logged] = await readRuns(t.db, { id: next.id });
        expect(logged?.tasks.map((task) => task.mode)).toEqual([
          'incremental',
          'incremental',
          'incremental',
          'incremental',
        ]);
      });
    },
  );
}
