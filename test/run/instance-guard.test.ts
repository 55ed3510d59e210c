/**
 * One database, one instance: two mock instances (different seeds, different ports) syncing
 * into one database, on every available dialect. The second is refused with
 * InstanceMismatchError before anything is written; the first runs again; another instance
 * goes under a table prefix of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceNowClient } from '../../src/client/index.js';
import { ConfigurationError, InstanceMismatchError } from '../../src/core/index.js';
import { readRuns } from '../../src/log/index.js';
import { createMockServiceNow, type MockServiceNow } from '../../src/mock/index.js';
import { runTasks, startRun } from '../../src/run/index.js';
import { KyselySink, readSyncStates, readTableClaims } from '../../src/sink/index.js';
import { companiesTask, groupsTask, usersTask } from '../../src/tasks/catalog/index.js';
import { connectDatabase } from '../../src/wiring/index.js';
import { type TestDatabase, testDatabases } from '../support/databases.js';

interface Instance {
  readonly mock: MockServiceNow;
  readonly client: ServiceNowClient;
}

async function instance(seed: number): Promise<Instance> {
  const mock = await createMockServiceNow({ seed, scale: 30 });
  const client = new ServiceNowClient({
    instanceUrl: mock.url,
    auth: { type: 'basic', ...mock.credentials },
  });
  return { mock, client };
}

const tasks = () => [usersTask(), groupsTask()];

for (const target of testDatabases) {
  describe.skipIf(!target.available)(`the instance guard on ${target.name}`, () => {
    let t: TestDatabase;
    let a: Instance;
    let b: Instance;

    beforeAll(async () => {
      t = await target.open();
      [a, b] = await Promise.all([instance(1), instance(2)]);
    });
    afterAll(async () => {
      for (const i of [a, b]) {
        await i?.client.close();
        await i?.mock.close();
      }
      await t?.close();
    });

    /** What the database holds: row counts, state, log and claims. */
    async function snapshot() {
      const count = async (table: string) =>
        Number(
          (
            await t.db
              .selectFrom(table)
              .select((e) => e.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const tables = (await t.db.introspection.getTables()).map((x) => x.name).sort();
      return {
        tables,
        users: await count('sys_user'),
        groups: await count('sys_user_group'),
        states: await readSyncStates(t.db),
        runs: await readRuns(t.db, { limit: 100 }),
        claims: await readTableClaims(t.db),
      };
    }

    it("records the first instance with its tables, their state and the run's log row", async () => {
      const result = await runTasks(tasks(), {
        client: a.client,
        ...connectDatabase(t.db),
        mode: 'incremental',
      });
      expect(result.status).toBe('success');
      expect(result.warnings).toEqual([]);
      const claims = await readTableClaims(t.db);
      expect(claims.map((c) => [c.targetTable, c.instance, c.table])).toEqual([
        ['sys_user', a.mock.url, 'sys_user'],
        ['sys_user_group', a.mock.url, 'sys_user_group'],
      ]);
      expect(claims[0]?.claimedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      const states = await readSyncStates(t.db);
      expect(states.map((s) => [s.task, s.targetTable, s.instance])).toEqual([
        ['groups', 'sys_user_group', a.mock.url],
        ['users', 'sys_user', a.mock.url],
      ]);
      expect(states.every((s) => s.watermark !== null)).toBe(true);
      const [run] = await readRuns(t.db, { id: result.id });
      expect(run?.instance).toBe(a.mock.url);
    });

    it('refuses another instance before writing anything, naming both', async () => {
      const before = await snapshot();
      const refused = runTasks(tasks(), {
        client: b.client,
        ...connectDatabase(t.db),
        mode: 'incremental',
      });
      await expect(refused).rejects.toBeInstanceOf(InstanceMismatchError);
      const error = (await refused.catch((e: unknown) => e)) as InstanceMismatchError;
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.code).toBe('INSTANCE_MISMATCH');
      expect(error.runInstance).toBe(b.mock.url);
      expect(error.storedInstance).toBe(a.mock.url);
      expect(error.table).toBe('sys_user');
      expect(error.message).toContain(`holds data of ${a.mock.url}, not of ${b.mock.url}`);
      expect(error.message).toContain('another database or schema');
      // A table the other instance has not written yet does not help: users is refused.
      await expect(
        runTasks([companiesTask(), usersTask()], { client: b.client, ...connectDatabase(t.db) }),
      ).rejects.toBeInstanceOf(InstanceMismatchError);
      expect(await snapshot()).toEqual(before);
      // No page was read (the preflight's one-record probe and the time-zone guard's look-up
      // of the integration user aside).
      const reads = b.mock.requests.filter(
        (r) =>
          r.table?.startsWith('sys_user') &&
          r.query.sysparm_fields !== 'user_name,time_zone' &&
          r.query.sysparm_fields !== 'sys_id',
      );
      expect(reads).toEqual([]);
    });

    it('runs the same instance again, and another under a table prefix of its own', async () => {
      const again = await runTasks(tasks(), {
        client: a.client,
        ...connectDatabase(t.db),
        mode: 'incremental',
      });
      expect(again.status).toBe('success');
      const prefixed = await runTasks(tasks(), {
        client: b.client,
        ...connectDatabase(t.db, { tablePrefix: 'b_' }),
        mode: 'incremental',
      });
      expect(prefixed.status).toBe('success');
      const claims = await readTableClaims(t.db);
      expect(claims.map((c) => [c.targetTable, c.instance])).toEqual([
        ['b_sys_user', b.mock.url],
        ['b_sys_user_group', b.mock.url],
        ['sys_user', a.mock.url],
        ['sys_user_group', a.mock.url],
      ]);
      const states = await readSyncStates(t.db);
      expect(states.find((s) => s.targetTable === 'b_sys_user')?.instance).toBe(b.mock.url);
      expect(states.find((s) => s.targetTable === 'sys_user')?.instance).toBe(a.mock.url);
    });

    it('takes the instance option over the client URL, and checks it', async () => {
      // A proxy in front of instance A: the identity says whose data it is.
      const viaProxy = await runTasks([usersTask()], {
        client: b.client,
        sink: new KyselySink(t.db, { tablePrefix: 'proxy_' }),
        instance: 'https://proxied.example.com',
      });
      expect(viaProxy.status).toBe('success');
      await expect(
        runTasks([usersTask()], {
          client: a.client,
          sink: new KyselySink(t.db, { tablePrefix: 'proxy_' }),
        }),
      ).rejects.toThrow(/holds data of https:\/\/proxied\.example\.com/);
      for (const bad of ['', ' ', 'x'.repeat(256)]) {
        await expect(
          startRun([usersTask()], { client: a.client, sink: new KyselySink(t.db), instance: bad }),
        ).rejects.toThrow(/instance must be a non-empty string of at most 255 characters/);
      }
    });

    it('lets one of two instances claiming a fresh table at once win', async () => {
      const task = () => [usersTask({ target: 'race_users' })];
      const outcomes = await Promise.allSettled([
        new KyselySink(t.db).claimInstance('https://one.example.com', task()),
        new KyselySink(t.db).claimInstance('https://two.example.com', task()),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o) => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(InstanceMismatchError);
      const claim = (await readTableClaims(t.db)).find((c) => c.targetTable === 'race_users');
      expect(['https://one.example.com', 'https://two.example.com']).toContain(claim?.instance);
    });
  });
}
