/**
 * Target tables follow the task: columns added between runs, MySQL varchars widened, type
 * mismatches reported and kept, long names shortened and recorded, collisions refused, and
 * `planPrepare` reporting what `prepare` would do while writing nothing.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adapterFor,
  readTableColumns,
  type SyncTables,
  shortIdentifier,
} from '../../src/database/index.js';
import { fields, type Row } from '../../src/fields/index.js';
import {
  isPlanningSink,
  KyselySink,
  NAME_REGISTRY_TABLE,
  readShortenedNames,
  type SchemaChange,
  SinkError,
} from '../../src/sink/index.js';
import { defineTask, type TaskOptions } from '../../src/tasks/index.js';
import { type OpenTarget, sinkTargets, uniqueTable } from './targets.js';

const kinds = (changes: readonly SchemaChange[]) => changes.map((c) => c.kind);

/** A long custom field name, 90 characters, as a scoped app's `u_` element can be. */
const longName = (tag: string) =>
  `u_${tag}_${'very_long_custom_field_name_'.repeat(3)}`.slice(0, 90);

for (const target of sinkTargets) {
  const suite = target.available ? describe : describe.skip;
  suite(`schema changes on ${target.label}`, () => {
    let open: OpenTarget;
    let db: Kysely<SyncTables>;
    const adapter = adapterFor(target.dialect);
    const max = adapter.maxIdentifierLength;
    const created: string[] = [];
    const table = (base: string) => {
      const name = uniqueTable(base);
      created.push(name);
      return name;
    };
    const task = (
      stored: string,
      taskFields: TaskOptions['fields'],
      extra: Partial<TaskOptions> = {},
    ) =>
      defineTask({ name: 'ddl', table: 'incident', target: stored, fields: taskFields, ...extra });
    const columnsOf = async (name: string) => readTableColumns(db, adapter, name);
    const tableNames = async () => (await db.introspection.getTables()).map((t) => t.name).sort();

    beforeAll(() => {
      open = target.open();
      db = open.db;
    });
    afterAll(async () => {
      for (const name of created) await db.schema.dropTable(name).ifExists().execute();
      await open.close();
    });

    it('reports the table it creates, and nothing on a second prepare of any field type', async () => {
      const name = table('alltypes');
      const all = task(
        name,
        {
          number: fields.string({ maxLength: 40 }),
          description: fields.string(),
          priority: fields.integer(),
          score: fields.decimal(),
          active: fields.boolean(),
          opened_at: fields.dateTime(),
          due: fields.date(),
          time_worked: fields.duration(),
          caller_id: fields.reference('sys_user'),
          state: fields.choice(),
        },
        { references: { caller_id: { display: true } } },
      );
      const first = await new KyselySink(db).prepare(all);
      expect(kinds(first.changes)).toEqual(['create-table']);
      expect(first.changes[0]?.table).toBe(name);
      expect(first.changes[0]?.sql).toMatch(/CREATE TABLE/);
      // A new sink (a later run) reads the table back: every type is the same as wanted.
      const again = await new KyselySink(db).prepare(all);
      expect(again.changes).toEqual([]);
    });

    it('adds a field gained between two runs as a column, keeping the rows', async () => {
      const name = table('gained');
      const before = task(name, { number: fields.string() });
      await new KyselySink(db).write(before, [
        { sys_id: 'a1', number: 'INC1' },
        { sys_id: 'a2', number: 'INC2' },
      ]);
      const after = task(name, { number: fields.string(), u_tier: fields.integer() });
      const sink = new KyselySink(db);
      const { changes } = await sink.prepare(after);
      expect(changes).toEqual([
        {
          kind: 'add-column',
          table: name,
          column: 'u_tier',
          type: adapter.columnType(fields.integer().sqlType),
          sql: adapter.addColumnSql(name, {
            name: 'u_tier',
            type: adapter.columnType(fields.integer().sqlType),
          }),
        },
      ]);
      await sink.write(after, [{ sys_id: 'a3', number: 'INC3', u_tier: 2 }]);
      const rows = await db.selectFrom(name).selectAll().orderBy('sys_id').execute();
      expect(
        rows.map((r) => [r.sys_id, r.number, r.u_tier === null ? null : Number(r.u_tier)]),
      ).toEqual([
        ['a1', 'INC1', null],
        ['a2', 'INC2', null],
        ['a3', 'INC3', 2],
      ]);
    });

    it('widens a MySQL varchar when the max length grows, never narrows it', async () => {
      const name = table('widen');
      const sized = (maxLength?: number) =>
        task(name, {
          label: maxLength === undefined ? fields.string() : fields.string({ maxLength }),
        });
      await new KyselySink(db).write(sized(40), [{ sys_id: 'w1', label: 'x'.repeat(40) }]);
      const to100 = await new KyselySink(db).prepare(sized(100));
      const labelType = async () => (await columnsOf(name)).find((c) => c.name === 'label')?.type;
      if (target.dialect === 'mysql') {
        expect(to100.changes).toEqual([
          {
            kind: 'widen-column',
            table: name,
            column: 'label',
            type: 'VARCHAR(100)',
            from: 'varchar(40)',
            sql: `ALTER TABLE \`${name}\` MODIFY COLUMN \`label\` VARCHAR(100)`,
          },
        ]);
        expect(await labelType()).toBe('varchar(100)');
      } else {
        expect(to100.changes).toEqual([]);
      }
      const long100 = 'é'.repeat(100);
      await new KyselySink(db).write(sized(100), [{ sys_id: 'w2', label: long100 }]);
      // A shorter max length keeps the wider column, silently.
      expect((await new KyselySink(db).prepare(sized(20))).changes).toEqual([]);
      const unbounded = await new KyselySink(db).prepare(sized());
      if (target.dialect === 'mysql') {
        expect(unbounded.changes.map((c) => [c.kind, c.from, c.type])).toEqual([
          ['widen-column', 'varchar(100)', 'LONGTEXT'],
        ]);
        expect(await labelType()).toBe('longtext');
      } else {
        expect(unbounded.changes).toEqual([]);
      }
      const long = 'y'.repeat(70_000);
      await new KyselySink(db).write(sized(), [{ sys_id: 'w3', label: long }]);
      const rows = await db.selectFrom(name).selectAll().orderBy('sys_id').execute();
      expect(rows.map((r) => r.label)).toEqual(['x'.repeat(40), long100, long]);
    });

    it('widens a bounded column before writing a value longer than its max length, losing nothing', async () => {
      const name = table('outgrow');
      const sized = task(name, { code: fields.string({ maxLength: 10 }) });
      const sink = new KyselySink(db);
      const first = await sink.write(sized, [{ sys_id: 'o1', code: 'short' }]);
      expect(first.schemaChanges).toBeUndefined();
      // 'é' is two bytes and one character: eleven of them outgrow VARCHAR(10), ten do not.
      const fits = await sink.write(sized, [{ sys_id: 'o2', code: 'é'.repeat(10) }]);
      expect(fits.schemaChanges).toBeUndefined();
      const long = 'z'.repeat(300);
      const grown = await sink.write(sized, [
        { sys_id: 'o3', code: long },
        { sys_id: 'o4', code: null },
      ]);
      const codeType = (await columnsOf(name)).find((c) => c.name === 'code')?.type;
      if (target.dialect === 'mysql') {
        expect(grown.schemaChanges?.map((c) => [c.kind, c.column, c.from, c.type])).toEqual([
          ['widen-column', 'code', 'VARCHAR(10)', 'longtext'],
        ]);
        expect(codeType).toBe('longtext');
      } else {
        expect(grown.schemaChanges).toBeUndefined();
      }
      // A later sink knows the wider column: no change again.
      const again = await new KyselySink(db).write(sized, [{ sys_id: 'o5', code: long }]);
      expect(again.schemaChanges).toBeUndefined();
      const rows = await db.selectFrom(name).selectAll().orderBy('sys_id').execute();
      expect(rows.map((r) => r.code)).toEqual(['short', 'é'.repeat(10), long, null, long]);
    });

    it('reports a type that changed in another way and keeps the column', async () => {
      const name = table('mismatch');
      await new KyselySink(db).prepare(task(name, { u_code: fields.integer() }));
      const integerType = (await columnsOf(name)).find((c) => c.name === 'u_code')?.type;
      const { changes } = await new KyselySink(db).prepare(task(name, { u_code: fields.string() }));
      expect(changes).toEqual([
        {
          kind: 'type-mismatch',
          table: name,
          column: 'u_code',
          type: adapter.columnType(fields.string().sqlType),
          from: integerType,
        },
      ]);
      expect((await columnsOf(name)).find((c) => c.name === 'u_code')?.type).toBe(integerType);
    });

    it('shortens long table and column names, writes rows by their full keys, reuses the mapping', async () => {
      const field = longName('asset');
      const base = uniqueTable('u_');
      const fullTable = `${base}_${'scoped_application_table_'.repeat(3)}`.slice(0, 80);
      const long = task(
        fullTable,
        { [field]: fields.string(), owner: fields.reference('sys_user') },
        { references: { owner: { display: true } } },
      );
      const sink = new KyselySink(db);
      const sqlTable = sink.tableName(long);
      created.push(sqlTable);
      const sqlField = shortIdentifier(field, max);
      expect(sqlTable).toBe(shortIdentifier(fullTable, max));
      const { changes } = await sink.prepare(long);
      if (Number.isFinite(max)) {
        expect(sqlTable.length).toBe(max);
        expect(sqlField.length).toBe(max);
        expect(changes.map((c) => [c.kind, c.column, c.from])).toEqual([
          ['shorten-name', undefined, fullTable],
          ['shorten-name', sqlField, field],
          ['create-table', undefined, undefined],
        ]);
      } else {
        expect([sqlTable, sqlField]).toEqual([fullTable, field]);
        expect(kinds(changes)).toEqual(['create-table']);
      }
      const row: Row = { sys_id: 'l1', [field]: 'first', owner: 'u1', owner_display: 'Ann' };
      expect((await sink.write(long, [row])).inserted).toBe(1);
      const later = new KyselySink(db);
      expect((await later.prepare(long)).changes).toEqual([]);
      await later.write(long, [
        { ...row, [field]: 'second' },
        { sys_id: 'l2', [field]: 'other' },
      ]);
      const rows = await db.selectFrom(sqlTable).selectAll().orderBy('sys_id').execute();
      expect(rows.map((r) => [r.sys_id, r[sqlField], r.owner_display ?? null])).toEqual([
        ['l1', 'second', 'Ann'],
        ['l2', 'other', null],
      ]);
      const recorded = (await readShortenedNames(db)).filter((n) => n.targetTable === sqlTable);
      if (Number.isFinite(max)) {
        expect(recorded).toEqual([
          { targetTable: sqlTable, kind: 'table', fullName: fullTable, sqlName: sqlTable },
          { targetTable: sqlTable, kind: 'column', fullName: field, sqlName: sqlField },
        ]);
      } else {
        expect(recorded).toEqual([]);
      }
      expect(await later.countRows(long)).toBe(2);
    });

    it('shortens a long column a transform derives, and writes it again from a later sink', async () => {
      const name = table('derived');
      const derived = longName('derived');
      const plain = task(name, { number: fields.string() });
      await new KyselySink(db).write(plain, [{ sys_id: 'd1', number: 'INC1', [derived]: 'one' }]);
      await new KyselySink(db).write(plain, [{ sys_id: 'd2', number: 'INC2', [derived]: 'two' }]);
      const sqlName = shortIdentifier(derived, max);
      const rows = await db.selectFrom(name).selectAll().orderBy('sys_id').execute();
      expect(rows.map((r) => r[sqlName])).toEqual(['one', 'two']);
      expect((await columnsOf(name)).map((c) => c.name)).toEqual(['sys_id', 'number', sqlName]);
    });

    it('refuses two names that mean one SQL column, naming both', async () => {
      if (!Number.isFinite(max)) return; // SQLite keeps every name: nothing to collide
      const field = longName('twin');
      const short = shortIdentifier(field, max);
      const name = table('twins');
      const twins = task(name, { [field]: fields.string(), [short]: fields.string() });
      const refused = new KyselySink(db).prepare(twins);
      await expect(refused).rejects.toThrow(SinkError);
      await expect(refused).rejects.toThrow(field);
      await expect(refused).rejects.toThrow(short);
      expect(await columnsOf(name)).toEqual([]);
      // A short name that is already a plain column of the table.
      await new KyselySink(db).prepare(task(name, { [short]: fields.string() }));
      const clash = new KyselySink(db).prepare(
        task(name, { [short]: fields.string(), u_x: 'string' }),
      );
      await expect(clash).resolves.toBeDefined();
      const onExisting = new KyselySink(db).prepare(task(name, { [field]: fields.string() }));
      await expect(onExisting).rejects.toThrow(
        new RegExp(`${field} shortens to ${short}.*existing column`),
      );
    });

    it('planPrepare reports what prepare will do and writes nothing, on a new and an existing table', async () => {
      const name = table('planned');
      const field = longName('plan');
      const first = task(name, {
        number: fields.string({ maxLength: 40 }),
        [field]: fields.string(),
      });
      const sink = new KyselySink(db);
      expect(isPlanningSink(sink)).toBe(true);
      const tablesBefore = await tableNames();
      const planned = await sink.planPrepare(first);
      expect(await tableNames()).toEqual(tablesBefore);
      expect(planned.at(-1)?.kind).toBe('create-table');
      const prepared = await sink.prepare(first);
      expect(prepared.changes).toEqual(planned);
      await sink.write(first, [{ sys_id: 'p1', number: 'INC1', [field]: 'v' }]);

      const second = task(name, {
        number: fields.string({ maxLength: 100 }),
        [field]: fields.string(),
        u_added: fields.boolean(),
      });
      const columnsBefore = await columnsOf(name);
      const tablesNow = await tableNames();
      const later = new KyselySink(db);
      const plan = await later.planPrepare(second);
      expect(await columnsOf(name)).toEqual(columnsBefore);
      expect(await tableNames()).toEqual(tablesNow);
      expect(kinds(plan)).toEqual(
        target.dialect === 'mysql' ? ['widen-column', 'add-column'] : ['add-column'],
      );
      expect(plan.every((c) => typeof c.sql === 'string')).toBe(true);
      expect((await later.prepare(second)).changes).toEqual(plan);
      expect(await later.planPrepare(second)).toEqual([]);
    });
  });
}

describe('planPrepare on a new SQLite database', () => {
  const target = sinkTargets[0];
  it('creates no table at all, not even the registry or the sync state', async () => {
    const open = target?.open();
    if (open === undefined) throw new Error('no SQLite target');
    try {
      const sink = new KyselySink(open.db);
      const planned = await sink.planPrepare(
        defineTask({ name: 'n', table: 'incident', fields: { [longName('fresh')]: 'string' } }),
      );
      expect(kinds(planned)).toEqual(['create-table']);
      expect(await open.db.introspection.getTables()).toEqual([]);
      expect(await readShortenedNames(open.db)).toEqual([]);
      expect((await open.db.introspection.getTables()).map((t) => t.name)).not.toContain(
        NAME_REGISTRY_TABLE,
      );
    } finally {
      await open.close();
    }
  });
});

const mysqlTarget = sinkTargets.find((t) => t.dialect === 'mysql');
(mysqlTarget?.available ? describe : describe.skip)('MySQL row size', () => {
  let open: OpenTarget;
  const wide = (name: string, maxLength: number) =>
    defineTask({
      name: 'wide',
      table: 'u_wide',
      target: name,
      fields: Object.fromEntries(
        Array.from({ length: 200 }, (_, i) => [`u_field_${i}`, fields.string({ maxLength })]),
      ),
    });
  beforeAll(() => {
    open = (mysqlTarget as NonNullable<typeof mysqlTarget>).open();
  });
  afterAll(() => open.close());

  it('refuses, before creating it, a table over the 65,535-byte limit, naming it and advising', async () => {
    const name = uniqueTable('toowide');
    const sink = new KyselySink(open.db);
    const planned = sink.planPrepare(wide(name, 255));
    await expect(planned).rejects.toThrow(SinkError);
    await expect(planned).rejects.toThrow(/65535-byte row limit.*fields\.string\(\)/);
    const refused = sink.prepare(wide(name, 255));
    await expect(refused).rejects.toThrow(new RegExp(`^${name}: cannot create the table`));
    expect(await readTableColumns(open.db, adapterFor('mysql'), name)).toEqual([]);
  });

  it('names the table and advises when InnoDB refuses the row size', async () => {
    const name = uniqueTable('innodbwide');
    const refused = new KyselySink(open.db).prepare(wide(name, 40));
    await expect(refused).rejects.toThrow(SinkError);
    await expect(refused).rejects.toThrow(
      new RegExp(`^${name}: the database refuses the table's row size.*fields\\.string\\(\\)`),
    );
  });

  it('creates a 200-field table of LONGTEXT columns', async () => {
    const name = uniqueTable('widetext');
    const task = defineTask({
      name: 'wide',
      table: 'u_wide',
      target: name,
      fields: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`u_field_${i}`, 'string'])),
    });
    expect(kinds((await new KyselySink(open.db).prepare(task)).changes)).toEqual(['create-table']);
    await open.db.schema.dropTable(name).execute();
  });
});
