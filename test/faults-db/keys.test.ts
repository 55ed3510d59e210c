/**
 * Issue 21 item 3: keys compare exactly on every database. A `sys_id` with leading/trailing
 * white space or a control character is refused by the decoder (reported like any codec
 * reject); rows whose keys differ only by trailing spaces, written straight to the sink, stay
 * two rows (MySQL/MariaDB: the key column of a new table is `NO PAD`).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceNowClient } from '../../src/client/index.js';
import type { SyncTables } from '../../src/database/index.js';
import { createMockServiceNow, type MockServiceNow } from '../../src/mock/index.js';
import { runTasks } from '../../src/run/index.js';
import { KyselySink } from '../../src/sink/index.js';
import { decodeRecord, defineTask, RecordRejectedError } from '../../src/tasks/index.js';
import { type OpenTarget, sinkTargets, uniqueTable } from '../sink/targets.js';

const probe = defineTask({
  name: 'keys_probe',
  table: 'sys_user',
  fields: { user_name: 'string' },
});

describe('the decoder refuses a sys_id that cannot be a key', () => {
  const refused: ReadonlyArray<readonly [string, RegExp]> = [
    ['abc ', /leading or trailing white space/],
    [' abc', /leading or trailing white space/],
    ['abc\t', /leading or trailing white space/],
    ['\u00a0abc', /leading or trailing white space/],
    ['abc\n', /leading or trailing white space/],
    ['ab\u0000c', /control character U\+0000/],
    ['ab\u001bc', /control character U\+001B/],
    ['ab\u007fc', /control character U\+007F/],
    ['ab\u0085c', /control character U\+0085/],
  ];
  for (const [sysId, reason] of refused) {
    it(`refuses ${JSON.stringify(sysId)}, naming the table, the field and the value`, () => {
      let error: unknown;
      try {
        decodeRecord(probe, { sys_id: sysId, user_name: 'x' });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(RecordRejectedError);
      const rejected = error as RecordRejectedError;
      expect(rejected).toMatchObject({ table: 'sys_user', field: 'sys_id', sysId });
      expect(rejected.reason).toMatch(reason);
      expect(rejected.message).toContain(JSON.stringify(sysId));
      expect(rejected.message).toMatch(/^sys_user .*field "sys_id" is not a valid sys_id/s);
    });
  }

  it('keeps ordinary keys, inner spaces and non-hex ones included', () => {
    for (const sysId of ['1c741bd70b2322007518478d83673af3', 'global', 'a b', 'ÄÖü-🚀']) {
      expect(decodeRecord(probe, { sys_id: sysId, user_name: 'x' }).sys_id).toBe(sysId);
    }
  });
});

for (const target of sinkTargets) {
  const suite = target.available ? describe : describe.skip;
  suite(`keys compare exactly on ${target.label}`, () => {
    let open: OpenTarget;
    let db: import('kysely').Kysely<SyncTables>;
    let mock: MockServiceNow;
    let client: ServiceNowClient;
    const created: string[] = [];
    const table = (base: string) => {
      const name = uniqueTable(base);
      created.push(name);
      return name;
    };
    const readKeys = async (name: string) =>
      (await db.selectFrom(name).select(['sys_id', 'user_name']).execute())
        .map((row) => `${String(row.sys_id)}|${String(row.user_name)}`)
        .sort();

    beforeAll(async () => {
      open = target.open();
      db = open.db;
      mock = await createMockServiceNow({ seed: 21, scale: 10 });
      const crafted = ['keys0', 'keys0 ', ' keys0', 'keys\u00010', 'keys0\u00a0', 'keys1'];
      crafted.forEach((sysId, i) => {
        mock.data.insert('sys_user', { sys_id: sysId, user_name: `keys.user${i}` });
      });
      client = new ServiceNowClient({
        instanceUrl: mock.url,
        auth: { type: 'basic', ...mock.credentials },
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
      });
    });
    afterAll(async () => {
      await client.close();
      await mock.close();
      for (const name of created) await db.schema.dropTable(name).ifExists().execute();
      await open.close();
    });

    it('writes two rows for sys_ids differing by trailing spaces, and updates each alone', async () => {
      const name = table('keys_pad');
      const task = defineTask({
        name: 'keys_pad',
        table: 'sys_user',
        target: name,
        fields: { user_name: 'string' },
      });
      const sink = new KyselySink(db);
      await sink.prepare(task);
      const first = await sink.write(task, [
        { sys_id: 'abc', user_name: 'plain' },
        { sys_id: 'abc ', user_name: 'one space' },
        { sys_id: 'abc  ', user_name: 'two spaces' },
      ]);
      expect(first).toMatchObject({ written: 3, inserted: 3, updated: 0 });
      expect(await readKeys(name)).toEqual(['abc  |two spaces', 'abc |one space', 'abc|plain']);
      const second = await sink.write(task, [{ sys_id: 'abc ', user_name: 'changed' }]);
      expect(second).toMatchObject({ written: 1, inserted: 0, updated: 1 });
      expect(await readKeys(name)).toEqual(['abc  |two spaces', 'abc |changed', 'abc|plain']);
      const found = await db
        .selectFrom(name)
        .select('user_name')
        .where('sys_id', '=', 'abc')
        .execute();
      expect(found).toEqual([{ user_name: 'plain' }]);
    });

    if (target.dialect === 'mysql') {
      it('creates the key column NO PAD', async () => {
        const name = table('keys_collation');
        const task = defineTask({
          name: 'keys_collation',
          table: 'sys_user',
          target: name,
          fields: { user_name: 'string' },
        });
        await new KyselySink(db).prepare(task);
        const { rows } = await sql<{ collation: string }>`
          SELECT COLLATION_NAME AS collation FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ${name} AND COLUMN_NAME = 'sys_id'`.execute(
          db,
        );
        expect(rows[0]?.collation).toMatch(/^utf8mb4_(nopad_bin|0900_bin)$/);
        const { rows: user } = await sql<{ collation: string }>`
          SELECT COLLATION_NAME AS collation FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ${name} AND COLUMN_NAME = 'user_name'`.execute(
          db,
        );
        expect(user[0]?.collation).toBe('utf8mb4_bin');
      });
    }

    it('a run stores the exact key once and reports each invalid sys_id as a reject', async () => {
      const name = table('keys_run');
      const task = defineTask({
        name: `keys_run_${process.pid}_${target.label.replace(/\W+/g, '_').toLowerCase()}`,
        table: 'sys_user',
        target: name,
        fields: { user_name: 'string' },
        filter: 'user_nameSTARTSWITHkeys.',
      });
      const result = await runTasks([task], { client, sink: new KyselySink(db) });
      const outcome = result.tasks[task.name];
      expect(outcome?.status).toBe('partial');
      expect(outcome?.recordsRejected).toBe(4);
      expect(await readKeys(name)).toEqual(['keys0|keys.user0', 'keys1|keys.user5']);
      const messages = (outcome?.rejects ?? []).map((r) => r.message).sort();
      expect(messages).toHaveLength(4);
      for (const message of messages) {
        expect(message).toMatch(/^sys_user .*field "sys_id" is not a valid sys_id/s);
      }
      expect(messages.join('\n')).toContain('"keys0 "');
      expect(messages.join('\n')).toContain('" keys0"');
      expect(messages.join('\n')).toContain('U+0001');
      expect(messages.join('\n')).toContain('"keys0\u00a0"');
    });
  });
}
