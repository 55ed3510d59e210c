/**
 * Deletes by default: incremental runs into a keyed sink read `sys_audit_delete` unless told
 * `deletes: 'none'`; full runs apply none unless asked; an unreadable audit table is one run
 * warning (result, execution log), and every task stays `success`.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceNowClient } from '../../src/client/index.js';
import { ConfigurationError } from '../../src/core/index.js';
import { readRuns } from '../../src/log/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { runTasks } from '../../src/run/index.js';
import { KyselySink, type StatefulSink } from '../../src/sink/index.js';
import { defineTask, type TaskDefinition } from '../../src/tasks/index.js';
import { loadConfigurations } from '../../src/wiring/index.js';
import { type TestDb, useRunHarness } from '../support/run-harness.js';

// The mock's clock is driven by the test: every stamp is before the run's upper bound.
let clockMs = Date.now() - 3_600_000;
const tick = () => {
  clockMs += 1000;
};

let mock: MockServiceNow;
let client: ServiceNowClient;
const freshDb = useRunHarness(
  'sn-default-deletes-',
  { seed: 23, scale: 120, now: () => clockMs },
  (m, c) => {
    mock = m;
    client = c;
  },
);

const people = (name = 'people'): TaskDefinition =>
  defineTask({ name, table: 'sys_user', fields: { user_name: 'string' } });
const teams = (name = 'teams'): TaskDefinition =>
  defineTask({ name, table: 'sys_user_group', fields: { name: 'string' } });

async function keys(db: TestDb, table: string): Promise<Set<string>> {
  const rows = await db.selectFrom(table).select('sys_id').execute();
  return new Set(rows.map((r: { sys_id: string }) => r.sys_id));
}

/** Deletes `n` rows of `table` in the mock (recorded in sys_audit_delete); returns their ids. */
function deleteSome(table: string, n: number, from = 10): string[] {
  const ids = [...mock.data.rows(table)].slice(from, from + n).map((r) => String(r.sys_id));
  tick();
  for (const id of ids) mock.data.delete(table, id);
  return ids;
}

const auditReads = () => mock.requests.filter((r) => r.table === 'sys_audit_delete').length;

describe('deletes by default', () => {
  it('an incremental run applies the deletes sys_audit_delete lists, without being asked', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    await runTasks([people()], { client, sink, mode: 'incremental' });
    const gone = deleteSome('sys_user', 3);
    const result = await runTasks([people()], { client, sink, mode: 'incremental' });
    expect(result.status).toBe('success');
    expect(result.tasks.people?.recordsDeleted).toBe(3);
    expect(result.warnings).toEqual([]);
    const left = await keys(db, 'sys_user');
    for (const id of gone) expect(left.has(id)).toBe(false);
    expect(left.size).toBe(mock.data.count('sys_user'));
  });

  it("deletes: 'none' turns it off: no audit read, the rows stay", async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    const options = { client, sink, mode: 'incremental', deletes: 'none' } as const;
    await runTasks([people()], options);
    const gone = deleteSome('sys_user', 2, 30);
    mock.clearRequests();
    const result = await runTasks([people()], options);
    expect(result.status).toBe('success');
    expect(result.tasks.people?.recordsDeleted).toBe(0);
    expect(auditReads()).toBe(0);
    const left = await keys(db, 'sys_user');
    for (const id of gone) expect(left.has(id)).toBe(true);
  });

  it('a full run applies none unless asked', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    await runTasks([teams()], { client, sink });
    const gone = deleteSome('sys_user_group', 2);
    mock.clearRequests();
    const result = await runTasks([teams()], { client, sink });
    expect(result.mode).toBe('full');
    expect(result.tasks.teams?.recordsDeleted).toBe(0);
    expect(auditReads()).toBe(0);
    const left = await keys(db, 'sys_user_group');
    for (const id of gone) expect(left.has(id)).toBe(true);
  });

  it('modes by task name: the tasks not named take the default', async () => {
    const db = freshDb();
    const sink = new KyselySink(db);
    const options = {
      client,
      sink,
      mode: 'incremental',
      deletes: { people: 'none' },
    } as const;
    await runTasks([people(), teams()], options);
    const users = deleteSome('sys_user', 1, 50);
    const groups = deleteSome('sys_user_group', 1, 20);
    const result = await runTasks([people(), teams()], options);
    expect(result.tasks.people?.recordsDeleted).toBe(0);
    expect(result.tasks.teams?.recordsDeleted).toBe(1);
    expect((await keys(db, 'sys_user')).has(users[0]!)).toBe(true);
    expect((await keys(db, 'sys_user_group')).has(groups[0]!)).toBe(false);
  });

  it('the configurations job (incremental) applies deletes by default, and not with none', async () => {
    const db = freshDb();
    const kept = freshDb();
    await loadConfigurations({ client, db });
    await loadConfigurations({ client, db: kept, deletes: 'none' });
    const gone = deleteSome('sys_user', 2, 70);
    const result = await loadConfigurations({ client, db });
    expect(result.mode).toBe('incremental');
    expect(result.status).toBe('success');
    expect(result.tasks.users?.recordsDeleted).toBe(2);
    for (const id of gone) expect((await keys(db, 'sys_user')).has(id)).toBe(false);
    // A database loaded before the deletes, synced with deletes 'none', keeps them.
    const before = mock.data.count('sys_user') + 2;
    expect((await keys(kept, 'sys_user')).size).toBe(before);
    const none = await loadConfigurations({ client, db: kept, deletes: 'none' });
    expect(none.tasks.users?.recordsDeleted).toBe(0);
    expect((await keys(kept, 'sys_user')).size).toBe(before);
  });

  it('a stateful sink that cannot delete gets none by default, and is refused when asked', async () => {
    const db = freshDb();
    const kysely = new KyselySink(db);
    const sink: StatefulSink = {
      prepare: (task, o) => kysely.prepare(task, o),
      write: (task, rows, o) => kysely.write(task, rows, o),
      readState: (task, o) => kysely.readState(task, o),
      saveState: (task, update, o) => kysely.saveState(task, update, o),
    };
    const result = await runTasks([people()], { client, sink, mode: 'incremental' });
    expect(result.status).toBe('success');
    await expect(
      runTasks([people()], { client, sink, mode: 'incremental', deletes: 'audit' }),
    ).rejects.toThrow(ConfigurationError);
  });
});

describe('an unreadable sys_audit_delete', () => {
  it('is one run warning naming every task, in the result and the execution log; the tasks succeed', async () => {
    const db = freshDb();
    await loadConfigurations({ client, db });
    deleteSome('sys_user', 1, 90);
    mock.setFaults({ readDenied: { table: 'sys_audit_delete' } });
    const result = await loadConfigurations({ client, db });
    expect(result.status).toBe('success');
    const tasks = Object.values(result.tasks);
    expect(tasks).toHaveLength(5);
    for (const task of tasks) {
      expect(task.status).toBe('success');
      expect(task.error).toBeUndefined();
      expect(task.deletesNotApplied).toBe('sys_audit_delete is not readable (HTTP 403)');
    }
    const about = result.warnings.filter((w) => w.includes('sys_audit_delete'));
    expect(about).toHaveLength(1);
    const warning = about[0]!;
    expect(warning).toMatch(
      /^sys_audit_delete is not readable \(HTTP 403\): deletes were not applied to /,
    );
    const named = /not applied to (.*?); /.exec(warning)?.[1]?.split(', ');
    expect(named).toEqual(
      tasks.map((t) => (t.name === t.table ? t.name : `${t.name} (${t.table})`)),
    );
    expect(warning).toContain('--deletes reconcile|none');
    // The deleted row is still there: nothing was applied.
    expect((await keys(db, 'sys_user')).size).toBe(mock.data.count('sys_user') + 1);

    const [logged] = await readRuns(db, { limit: 1 });
    expect(logged?.status).toBe('success');
    const message = logged?.errorMessage ?? '';
    expect(message.split('sys_audit_delete is not readable').length - 1).toBe(1);
    expect(logged?.tasks.every((t) => t.errorMessage === null)).toBe(true);
  });
});
