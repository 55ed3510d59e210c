/**
 * Discovery of the mock's custom tables (every glide type; a table without sys_updated_on), and
 * what discovery says when the instance refuses a read or hides fields.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceNowClient } from '../../src/client/index.js';
import { formatUtcDateTime } from '../../src/core/index.js';
import {
  DictionaryAccessError,
  discoverTable,
  TableAccessError,
  taskFromSchema,
} from '../../src/dictionary/index.js';
import type { RowValue } from '../../src/fields/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { runTasks } from '../../src/run/index.js';
import { KyselySink } from '../../src/sink/index.js';
import { type TestDb, useRunHarness } from '../support/run-harness.js';

let clockMs = Date.now() - 3_600_000;
let mock: MockServiceNow;
let client: ServiceNowClient;
const freshDb = useRunHarness('sn-custom-', { seed: 12, scale: 20, now: () => clockMs }, (m, c) => {
  mock = m;
  client = c;
});

function stored(value: RowValue): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return formatUtcDateTime(value);
  return value;
}

async function rowsOf(db: TestDb, table: string): Promise<Map<string, Record<string, unknown>>> {
  const rows = await db.selectFrom(table).selectAll().execute();
  return new Map(rows.map((row) => [String(row.sys_id), row as Record<string, unknown>]));
}

describe('a custom table with every glide type', () => {
  it('maps every field without a fallback and copies it exactly', async () => {
    // The mock serves texts longer than its dictionary's max_length (u_summary, u_title: the
    // 40 default): give those fields the length the data has.
    const longest = new Map<string, number>();
    for (const record of mock.data.rows('u_vendor_review')) {
      for (const [element, value] of Object.entries(record)) {
        longest.set(element, Math.max(longest.get(element) ?? 0, [...String(value)].length));
      }
    }
    for (const field of mock.data.schema('u_vendor_review')?.fields ?? []) {
      const needed = longest.get(field.name) ?? 0;
      if (field.type === 'string' && needed > 40) {
        mock.data.alterField('u_vendor_review', field.name, { maxLength: 4000 });
      }
    }
    const schema = await discoverTable(client, 'u_vendor_review');
    expect(schema.chain).toEqual(['u_vendor_review']);
    const built = taskFromSchema(schema);
    expect(built.fallbacks).toEqual([]);
    expect(built.columns.map((c) => c.name)).toContain('u_amount_currency');
    const db = freshDb();
    const result = await runTasks([built.task], { client, sink: new KyselySink(db) });
    expect([result.status, result.tasks.u_vendor_review?.rejects.slice(0, 3)]).toEqual([
      'success',
      [],
    ]);
    const copied = await rowsOf(db, 'u_vendor_review');
    const source = [...mock.data.rows('u_vendor_review')];
    expect(source.length).toBeGreaterThan(0);
    expect(copied.size).toBe(source.length);
    for (const record of source) {
      const row = copied.get(record.sys_id ?? '');
      for (const column of built.columns.filter(
        (c) => c.role === 'value' || c.role === 'companion',
      )) {
        const raw = record[column.element] ?? '';
        const expected =
          raw === ''
            ? null
            : column.role === 'companion'
              ? column.codec === undefined
                ? null
                : (built.task.fields[column.element]?.companion?.read(raw) ?? null)
              : stored(column.codec.parse(raw));
        expect([column.name, row?.[column.name]]).toEqual([column.name, expected]);
      }
    }
  });

  it('reads a table without sys_updated_on in full, with the reason, in incremental runs', async () => {
    const schema = await discoverTable(client, 'u_rate_card');
    expect(schema.hasUpdatedOn).toBe(false);
    const { task, sync } = taskFromSchema(schema);
    expect(sync).toEqual({ mode: 'full', reason: 'full: the table has no sys_updated_on' });
    const db = freshDb();
    const sink = new KyselySink(db);
    const count = [...mock.data.rows('u_rate_card')].length;
    for (let run = 0; run < 2; run++) {
      clockMs += 60_000;
      const result = await runTasks([task], { client, sink, mode: 'incremental', deletes: 'none' });
      expect(result.status).toBe('success');
      expect(result.tasks[task.name]?.recordsProcessed).toBe(count);
    }
    expect((await rowsOf(db, 'u_rate_card')).size).toBe(count);
  });
});

describe('access', () => {
  it.each(['sys_db_object', 'sys_dictionary', 'sys_choice'])(
    'a denied %s is a DictionaryAccessError naming the table and the role to grant',
    async (denied) => {
      mock.setFaults({ deniedTables: [denied] });
      const error = await discoverTable(client, 'problem', { choices: true }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DictionaryAccessError);
      expect(error).toMatchObject({ table: denied, role: 'personalize_dictionary' });
      expect((error as Error).message).toContain(
        `Reading ${denied} was refused (403): schema discovery reads sys_db_object, sys_dictionary and sys_choice; grant the integration user the role personalize_dictionary (or admin)`,
      );
    },
  );

  it('a denied table is a TableAccessError naming the read role it lacks', async () => {
    mock.setFaults({ deniedTables: ['problem'] });
    const error = await discoverTable(client, 'problem').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableAccessError);
    expect(error).toMatchObject({ table: 'problem', role: 'itil' });
    expect((error as Error).message).toMatch(/lacks a read role for it; grant the role itil/);
  });

  it('reports the fields the API leaves out (field-level ACLs)', async () => {
    mock.setFaults({ hiddenFields: { incident: ['u_vendor_ticket', 'caller_id'] } });
    const schema = await discoverTable(client, 'incident');
    const elements = schema.fields.map((field) => field.element);
    const hidden = ['u_vendor_ticket', 'caller_id'].filter((e) => elements.includes(e));
    expect(hidden).toContain('caller_id');
    expect([...schema.unreadableFields].sort()).toEqual([...hidden].sort());
    expect(taskFromSchema(schema).unreadableFields).toEqual(schema.unreadableFields);
  });

  it('finds no unreadable field in an empty table', async () => {
    mock.setFaults({ hiddenFields: { problem: ['number'] } });
    const schema = await discoverTable(client, 'problem');
    const all = [...mock.data.rows('problem')];
    expect(schema.unreadableFields).toEqual(all.length === 0 ? [] : ['number']);
  });
});
