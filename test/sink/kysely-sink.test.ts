import type { ColumnTable } from 'arquero';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncTables } from '../../src/database/index.js';
import { fields, type Row } from '../../src/fields/index.js';
import { KyselySink, SinkError } from '../../src/sink/index.js';
import {
  applyTransform,
  defineTask,
  TaskDefinitionError,
  type TaskOptions,
} from '../../src/tasks/index.js';
import { type OpenTarget, sinkTargets, uniqueTable } from './targets.js';

/** A date-time as every dialect reads it back through createDatabase: UTC text, whole seconds. */
const utc = (iso: string) => iso.slice(0, 19).replace('T', ' ');

const HOSTILE = [
  'O\'Brien said "hi"',
  "'; DROP TABLE incident; --",
  'back\\slash \\\\ \\n not a newline \\0',
  'line1\nline2\r\nline3\ttabbed',
  '🚀 emoji 👩‍👩‍👧 and 中文字符, 日本語, 한국어',
  'RTL \u202Eevil\u202C, zero\u200Bwidth, combining e\u0301',
  '%_ like wildcards ? $1 :name @var `backtick`',
  '\u001a control \u0007 bell \u007f del',
  'x'.repeat(100 * 1024),
  `${'é🚀'.repeat(20_000)}end`,
];

for (const target of sinkTargets) {
  const suite = target.available ? describe : describe.skip;
  suite(`KyselySink on ${target.label}`, () => {
    let open: OpenTarget;
    let db: Kysely<SyncTables>;
    const created: string[] = [];
    const table = (base: string) => {
      const name = uniqueTable(base);
      created.push(name);
      return name;
    };
    /**
     * Task `name` reading `taskFields` of incident (or `options.table`) into a table of its own,
     * made by `table(name)`; `name` in the result is that table's name.
     */
    const syncTask = (
      name: string,
      taskFields: TaskOptions['fields'],
      options: Partial<Pick<TaskOptions, 'table' | 'references' | 'transform'>> = {},
    ) => {
      const stored = table(name);
      const task = defineTask({
        name,
        table: 'incident',
        target: stored,
        fields: taskFields,
        ...options,
      });
      return { name: stored, task };
    };
    const read = (name: string) => db.selectFrom(name).selectAll().orderBy('sys_id').execute();

    beforeAll(() => {
      open = target.open();
      db = open.db;
    });
    afterAll(async () => {
      for (const name of created) await db.schema.dropTable(name).ifExists().execute();
      await open.close();
    });

    it('creates the table: sys_id key, one typed column per field, reserved words quoted', async () => {
      const { name, task } = syncTask(
        'types',
        {
          number: fields.string(),
          opened_at: fields.dateTime(),
          user: fields.reference('sys_user'),
          order: fields.integer(),
          group: fields.choice(),
          select: fields.boolean(),
          percentage: fields.decimal(),
          work_date: fields.date(),
          time_worked: fields.duration(),
        },
        { references: { user: { display: true } } },
      );
      const sink = new KyselySink(db);
      await sink.prepare(task);
      await sink.prepare(task); // idempotent
      const tables = await db.introspection.getTables();
      const found = tables.find((t) => t.name === name);
      expect(found?.columns.map((c) => c.name).sort()).toEqual(
        task.columns.map((c) => c.name).sort(),
      );
      const type = (column: string) =>
        found?.columns.find((c) => c.name === column)?.dataType.toLowerCase();
      const expected = {
        sqlite: {
          opened_at: 'text',
          select: 'integer',
          order: 'integer',
          time_worked: 'integer',
          percentage: 'real',
          user_display: 'text',
        },
        postgres: {
          opened_at: 'timestamp',
          select: 'bool',
          order: 'int8',
          time_worked: 'int8',
          percentage: 'float8',
          user_display: 'text',
        },
        mysql: {
          opened_at: 'datetime',
          select: 'tinyint',
          order: 'bigint',
          time_worked: 'bigint',
          percentage: 'double',
          user_display: 'longtext',
        },
      }[target.dialect];
      for (const [column, dataType] of Object.entries(expected))
        expect(type(column)).toBe(dataType);
    });

    it('upserts by sys_id: a re-run leaves the same rows, updated', async () => {
      const { name, task } = syncTask('rerun', {
        number: fields.string(),
        priority: fields.integer(),
      });
      const sink = new KyselySink(db);
      const rows = [
        { sys_id: 'a1', number: 'INC1', priority: 1 },
        { sys_id: 'b2', number: 'INC2', priority: 2 },
        { sys_id: 'c3', number: 'INC3', priority: 3 },
      ];
      expect(await sink.write(task, rows)).toMatchObject({ written: 3, inserted: 3, updated: 0 });
      const again = rows.map((row) => ({ ...row, priority: row.priority + 10 }));
      const second = await sink.write(task, again);
      expect(second).toMatchObject({ written: 3, inserted: 0, updated: 3 });
      expect(second.dbOperations).toBeGreaterThan(0);
      const third = await sink.write(task, again);
      expect(third).toMatchObject({ written: 3, inserted: 0, updated: 3 });
      const stored = await read(name);
      expect(stored.map((r) => [r.sys_id, r.number, Number(r.priority)])).toEqual([
        ['a1', 'INC1', 11],
        ['b2', 'INC2', 12],
        ['c3', 'INC3', 13],
      ]);
    });

    it('counts inserted and updated rows and dedupes a batch by sys_id (the last wins)', async () => {
      const { name, task } = syncTask('mixed', { number: 'string' });
      const sink = new KyselySink(db);
      await sink.write(task, [
        { sys_id: 'k1', number: 'one' },
        { sys_id: 'k2', number: 'two' },
      ]);
      const result = await sink.write(task, [
        { sys_id: 'k2', number: 'two-first' },
        { sys_id: 'k3', number: 'three' },
        { sys_id: 'k2', number: 'two-last' },
        { sys_id: 'k4', number: 'four' },
        { sys_id: 'k1', number: 'one-again' },
      ]);
      expect(result).toMatchObject({ written: 4, inserted: 2, updated: 2 });
      expect((await read(name)).map((r) => [r.sys_id, r.number])).toEqual([
        ['k1', 'one-again'],
        ['k2', 'two-last'],
        ['k3', 'three'],
        ['k4', 'four'],
      ]);
    });

    it('stores typed values: UTC date-times, booleans, integers, decimals, durations, dates, nulls', async () => {
      const { name, task } = syncTask(
        'typed',
        {
          start_time: fields.dateTime(),
          has_breached: fields.boolean(),
          active: fields.boolean(),
          business_stc: fields.integer(),
          percentage: fields.decimal(),
          duration: fields.duration(),
          work_date: fields.date(),
          stage: fields.choice(),
        },
        { table: 'task_sla' },
      );
      const opened = new Date('2016-12-12T15:19:57Z');
      const rows: Row[] = [
        {
          sys_id: 't1',
          start_time: opened,
          has_breached: true,
          active: false,
          business_stc: 4_000_000_000,
          percentage: 104.56,
          duration: 102_197,
          work_date: '2024-02-29',
          stage: 'in_progress',
        },
        {
          sys_id: 't2',
          start_time: new Date('1999-12-31T23:59:59.900Z'),
          has_breached: null,
          active: true,
          business_stc: -1,
          percentage: 0.1,
          duration: 0,
          work_date: null,
          stage: null,
        },
      ];
      await new KyselySink(db).write(task, rows);
      const stored = await read(name);
      expect(
        stored.map((r) => ({
          sys_id: r.sys_id,
          start_time: r.start_time,
          has_breached: r.has_breached === null ? null : Boolean(r.has_breached),
          active: Boolean(r.active),
          business_stc: Number(r.business_stc),
          percentage: r.percentage,
          duration: Number(r.duration),
          work_date: r.work_date,
          stage: r.stage,
        })),
      ).toEqual([
        {
          sys_id: 't1',
          start_time: utc(opened.toISOString()),
          has_breached: true,
          active: false,
          business_stc: 4_000_000_000,
          percentage: 104.56,
          duration: 102_197,
          work_date: '2024-02-29',
          stage: 'in_progress',
        },
        {
          sys_id: 't2',
          start_time: '1999-12-31 23:59:59',
          has_breached: null,
          active: true,
          business_stc: -1,
          percentage: 0.1,
          duration: 0,
          work_date: null,
          stage: null,
        },
      ]);
    });

    it('round-trips hostile text exactly', async () => {
      const { name, task } = syncTask('hostile', {
        description: fields.string(),
        user: fields.reference('sys_user'),
      });
      const rows = HOSTILE.map((text, i) => ({
        sys_id: `h${String(i).padStart(2, '0')}`,
        description: text,
        user: `u'${i}"`,
      }));
      rows.push({
        sys_id: "id'; DROP TABLE x; --",
        description: 'key',
        user: null as unknown as string,
      });
      await new KyselySink(db).write(task, rows);
      const stored = new Map((await read(name)).map((r) => [r.sys_id, r]));
      expect(stored.size).toBe(rows.length);
      for (const row of rows) {
        expect(stored.get(row.sys_id)?.description).toBe(row.description);
        expect(stored.get(row.sys_id)?.user ?? null).toBe(row.user);
      }
    });

    it('adds the columns a task gained and never drops any', async () => {
      const { name, task: v1 } = syncTask('grow', { number: 'string' });
      const v2 = defineTask({
        name: 'grow',
        table: 'incident',
        target: name,
        fields: { number: 'string', caller_id: 'reference:sys_user', reopen_count: 'integer' },
        references: { caller_id: { display: true } },
      });
      await new KyselySink(db).write(v1, [{ sys_id: 'g1', number: 'INC1' }]);
      const later = new KyselySink(db);
      expect(
        await later.write(v2, [
          {
            sys_id: 'g2',
            number: 'INC2',
            caller_id: 'u1',
            caller_id_display: 'Joe',
            reopen_count: 1,
          },
        ]),
      ).toMatchObject({ inserted: 1 });
      // The older definition writes again: the newer columns keep their values.
      await later.write(v1, [{ sys_id: 'g2', number: 'INC2b' }]);
      const stored = await read(name);
      expect(
        stored.map((r) => [
          r.sys_id,
          r.number,
          r.caller_id,
          r.caller_id_display,
          r.reopen_count === null ? null : Number(r.reopen_count),
        ]),
      ).toEqual([
        ['g1', 'INC1', null, null, null],
        ['g2', 'INC2b', 'u1', 'Joe', 1],
      ]);
    });

    it('adds the columns a transform derives, typed from their values', async () => {
      const { name, task } = syncTask(
        'derived',
        { number: fields.string(), calendar_stc: fields.integer(), opened_at: fields.dateTime() },
        {
          transform: (batch: ColumnTable) =>
            batch.derive({
              calendar_hours: (d: { calendar_stc: number }) => d.calendar_stc / 3600,
              long_running: (d: { calendar_stc: number }) => d.calendar_stc > 36_000,
              label: (d: { number: string }) => `#${d.number}`,
              nothing: () => null,
            }),
        },
      );
      const rows = await applyTransform(task, [
        {
          sys_id: 'd1',
          number: 'INC1',
          calendar_stc: 5400,
          opened_at: new Date('2026-01-02T03:04:05Z'),
        },
        { sys_id: 'd2', number: 'INC2', calendar_stc: 72_000, opened_at: null },
      ]);
      const sink = new KyselySink(db);
      await sink.write(task, rows);
      await sink.write(task, rows); // columns exist now
      const stored = await read(name);
      expect(
        stored.map((r) => [
          r.sys_id,
          r.calendar_hours,
          Boolean(r.long_running),
          r.label,
          r.nothing,
          r.opened_at,
        ]),
      ).toEqual([
        ['d1', 1.5, false, '#INC1', null, '2026-01-02 03:04:05'],
        ['d2', 20, true, '#INC2', null, null],
      ]);
      const columns =
        (await db.introspection.getTables()).find((t) => t.name === name)?.columns ?? [];
      const type = (column: string) =>
        columns.find((c) => c.name === column)?.dataType.toLowerCase();
      expect(type('calendar_hours')).toBe(
        { sqlite: 'real', postgres: 'float8', mysql: 'double' }[target.dialect],
      );
      expect(type('long_running')).toBe(
        { sqlite: 'integer', postgres: 'bool', mysql: 'tinyint' }[target.dialect],
      );
    });

    it('splits batches larger than the bound-parameter limit', async () => {
      const wide: Record<string, 'string'> = {};
      for (let i = 0; i < 70; i++) wide[`f${i}`] = 'string';
      const { name, task } = syncTask('wide', wide);
      const rows: Row[] = [];
      for (let r = 0; r < 1200; r++) {
        const row: Row = { sys_id: `w${String(r).padStart(5, '0')}` };
        for (let i = 0; i < 70; i++) row[`f${i}`] = `${r}:${i}`;
        rows.push(row);
      }
      // 1200 rows x 71 columns = 85200 parameters in one transaction, above every dialect's limit.
      const result = await new KyselySink(db, { batchSize: 5000 }).write(task, rows);
      expect(result).toMatchObject({ written: 1200, inserted: 1200, updated: 0 });
      const stored = await read(name);
      expect(stored).toHaveLength(1200);
      expect(stored[1199]?.f69).toBe('1199:69');
      expect(stored[0]?.f0).toBe('0:0');
    });

    it('prefixes table names', async () => {
      const base = uniqueTable('pref');
      created.push(`sn_${base}`);
      const task = defineTask({
        name: 'pref',
        table: 'incident',
        target: base,
        fields: { number: 'string' },
      });
      const sink = new KyselySink(db, { tablePrefix: 'sn_' });
      expect(sink.tableName(task)).toBe(`sn_${base}`);
      await sink.write(task, [{ sys_id: 'p1', number: 'INC1' }]);
      expect(await read(`sn_${base}`)).toHaveLength(1);
    });

    it('refuses rows it cannot store, and writes nothing once aborted', async () => {
      const { name, task } = syncTask('refuse', { number: 'string' });
      const sink = new KyselySink(db);
      await expect(sink.write(task, [{ number: 'no key' }])).rejects.toThrow(SinkError);
      // A value no database stores rejects its row, not the write.
      const refused = await sink.write(task, [{ sys_id: 'x', number: { nested: true } as never }]);
      expect(refused.written).toBe(0);
      expect(refused.rejected?.map((r) => [r.sysId, r.field])).toEqual([['x', 'number']]);
      expect(refused.rejected?.[0]?.reason).toMatch(/cannot be stored \(object\)/);
      await expect(
        sink.write(task, [{ sys_id: 'x', number: 'n', 'Bad Column': 1 }]),
      ).rejects.toThrow(TaskDefinitionError);
      const controller = new AbortController();
      controller.abort();
      await expect(
        sink.write(task, [{ sys_id: 'x', number: 'n' }], { signal: controller.signal }),
      ).rejects.toThrow();
      expect(await read(name)).toHaveLength(0);
    });

    it('deletes rows by sys_id', async () => {
      const { name, task } = syncTask('del', { number: 'string' });
      const sink = new KyselySink(db);
      await sink.write(task, [
        { sys_id: 'a', number: '1' },
        { sys_id: 'b', number: '2' },
        { sys_id: 'c', number: '3' },
      ]);
      expect(await sink.delete(task, ['a', 'c', 'zz'])).toMatchObject({ deleted: 2 });
      expect((await read(name)).map((r) => r.sys_id)).toEqual(['b']);
    });
  });
}
