/**
 * KyselySink's incremental-sync support: the servicenow_sync_state table, state saved in the
 * transaction of the rows, soft deletes, keys and counts. SQLite (prepared-statement path and
 * plain Kysely) always; PostgreSQL and MariaDB/MySQL in a database of this file's own when
 * SN_TEST_PG_URL / SN_TEST_MYSQL_URL are set.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { createDatabase, type SyncTables } from '../../src/database/index.js';
import type { SqlDialect } from '../../src/fields/index.js';
import { KyselySink, SinkError, SYNC_STATE_TABLE } from '../../src/sink/index.js';
import { defineTask, type TaskDefinition } from '../../src/tasks/index.js';
import { testDatabases } from '../support/databases.js';
import { type OpenTarget, sinkTargets, uniqueTable } from './targets.js';

interface StateTarget {
  readonly label: string;
  readonly dialect: SqlDialect;
  readonly available: boolean;
  open(): Promise<OpenTarget>;
}

const targets: StateTarget[] = [
  ...sinkTargets
    .filter((target) => target.dialect === 'sqlite')
    .map((target) => ({ ...target, open: async () => target.open() })),
  ...testDatabases
    .filter((target) => target.name !== 'sqlite')
    .map((target) => ({
      label: target.name,
      dialect: target.name,
      available: target.available,
      async open(): Promise<OpenTarget> {
        // A database of this file's own (the state table has a fixed name), opened as users do.
        const own = await target.open();
        await own.db.destroy();
        const db = createDatabase(own.url, { poolSize: 3 });
        return {
          db,
          close: async () => {
            await db.destroy();
            await own.close();
          },
        };
      },
    })),
];

const UTC_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

for (const target of targets) {
  const suite = target.available ? describe : describe.skip;
  suite(`KyselySink sync state on ${target.label}`, () => {
    let open: OpenTarget;
    let db: import('kysely').Kysely<SyncTables>;
    const created: string[] = [];
    const task = (base: string, name = base): TaskDefinition => {
      const target = uniqueTable(base);
      created.push(target);
      return defineTask({
        name,
        table: 'incident',
        target,
        fields: { number: 'string', priority: 'integer' },
      });
    };
    const ids = async (name: string) =>
      (await db.selectFrom(name).select('sys_id').orderBy('sys_id').execute()).map((r) => r.sys_id);
    /** Makes the next insert or update of `task`'s state row fail inside the database. */
    const failStateSaves = async (taskName: string) => {
      const name = `fail_${uniqueTable('state')}`;
      if (target.dialect === 'sqlite') {
        for (const event of ['INSERT', 'UPDATE']) {
          await sql
            .raw(
              `CREATE TRIGGER "${name}_${event}" BEFORE ${event} ON "${SYNC_STATE_TABLE}" ` +
                `WHEN NEW.task_name = '${taskName}' BEGIN SELECT RAISE(ABORT, 'state refused'); END`,
            )
            .execute(db);
        }
      } else if (target.dialect === 'postgres') {
        await sql
          .raw(
            `CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN ` +
              `RAISE EXCEPTION 'state refused'; END $$ LANGUAGE plpgsql`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER ${name} BEFORE INSERT OR UPDATE ON ${SYNC_STATE_TABLE} FOR EACH ROW ` +
              `WHEN (NEW.task_name = '${taskName}') EXECUTE FUNCTION ${name}()`,
          )
          .execute(db);
      } else {
        for (const event of ['INSERT', 'UPDATE']) {
          await sql
            .raw(
              `CREATE TRIGGER ${name}_${event.toLowerCase()} BEFORE ${event} ON ${SYNC_STATE_TABLE} ` +
                `FOR EACH ROW BEGIN IF NEW.task_name = '${taskName}' THEN ` +
                `SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'state refused'; END IF; END`,
            )
            .execute(db);
        }
      }
    };
    /** Makes a write of a row whose `number` is 'boom' fail inside the database. */
    // A trigger's error, not a row's value: a value the database refuses is isolated and
    // rejected instead (test/faults-db/bad-rows.test.ts).
    const failRow = async (table: string) => {
      if (target.dialect === 'sqlite') {
        await sql
          .raw(
            `CREATE TRIGGER "${table}_boom" BEFORE INSERT ON "${table}" ` +
              `WHEN NEW.number = 'boom' BEGIN SELECT RAISE(ABORT, 'row refused'); END`,
          )
          .execute(db);
      } else if (target.dialect === 'postgres') {
        await sql
          .raw(
            `CREATE FUNCTION ${table}_boom() RETURNS trigger AS $$ BEGIN ` +
              `RAISE EXCEPTION 'row refused'; END $$ LANGUAGE plpgsql`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER ${table}_boom BEFORE INSERT ON ${table} FOR EACH ROW ` +
              `WHEN (NEW.number = 'boom') EXECUTE FUNCTION ${table}_boom()`,
          )
          .execute(db);
      } else {
        await sql
          .raw(
            `CREATE TRIGGER ${table}_boom BEFORE INSERT ON ${table} FOR EACH ROW BEGIN ` +
              `IF NEW.number = 'boom' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'row refused'; END IF; END`,
          )
          .execute(db);
      }
      return { sys_id: 'zz_bad', number: 'boom', priority: 1 };
    };

    beforeAll(async () => {
      open = await target.open();
      db = open.db;
    });
    afterAll(async () => {
      for (const name of created) await db.schema.dropTable(name).ifExists().execute();
      await open.close();
    });

    it('creates the state table on first use, also when two sinks start at once', async () => {
      const first = task('race_a');
      const second = task('race_b');
      const [a, b] = await Promise.all([
        new KyselySink(db).readState(first),
        new KyselySink(db).readState(second),
      ]);
      expect([a, b]).toEqual([undefined, undefined]);
      const columns = (await db.introspection.getTables())
        .find((t) => t.name === SYNC_STATE_TABLE)
        ?.columns.map((c) => c.name)
        .sort();
      expect(columns).toEqual(
        [
          'deletes_checked_at',
          'instance',
          'table_name',
          'target_table',
          'task_name',
          'updated_at',
          'watermark_sys_id',
          'watermark_time',
        ].sort(),
      );
    });

    it('round-trips the state; an absent key keeps the stored value, null clears it', async () => {
      const t = task('roundtrip');
      const sink = new KyselySink(db);
      await sink.saveState(t, { watermark: { updatedOn: '2025-03-01 10:20:30', sysId: 'abc' } });
      const saved = await sink.readState(t);
      expect(saved).toMatchObject({
        watermark: { updatedOn: '2025-03-01 10:20:30', sysId: 'abc' },
        deletesCheckedAt: null,
      });
      expect(saved?.updatedAt).toMatch(UTC_TIME);
      await sink.saveState(t, { deletesCheckedAt: '2025-03-02 00:00:00' });
      // A fresh sink reads what is stored, not a cache.
      expect(await new KyselySink(db).readState(t)).toMatchObject({
        watermark: { updatedOn: '2025-03-01 10:20:30', sysId: 'abc' },
        deletesCheckedAt: '2025-03-02 00:00:00',
      });
      await sink.saveState(t, { watermark: { updatedOn: '2025-03-03 00:00:00', sysId: '' } });
      expect((await sink.readState(t))?.watermark).toEqual({
        updatedOn: '2025-03-03 00:00:00',
        sysId: '',
      });
      await sink.saveState(t, { watermark: null });
      expect(await sink.readState(t)).toMatchObject({
        watermark: null,
        deletesCheckedAt: '2025-03-02 00:00:00',
      });
      const row = await db
        .selectFrom(SYNC_STATE_TABLE)
        .select(['table_name', 'target_table'])
        .where('task_name', '=', 'roundtrip')
        .executeTakeFirst();
      expect(row).toEqual({ table_name: 'incident', target_table: t.target });
    });

    it('keys the state by task and prefixed target table', async () => {
      const t = task('keyed');
      const plain = new KyselySink(db);
      const prefixed = new KyselySink(db, { tablePrefix: 'sn_' });
      created.push(`sn_${t.target}`);
      await plain.saveState(t, { watermark: { updatedOn: '2025-01-01 00:00:00', sysId: 'p' } });
      expect(await prefixed.readState(t)).toBeUndefined();
      await prefixed.saveState(t, { watermark: { updatedOn: '2025-02-02 00:00:00', sysId: 'q' } });
      expect((await plain.readState(t))?.watermark?.sysId).toBe('p');
      expect((await prefixed.readState(t))?.watermark?.sysId).toBe('q');
    });

    it('stores SQL metacharacters in task names and sys_ids as data', async () => {
      const base = task('hostile');
      const names = [
        `x'; DROP TABLE ${SYNC_STATE_TABLE}; --`,
        'back\\slash `tick` "dq" $1 ? :n %_',
        '🚀 名前',
      ];
      const sink = new KyselySink(db);
      for (const [i, name] of names.entries()) {
        const hostile = { ...base, name };
        await sink.saveState(hostile, {
          watermark: { updatedOn: '2025-01-01 00:00:0' + i, sysId: `'); DELETE FROM x; --${i}` },
        });
      }
      for (const [i, name] of names.entries()) {
        expect(await sink.readState({ ...base, name })).toMatchObject({
          watermark: { updatedOn: '2025-01-01 00:00:0' + i, sysId: `'); DELETE FROM x; --${i}` },
        });
      }
      expect(await sink.readState(base)).toBeUndefined();
    });

    it('refuses invalid state values with a ConfigurationError and changes nothing', async () => {
      const t = task('invalid');
      const sink = new KyselySink(db);
      const good = { updatedOn: '2025-01-01 00:00:00', sysId: 'a' };
      await sink.saveState(t, { watermark: good });
      const bad: unknown[] = [
        { watermark: { updatedOn: '2025-02-30 00:00:00', sysId: 'a' } },
        { watermark: { updatedOn: '2025-01-01T00:00:00Z', sysId: 'a' } },
        { watermark: { updatedOn: '2025-01-01', sysId: 'a' } },
        { watermark: { updatedOn: '2025-01-01 24:00:00', sysId: 'a' } },
        { watermark: { updatedOn: '0999-01-01 00:00:00', sysId: 'a' } },
        { watermark: { updatedOn: 20250101, sysId: 'a' } },
        { watermark: { updatedOn: '2025-01-01 00:00:00', sysId: 42 } },
        { watermark: { updatedOn: '2025-01-01 00:00:00', sysId: 'x'.repeat(256) } },
        { watermark: { updatedOn: '2025-01-01 00:00:00', sysId: 'nul\u0000' } },
        { watermark: '2025-01-01 00:00:00' },
        { deletesCheckedAt: "2025-01-01 00:00:00'; --" },
        { deletesCheckedAt: new Date() },
        null,
      ];
      for (const update of bad) {
        await expect(sink.saveState(t, update as never)).rejects.toThrow(ConfigurationError);
      }
      await expect(
        sink.write(t, [{ sys_id: 'r1', number: 'n' }], {
          state: { watermark: { updatedOn: 'yesterday', sysId: '' } },
        }),
      ).rejects.toThrow(/state\.watermark\.updatedOn must be a UTC time/);
      await expect(sink.saveState({ ...t, name: '' }, { watermark: good })).rejects.toThrow(
        ConfigurationError,
      );
      expect((await sink.readState(t))?.watermark).toEqual(good);
      await sink.prepare(t);
      expect(await ids(t.target)).toEqual([]);
    });

    it('saves the state with the rows of a write, or alone when there are none', async () => {
      const t = task('together');
      const sink = new KyselySink(db);
      const mark = { updatedOn: '2025-04-01 08:00:00', sysId: 'r2' };
      const result = await sink.write(
        t,
        [
          { sys_id: 'r1', number: 'one', priority: 1 },
          { sys_id: 'r2', number: 'two', priority: 2 },
        ],
        { state: { watermark: mark } },
      );
      expect(result).toMatchObject({ written: 2, inserted: 2, updated: 0 });
      expect(await ids(t.target)).toEqual(['r1', 'r2']);
      expect((await sink.readState(t))?.watermark).toEqual(mark);
      const alone = await sink.write(t, [], { state: { deletesCheckedAt: '2025-04-02 00:00:00' } });
      expect(alone).toMatchObject({ written: 0, dbOperations: 1 });
      expect(await sink.readState(t)).toMatchObject({
        watermark: mark,
        deletesCheckedAt: '2025-04-02 00:00:00',
      });
    });

    it('leaves neither rows nor state advanced when the row statements fail', async () => {
      const t = task('rowfail');
      const sink = new KyselySink(db);
      const before = { updatedOn: '2025-05-01 00:00:00', sysId: 'old' };
      await sink.saveState(t, { watermark: before });
      await sink.prepare(t);
      const bad = await failRow(t.target);
      await expect(
        sink.write(
          t,
          [{ sys_id: 'g1', number: 'one', priority: 1 }, { sys_id: 'g2', number: 'two' }, bad],
          { state: { watermark: { updatedOn: '2025-05-02 00:00:00', sysId: 'zz_bad' } } },
        ),
      ).rejects.toThrow(SinkError);
      expect(await ids(t.target)).toEqual([]);
      expect((await sink.readState(t))?.watermark).toEqual(before);
      // Across batches: the batches before the failing one stay committed, the state does not move.
      const small = new KyselySink(db, { batchSize: 2 });
      await expect(
        small.write(
          t,
          [
            { sys_id: 'g1', number: 'one' },
            { sys_id: 'g2', number: 'two' },
            { sys_id: 'g3', number: 'three' },
            bad,
          ],
          { state: { watermark: { updatedOn: '2025-05-02 00:00:00', sysId: 'zz_bad' } } },
        ),
      ).rejects.toThrow(SinkError);
      expect(await ids(t.target)).toEqual(['g1', 'g2']);
      expect((await small.readState(t))?.watermark).toEqual(before);
    });

    it('rolls the rows back when the state cannot be saved', async () => {
      const t = task('statefail', `statefail_${process.pid}`);
      const sink = new KyselySink(db);
      await sink.write(t, [{ sys_id: 's1', number: 'kept', priority: 1 }]);
      await sink.readState(t); // the state table exists
      await failStateSaves(t.name);
      await expect(
        sink.write(
          t,
          [
            { sys_id: 's1', number: 'changed', priority: 9 },
            { sys_id: 's2', number: 'new', priority: 2 },
          ],
          { state: { watermark: { updatedOn: '2025-06-01 00:00:00', sysId: 's2' } } },
        ),
      ).rejects.toThrow(/state refused/);
      const rows = await db.selectFrom(t.target).select(['sys_id', 'number']).execute();
      expect(rows).toEqual([{ sys_id: 's1', number: 'kept' }]);
      expect(await sink.readState(t)).toBeUndefined();
      await expect(
        sink.delete(t, ['s1'], { state: { deletesCheckedAt: '2025-06-01 00:00:00' } }),
      ).rejects.toThrow(/state refused/);
      expect(await ids(t.target)).toEqual(['s1']);
    });

    it('writes nothing and saves no state once aborted', async () => {
      const t = task('aborted');
      const sink = new KyselySink(db);
      const controller = new AbortController();
      controller.abort();
      await expect(
        sink.write(t, [{ sys_id: 'a1', number: 'n' }], {
          signal: controller.signal,
          state: { watermark: { updatedOn: '2025-01-01 00:00:00', sysId: 'a1' } },
        }),
      ).rejects.toThrow();
      await expect(
        sink.saveState(t, { watermark: null }, { signal: controller.signal }),
      ).rejects.toThrow();
      expect(await sink.readState(t)).toBeUndefined();
      await sink.prepare(t);
      expect(await ids(t.target)).toEqual([]);
    });

    it('soft-deletes rows (counted once) and an upsert restores them', async () => {
      const t = task('soft');
      const sink = new KyselySink(db);
      await sink.write(t, [
        { sys_id: 'a', number: '1', priority: 1 },
        { sys_id: 'b', number: '2', priority: 2 },
        { sys_id: 'c', number: '3', priority: 3 },
      ]);
      expect(await sink.delete(t, ['a', 'b', 'zz', 'a'], { soft: true })).toMatchObject({
        deleted: 2,
      });
      expect(await sink.delete(t, ['a'], { soft: true })).toMatchObject({ deleted: 0 });
      expect(await sink.countRows(t)).toBe(1);
      expect(await sink.keys(t, { limit: 10 })).toEqual(['c']);
      const marked = await db
        .selectFrom(t.target)
        .select(['sys_id', 'sys_deleted_at'])
        .orderBy('sys_id')
        .execute();
      expect(marked.map((r) => r.sys_id)).toEqual(['a', 'b', 'c']);
      expect(String(marked[0]?.sys_deleted_at)).toMatch(UTC_TIME);
      expect(marked[2]?.sys_deleted_at).toBeNull();
      // Restored in ServiceNow: the same sys_id comes back.
      expect(await sink.write(t, [{ sys_id: 'a', number: '1b', priority: 1 }])).toMatchObject({
        inserted: 0,
        updated: 1,
      });
      expect(await sink.countRows(t)).toBe(2);
      expect(await sink.keys(t, { limit: 10 })).toEqual(['a', 'c']);
      // A sink opened later sees the column and the marks.
      const later = new KyselySink(db);
      expect(await later.countRows(t)).toBe(2);
      await later.write(t, [{ sys_id: 'b', number: '2b' }]);
      expect(await later.keys(t, { limit: 10 })).toEqual(['a', 'b', 'c']);
      // With the state, in one transaction; a hard delete removes marked rows too.
      await later.delete(t, ['c'], { soft: true });
      const hard = await later.delete(t, ['c', 'a'], {
        state: { deletesCheckedAt: '2025-07-01 12:00:00' },
      });
      expect(hard.deleted).toBe(2);
      expect(await ids(t.target)).toEqual(['b']);
      expect((await later.readState(t))?.deletesCheckedAt).toBe('2025-07-01 12:00:00');
      await later.delete(t, [], { soft: true, state: { deletesCheckedAt: '2025-07-02 00:00:00' } });
      expect((await later.readState(t))?.deletesCheckedAt).toBe('2025-07-02 00:00:00');
    });

    it('pages through every live key once, and counts live rows', async () => {
      const t = task('paging');
      const sink = new KyselySink(db, { batchSize: 100 });
      expect(await sink.countRows(t)).toBe(0);
      expect(await sink.keys(t, { limit: 5 })).toEqual([]);
      const all = Array.from({ length: 230 }, (_, i) =>
        ((i * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(4),
      );
      all.push('global', "id'; --", 'Z-upper');
      await sink.write(
        t,
        all.map((sys_id) => ({ sys_id, number: sys_id.slice(0, 6) })),
      );
      const gone = all.filter((_, i) => i % 7 === 3);
      await sink.delete(t, gone, { soft: true });
      const live = all.filter((key) => !gone.includes(key));
      const seen: string[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = await sink.keys(t, after === undefined ? { limit: 7 } : { after, limit: 7 });
        expect(page.length).toBeLessThanOrEqual(7);
        seen.push(...page);
        if (page.length < 7) break;
        after = page.at(-1);
      }
      expect(seen).toHaveLength(live.length);
      expect(new Set(seen).size).toBe(live.length);
      expect([...seen].sort()).toEqual([...live].sort());
      expect(await sink.countRows(t)).toBe(live.length);
      for (const limit of [0, -1, 1.5, Number.NaN]) {
        await expect(sink.keys(t, { limit })).rejects.toThrow(ConfigurationError);
      }
    });
  });
}
