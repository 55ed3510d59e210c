/**
 * SQLite counts new rows from the table's largest rowid before and after a batch when the table's
 * shape guarantees it, and falls back to probing the keys otherwise: tables a user created
 * WITHOUT ROWID, with triggers, with a column named like the rowid, with another unique index.
 * Both SQLite paths (prepared statements, plain Kysely).
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncTables } from '../../src/database/index.js';
import { KyselySink } from '../../src/sink/index.js';
import { defineTask } from '../../src/tasks/index.js';
import { type OpenTarget, sinkTargets, uniqueTable } from './targets.js';

for (const target of sinkTargets.filter((t) => t.dialect === 'sqlite')) {
  describe(`SQLite inserted/updated counts on ${target.label}`, () => {
    let open: OpenTarget;
    let db: Kysely<SyncTables>;
    beforeAll(() => {
      open = target.open();
      db = open.db;
    });
    afterAll(() => open.close());

    /** Writes three batches to `table` (made by `create`) and checks every count and row. */
    const check = async (create?: (table: string) => string[]) => {
      const table = uniqueTable('counts');
      for (const statement of create?.(table) ?? []) await sql.raw(statement).execute(db);
      const task = defineTask({
        name: 'counts',
        table: 'incident',
        target: table,
        fields: { number: 'string' },
      });
      const sink = new KyselySink(db);
      expect(
        await sink.write(task, [
          { sys_id: 'a', number: '1' },
          { sys_id: 'b', number: '2' },
        ]),
      ).toMatchObject({ written: 2, inserted: 2, updated: 0 });
      expect(
        await sink.write(task, [
          { sys_id: 'b', number: '2b' },
          { sys_id: 'c', number: '3' },
          { sys_id: 'a', number: '1b' },
          { sys_id: 'd', number: '4' },
        ]),
      ).toMatchObject({ written: 4, inserted: 2, updated: 2 });
      // The row with the largest rowid removed: the next insert takes its rowid again.
      await sink.delete(task, ['d']);
      expect(
        await sink.write(task, [
          { sys_id: 'e', number: '5' },
          { sys_id: 'c', number: '3b' },
        ]),
      ).toMatchObject({ written: 2, inserted: 1, updated: 1 });
      const rows = await db
        .selectFrom(table)
        .select(['sys_id', 'number'])
        .orderBy('sys_id')
        .execute();
      expect(rows).toEqual([
        { sys_id: 'a', number: '1b' },
        { sys_id: 'b', number: '2b' },
        { sys_id: 'c', number: '3b' },
        { sys_id: 'e', number: '5' },
      ]);
      return table;
    };

    it('counts from rowids on tables the sink creates', async () => {
      await check();
    });

    it('counts WITHOUT ROWID tables by their keys', async () => {
      await check((table) => [
        `CREATE TABLE "${table}" ("sys_id" TEXT NOT NULL PRIMARY KEY, "number" TEXT) WITHOUT ROWID`,
      ]);
    });

    it('counts tables with triggers by their keys', async () => {
      const table = await check((t) => [
        `CREATE TABLE "${t}" ("sys_id" TEXT NOT NULL PRIMARY KEY, "number" TEXT)`,
        `CREATE TABLE "${t}_audit" ("sys_id" TEXT)`,
        `CREATE TRIGGER "${t}_log" AFTER INSERT ON "${t}" BEGIN ` +
          `INSERT INTO "${t}_audit" VALUES (NEW.sys_id); DELETE FROM "${t}" WHERE "sys_id" = 'never'; END`,
      ]);
      const audit = await db.selectFrom(`${table}_audit`).select('sys_id').execute();
      expect(audit.map((row) => row.sys_id).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('counts tables with a column named rowid, or another unique index, by their keys', async () => {
      await check((t) => [
        `CREATE TABLE "${t}" ("sys_id" TEXT NOT NULL PRIMARY KEY, "number" TEXT, "rowid" TEXT)`,
      ]);
      await check((t) => [
        `CREATE TABLE "${t}" ("sys_id" TEXT NOT NULL PRIMARY KEY, "number" TEXT, "code" TEXT UNIQUE)`,
      ]);
      await check((t) => [
        `CREATE TABLE "${t}" ("id" INTEGER PRIMARY KEY, "sys_id" TEXT NOT NULL UNIQUE, "number" TEXT)`,
      ]);
    });
  });
}
