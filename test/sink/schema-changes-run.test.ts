/**
 * The schema changes of a run: in each task's result (`TaskResult.schemaChanges`) and in the
 * execution log (`schema_changes`, read back by `readRuns`), on every database.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceNowClient } from '../../src/client/index.js';
import type { SyncTables } from '../../src/database/index.js';
import { fields } from '../../src/fields/index.js';
import { readRuns } from '../../src/log/index.js';
import { createMockServiceNow, type MockServiceNow } from '../../src/mock/index.js';
import { runTasks } from '../../src/run/index.js';
import { defineTask, type TaskOptions } from '../../src/tasks/index.js';
import { connectDatabase } from '../../src/wiring/index.js';
import { type OpenTarget, sinkTargets, uniqueTable } from './targets.js';

let mock: MockServiceNow;
let client: ServiceNowClient;

beforeAll(async () => {
  mock = await createMockServiceNow({ seed: 15, scale: 40 });
  client = new ServiceNowClient({
    instanceUrl: mock.url,
    auth: { type: 'basic', ...mock.credentials },
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
  });
});
afterAll(async () => {
  await client.close();
  await mock.close();
});

for (const target of sinkTargets.filter((t) => t.label !== 'sqlite (plain Kysely)')) {
  const suite = target.available ? describe : describe.skip;
  suite(`schema changes of a run on ${target.label}`, () => {
    let open: OpenTarget;
    let db: Kysely<SyncTables>;
    const name = uniqueTable('groups_ddl');
    const groups = (taskFields: TaskOptions['fields']) =>
      defineTask({ name: 'groups_ddl', table: 'sys_user_group', target: name, fields: taskFields });
    beforeAll(() => {
      open = target.open();
      db = open.db;
    });
    afterAll(async () => {
      await db.schema.dropTable(name).ifExists().execute();
      await open.close();
    });

    it('reports the created table, then the added and widened columns, in the result and the log', async () => {
      const first = await runTasks([groups({ name: fields.string({ maxLength: 40 }) })], {
        client,
        ...connectDatabase(db),
      });
      const created = first.tasks.groups_ddl?.schemaChanges ?? [];
      expect(created.map((c) => [c.kind, c.table])).toEqual([['create-table', name]]);
      const count = first.tasks.groups_ddl?.recordsProcessed ?? 0;
      expect(count).toBeGreaterThan(0);

      const second = await runTasks(
        [groups({ name: fields.string({ maxLength: 100 }), email: fields.string() })],
        { client, ...connectDatabase(db) },
      );
      const changed = second.tasks.groups_ddl?.schemaChanges ?? [];
      expect(changed.map((c) => [c.kind, c.column])).toEqual(
        target.dialect === 'mysql'
          ? [
              ['widen-column', 'name'],
              ['add-column', 'email'],
            ]
          : [['add-column', 'email']],
      );
      const rows = await db.selectFrom(name).select(['sys_id', 'email']).execute();
      expect(rows).toHaveLength(count);
      expect(rows.some((r) => typeof r.email === 'string' && r.email !== '')).toBe(true);

      const third = await runTasks(
        [groups({ name: fields.string({ maxLength: 100 }), email: fields.string() })],
        { client, ...connectDatabase(db) },
      );
      expect(third.tasks.groups_ddl?.schemaChanges).toEqual([]);

      const logged = await readRuns(db, { limit: 10 });
      const byId = (id: string) => logged.find((run) => run.id === id)?.tasks[0]?.schemaChanges;
      expect(byId(first.id)).toEqual(created);
      expect(byId(second.id)).toEqual(changed);
      expect(byId(third.id)).toEqual([]);
    });
  });
}
