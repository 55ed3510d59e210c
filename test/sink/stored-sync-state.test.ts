/**
 * `readSyncStates` and `resetSyncState`, the library side of `servicenow-sync state`, on every
 * available dialect: the state of each task with its instance, and a reset that makes the next
 * incremental run of a task read everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceNowClient } from '../../src/client/index.js';
import { ConfigurationError } from '../../src/core/index.js';
import { createMockServiceNow, type MockServiceNow } from '../../src/mock/index.js';
import { runTasks } from '../../src/run/index.js';
import { readSyncStates, resetSyncState, SYNC_STATE_TABLE } from '../../src/sink/index.js';
import { groupsTask, usersTask } from '../../src/tasks/catalog/index.js';
import { connectDatabase } from '../../src/wiring/index.js';
import { type TestDatabase, testDatabases } from '../support/databases.js';

for (const target of testDatabases) {
  describe.skipIf(!target.available)(`stored sync state on ${target.name}`, () => {
    let t: TestDatabase;
    let mock: MockServiceNow;
    let client: ServiceNowClient;
    const run = () =>
      runTasks([usersTask(), groupsTask()], {
        client,
        ...connectDatabase(t.db),
        mode: 'incremental',
      });

    beforeAll(async () => {
      t = await target.open();
      mock = await createMockServiceNow({ seed: 6, scale: 20 });
      client = new ServiceNowClient({
        instanceUrl: mock.url,
        auth: { type: 'basic', ...mock.credentials },
      });
    });
    afterAll(async () => {
      await client?.close();
      await mock?.close();
      await t?.close();
    });

    it('reads nothing, and creates nothing, before any run', async () => {
      expect(await readSyncStates(t.db)).toEqual([]);
      const tables = (await t.db.introspection.getTables()).map((x) => x.name);
      expect(tables).not.toContain(SYNC_STATE_TABLE);
      await expect(resetSyncState(t.db, ['users'])).rejects.toThrow(
        /no sync state for "users"; no task has a sync state yet/,
      );
    });

    it("reads each task's watermark, deletes checkpoint and instance", async () => {
      expect((await run()).status).toBe('success');
      const states = await readSyncStates(t.db);
      expect(states.map((s) => [s.task, s.table, s.targetTable, s.instance])).toEqual([
        ['groups', 'sys_user_group', 'sys_user_group', mock.url],
        ['users', 'sys_user', 'sys_user', mock.url],
      ]);
      for (const state of states) {
        expect(state.watermark?.updatedOn).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
        expect(state.watermark?.sysId).toMatch(/^[0-9a-f]{32}$/);
        expect(state.deletesCheckedAt).toBeNull();
        expect(state.updatedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      }
    });

    it('refuses unknown names, listing the known ones, and changes nothing', async () => {
      const before = await readSyncStates(t.db);
      const refused = resetSyncState(t.db, ['users', 'nope']);
      await expect(refused).rejects.toBeInstanceOf(ConfigurationError);
      await expect(refused).rejects.toThrow(
        /no sync state for "nope"; the tasks with a sync state are groups, users/,
      );
      await expect(resetSyncState(t.db, [])).rejects.toThrow(/no task named/);
      expect(await readSyncStates(t.db)).toEqual(before);
    });

    it('clears the named tasks only, keeps the instance; their next run reads everything', async () => {
      const before = await readSyncStates(t.db);
      const reset = await resetSyncState(t.db, ['users']);
      expect(reset).toEqual(before.filter((s) => s.task === 'users'));
      const after = await readSyncStates(t.db);
      const users = after.find((s) => s.task === 'users');
      expect(users).toMatchObject({ watermark: null, deletesCheckedAt: null, instance: mock.url });
      expect(after.find((s) => s.task === 'groups')).toEqual(
        before.find((s) => s.task === 'groups'),
      );
      const next = await run();
      expect(next.tasks.users?.recordsRead).toBe(mock.data.count('sys_user'));
      // groups went on from its watermark: at most the overlap's rows, not the whole table.
      expect(next.tasks.groups?.recordsRead).toBeLessThan(mock.data.count('sys_user_group'));
    });
  });
}
