/**
 * Issue 21, item 2: one bad row never blocks a table. A batch the database refuses for one row's
 * sake (a CHECK constraint, a value it cannot store) is bisected: the good rows are written, each
 * bad one reported as a rejected record (table, sys_id, field, reason), on every database. A
 * string holding NUL is refused on every database (PostgreSQL cannot store it); a lone surrogate
 * is stored as U+FFFD on every database.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceNowClient } from '../../src/client/index.js';
import type { SyncTables } from '../../src/database/index.js';
import { fields, type Row } from '../../src/fields/index.js';
import { createMockServiceNow, type MockServiceNow } from '../../src/mock/index.js';
import { runTasks } from '../../src/run/index.js';
import { KyselySink } from '../../src/sink/index.js';
import { defineTask } from '../../src/tasks/index.js';
import { connectDatabase } from '../../src/wiring/index.js';
import { type OpenTarget, sinkTargets, uniqueTable } from '../sink/targets.js';

const FORBIDDEN = 'forbidden by a CHECK';

/** The task's table made beforehand with a CHECK constraint no good row breaks. */
async function createChecked(db: Kysely<SyncTables>, table: string): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE ${table} (sys_id VARCHAR(32) NOT NULL PRIMARY KEY, name TEXT, ` +
        `description TEXT, CONSTRAINT ${table}_ck CHECK (description IS NULL OR description <> '${FORBIDDEN}'))`,
    )
    .execute(db);
}

const id = (n: number) => n.toString(16).padStart(32, '0');

async function stored(db: Kysely<SyncTables>, table: string): Promise<Map<string, Row>> {
  const result = await sql<Row>`SELECT * FROM ${sql.table(table)}`.execute(db);
  return new Map(result.rows.map((row) => [String(row.sys_id), row]));
}

for (const target of sinkTargets) {
  const suite = target.available ? describe : describe.skip;
  suite(`bad rows on ${target.label}`, () => {
    let open: OpenTarget;
    let db: Kysely<SyncTables>;
    const tables: string[] = [];
    beforeAll(() => {
      open = target.open();
      db = open.db;
    });
    afterAll(async () => {
      for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
      await open.close();
    });

    it('writes every good row of a batch and rejects each bad one with its sys_id, field and reason', async () => {
      const table = uniqueTable('bad_rows');
      tables.push(table);
      await createChecked(db, table);
      const task = defineTask({
        name: 'bad_rows',
        table: 'sys_user_group',
        target: table,
        fields: { name: fields.string(), description: fields.string() },
      });
      const sink = new KyselySink(db, { batchSize: 40 });
      await sink.prepare(task);
      const rows: Row[] = Array.from({ length: 100 }, (_, i) => ({
        sys_id: id(i + 1),
        name: `group ${i + 1}`,
        description: 'fine',
      }));
      rows[10] = { ...rows[10], description: FORBIDDEN } as Row;
      rows[57] = { ...rows[57], name: 'nul\u0000inside' } as Row;
      rows[58] = { ...rows[58], description: FORBIDDEN } as Row;
      rows[99] = { ...rows[99], description: FORBIDDEN } as Row;
      rows[3] = { ...rows[3], name: 'lone \ud800 half' } as Row;
      const watermark = { updatedOn: '2026-01-02 03:04:05', sysId: id(100) };
      const result = await sink.write(task, rows, { state: { watermark } });

      expect(result.written).toBe(96);
      const rejected = result.rejected ?? [];
      expect(rejected.map((r) => r.sysId)).toEqual([id(11), id(58), id(59), id(100)]);
      expect(rejected.every((r) => r.table === 'sys_user_group')).toBe(true);
      expect(rejected[1]?.field).toBe('name');
      expect(rejected[1]?.reason).toMatch(/NUL character/);
      for (const r of [rejected[0], rejected[2], rejected[3]]) {
        expect(r?.reason).toMatch(/^was refused by the database: /);
      }
      const inDb = await stored(db, table);
      expect(inDb.size).toBe(96);
      for (const gone of [11, 58, 59, 100]) expect(inDb.has(id(gone))).toBe(false);
      expect(inDb.get(id(4))?.name).toBe('lone \ufffd half');
      expect(inDb.get(id(57))?.description).toBe('fine');
      // The watermark of the batch is saved although its last row was rejected.
      expect((await sink.readState(task))?.watermark).toEqual(watermark);
      await sink.close();
    });

    it.runIf(target.dialect === 'mysql')(
      'rejects a sys_id longer than MySQL keeps, writing the other rows',
      async () => {
        const table = uniqueTable('long_key');
        tables.push(table);
        const task = defineTask({
          name: 'long_key',
          table: 'sys_user_group',
          target: table,
          fields: { name: fields.string() },
        });
        const sink = new KyselySink(db);
        const long = 'a'.repeat(300);
        const rows = [id(1), long, id(2)].map((sys_id) => ({ sys_id, name: 'n' }));
        const result = await sink.write(task, rows);
        expect(result.written).toBe(2);
        expect(result.rejected?.map((r) => [r.sysId, r.field])).toEqual([[long, 'sys_id']]);
        expect(result.rejected?.[0]?.reason).toMatch(/Data too long for column 'sys_id'/);
        expect([...(await stored(db, table)).keys()].sort()).toEqual([id(1), id(2)]);
      },
    );

    it('a run reports the rejected rows and writes the others, again on a re-run', async () => {
      const mock: MockServiceNow = await createMockServiceNow({ seed: 21, scale: 40 });
      const client = new ServiceNowClient({
        instanceUrl: mock.url,
        auth: { type: 'basic', ...mock.credentials },
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
      });
      try {
        const table = uniqueTable('bad_run');
        tables.push(table);
        await createChecked(db, table);
        const bad = mock.data.insert('sys_user_group', { name: 'bad', description: FORBIDDEN });
        const nul = mock.data.insert('sys_user_group', { name: 'a\u0000b', description: 'x' });
        const total = mock.data.count('sys_user_group');
        const task = defineTask({
          name: 'bad_run',
          table: 'sys_user_group',
          target: table,
          fields: { name: fields.string(), description: fields.string() },
        });
        for (let run = 0; run < 2; run++) {
          const result = await runTasks([task], { client, ...connectDatabase(db) });
          const t = result.tasks.bad_run;
          expect(t?.status).toBe('partial');
          expect(t?.recordsProcessed).toBe(total - 2);
          expect(t?.recordsRejected).toBe(2);
          const messages = (t?.rejects ?? []).map((r) => r.message).join('\n');
          expect(messages).toContain(`sys_user_group ${bad.sys_id}`);
          expect(messages).toContain(`sys_user_group ${nul.sys_id}: field "name"`);
          expect((t?.rejects ?? []).every((r) => r.name === 'RecordRejectedError')).toBe(true);
          expect((await stored(db, table)).size).toBe(total - 2);
        }
      } finally {
        await client.close();
        await mock.close();
      }
    });
  });
}
