/**
 * Every glide type's column really created and written on SQLite, PostgreSQL and MariaDB; a
 * 200-field table planned within MySQL's two row limits, created and written on MariaDB, and
 * the estimate agreeing with what MariaDB refuses.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FieldCodec,
  glideCodec,
  mysqlRowSize,
  planGlideColumns,
} from '../../src/fields/index.js';
import { KyselySink } from '../../src/sink/index.js';
import { decodeRecord, defineTask } from '../../src/tasks/index.js';
import { type OpenTarget, sinkTargets, uniqueTable } from '../sink/targets.js';
import { ID, SAMPLES } from './glide-samples.js';

/** What a database hands back for a written value, made comparable with the decoded one. */
function comparable(expected: unknown, actual: unknown): unknown {
  if (actual === null || expected === null) return actual;
  if (typeof expected === 'boolean') return actual === true || actual === 1 || actual === '1';
  if (typeof expected === 'number') return Number(actual);
  if (expected instanceof Date) {
    const text = actual instanceof Date ? actual.toISOString() : String(actual).replace(' ', 'T');
    return new Date(text.endsWith('Z') ? text : `${text}Z`);
  }
  if (actual instanceof Date) return actual.toISOString().slice(0, 10);
  return String(actual);
}

const columnOf = (type: string) => `c_${type.toLowerCase()}`;

for (const target of sinkTargets) {
  describe.skipIf(!target.available)(`glide columns on ${target.label}`, () => {
    let open: OpenTarget;
    beforeAll(() => {
      open = target.open();
    });
    afterAll(() => open.close());

    it('creates a column of every glide type and reads back each value written', async () => {
      const codecs: Record<string, FieldCodec> = {};
      for (const [type, extras] of SAMPLES) {
        codecs[columnOf(type)] = glideCodec({ internalType: type, ...extras }).codec;
      }
      const table = uniqueTable('glide_types');
      const task = defineTask({
        name: 'glide-types',
        table: 'u_glide',
        target: table,
        fields: codecs,
      });
      const record: Record<string, unknown> = { sys_id: ID };
      for (const [type, , sent] of SAMPLES) record[columnOf(type)] = sent;
      const empty: Record<string, unknown> = { sys_id: `${ID.slice(0, 31)}0` };
      for (const [type] of SAMPLES) empty[columnOf(type)] = '';
      const rows = [decodeRecord(task, record), decodeRecord(task, empty)];
      expect(rows[0]?.c_currency_currency).toBe('USD');
      expect(rows[0]?.c_price_currency).toBeNull();
      const sink = new KyselySink(open.db);
      await sink.prepare(task);
      await sink.write(task, rows);
      try {
        const back = await open.db
          .selectFrom(table)
          .selectAll()
          .orderBy('sys_id', 'desc')
          .execute();
        expect(back).toHaveLength(2);
        const [full, blank] = back as Record<string, unknown>[];
        for (const [type, , , decoded] of SAMPLES) {
          const column = columnOf(type);
          expect([type, comparable(decoded, full?.[column])]).toEqual([type, decoded]);
          expect([type, blank?.[column]]).toEqual([type, null]);
        }
        expect(full?.c_currency_currency).toBe('USD');
        expect(full?.c_price_currency).toBeNull();
      } finally {
        await open.db.schema.dropTable(table).ifExists().execute();
      }
    });
  });
}

const mysql = sinkTargets.find((t) => t.dialect === 'mysql');

/** 200 fields the way wide custom tables have them: many short strings, references, numbers. */
function wideFields() {
  return Array.from({ length: 200 }, (_, i) => {
    const element = `u_field_${String(i).padStart(3, '0')}`;
    if (i % 5 === 0)
      return { element, internalType: 'reference', reference: 'sys_user', maxLength: 32 };
    if (i % 7 === 0) return { element, internalType: 'integer', maxLength: 40 };
    if (i % 11 === 0) return { element, internalType: 'glide_date_time', maxLength: 40 };
    if (i % 13 === 0) return { element, internalType: 'choice', maxLength: 40 };
    return { element, internalType: 'string', maxLength: 40 + (i % 4) * 20 };
  });
}

describe('the MySQL row budget', () => {
  it('keeps a 200-field table within both limits, VARCHAR first in field order', () => {
    const plan = planGlideColumns(wideFields());
    expect(plan.mysql.fits).toBe(true);
    expect(plan.mysql.rowBytes).toBeLessThanOrEqual(65_535);
    expect(plan.mysql.inRowBytes).toBeLessThan(8_126);
    const long = plan.columns.map((c) => c.longText);
    const firstLong = long.indexOf(true);
    expect(firstLong).toBeGreaterThan(0); // some VARCHARs, then the budget runs out
    expect(
      plan.columns.slice(0, firstLong).some((c) => /^VARCHAR/.test(c.codec.sqlType.mysql)),
    ).toBe(true);
    expect(planGlideColumns(wideFields())).toEqual(plan); // deterministic
    // every field as VARCHAR would not fit
    const unbudgeted = [
      'VARCHAR(255)',
      ...wideFields().map((f) => glideCodec(f).codec.sqlType.mysql),
    ];
    expect(mysqlRowSize(unbudgeted).fits).toBe(false);
  });

  describe.skipIf(!mysql?.available)('on MariaDB (strict mode)', () => {
    let open: OpenTarget;
    beforeAll(() => {
      open = (mysql as NonNullable<typeof mysql>).open();
    });
    afterAll(() => open.close());

    it('creates the 200-field table and writes a row with every value at its longest', async () => {
      const plan = planGlideColumns(wideFields());
      const codecs = Object.fromEntries(plan.columns.map((c) => [c.element, c.codec]));
      const table = uniqueTable('wide');
      const task = defineTask({ name: 'wide', table: 'u_wide', target: table, fields: codecs });
      const record: Record<string, unknown> = { sys_id: ID };
      for (const field of wideFields()) {
        const max = field.maxLength;
        record[field.element] =
          field.internalType === 'integer'
            ? '123456'
            : field.internalType === 'glide_date_time'
              ? '2026-01-02 03:04:05'
              : field.internalType === 'reference'
                ? 'f'.repeat(32)
                : 'é'.repeat(max);
      }
      const sink = new KyselySink(open.db);
      try {
        await sink.prepare(task);
        await sink.write(task, [decodeRecord(task, record)]);
        const back = await open.db.selectFrom(table).selectAll().execute();
        expect(back).toHaveLength(1);
        expect(back[0]?.u_field_001).toBe('é'.repeat(60));
      } finally {
        await open.db.schema.dropTable(table).ifExists().execute();
      }
    });

    it('agrees with MariaDB on what does not fit', async () => {
      const refused = async (types: readonly string[]) => {
        const table = uniqueTable('limit');
        const columns = types.map((type, i) => `c${i} ${type}`).join(', ');
        try {
          await sql
            .raw(`CREATE TABLE ${table} (sys_id VARCHAR(255) PRIMARY KEY, ${columns})`)
            .execute(open.db);
          return false;
        } catch (error) {
          expect(String(error)).toMatch(/Row size too large/);
          return true;
        } finally {
          await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(open.db);
        }
      };
      for (const [count, type] of [
        [50, 'VARCHAR(40)'],
        [51, 'VARCHAR(40)'],
        [382, 'LONGTEXT'],
        [383, 'LONGTEXT'],
        [249, 'VARCHAR(64)'],
        [250, 'VARCHAR(64)'],
      ] as const) {
        const types = Array<string>(count).fill(type);
        const estimate = mysqlRowSize(['VARCHAR(255)', ...types]);
        expect([count, type, await refused(types)]).toEqual([count, type, !estimate.fits]);
      }
    });
  });
});
