/**
 * taskFromSchema: a discovered table copied by runTasks equals the source rows; options narrow
 * it; a table without sys_updated_on is read in full even by an incremental run.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceNowClient } from '../../src/client/index.js';
import { formatUtcDateTime } from '../../src/core/index.js';
import {
  discoverTable,
  type TableSchema,
  taskFromSchema,
  UnknownFieldsError,
} from '../../src/dictionary/index.js';
import type { RowValue } from '../../src/fields/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { runTasks } from '../../src/run/index.js';
import { KyselySink } from '../../src/sink/index.js';
import { type TestDb, useRunHarness } from '../support/run-harness.js';

let clockMs = Date.now() - 3_600_000;
let mock: MockServiceNow;
let client: ServiceNowClient;
const freshDb = useRunHarness(
  'sn-schema-task-',
  { seed: 9, scale: 40, now: () => clockMs },
  (m, c) => {
    mock = m;
    client = c;
  },
);

/** A typed value as SQLite stores it. */
function stored(value: RowValue): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return formatUtcDateTime(value);
  return value;
}

async function rowsOf(db: TestDb, table: string): Promise<Map<string, Record<string, unknown>>> {
  const rows = await db.selectFrom(table).selectAll().execute();
  return new Map(rows.map((row) => [String(row.sys_id), row as Record<string, unknown>]));
}

describe('taskFromSchema', () => {
  it('copies a discovered table with runTasks: every row equals the source', async () => {
    const schema = await discoverTable(client, 'incident');
    const { task, columns, sync } = taskFromSchema(schema);
    expect(sync).toEqual({ mode: 'incremental', reason: 'incremental on sys_updated_on' });
    expect(task.incremental).toBe(true);
    const db = freshDb();
    const result = await runTasks([task], { client, sink: new KyselySink(db) });
    expect(result.status).toBe('success');
    const copied = await rowsOf(db, 'incident');
    const source = [...mock.data.rows('incident')];
    expect(copied.size).toBe(source.length);
    const users = new Map([...mock.data.rows('sys_user')].map((u) => [u.sys_id, u.name]));
    for (const record of source) {
      const row = copied.get(record.sys_id ?? '');
      expect(row).toBeDefined();
      for (const column of columns.filter((c) => c.role === 'value')) {
        const raw = record[column.element] ?? '';
        expect([column.name, row?.[column.name]]).toEqual([
          column.name,
          raw === '' ? null : stored(column.codec.parse(raw)),
        ]);
      }
      const caller = record.caller_id ?? '';
      expect(row?.caller_id_display).toBe(caller === '' ? null : (users.get(caller) ?? null));
    }
  });

  it('describes every column: element, type, SQL types, codec, definedOn, reference', async () => {
    const schema = await discoverTable(client, 'incident');
    const { columns } = taskFromSchema(schema);
    expect(columns[0]).toMatchObject({ name: 'sys_id', role: 'key', internalType: 'GUID' });
    const caller = columns.find((c) => c.name === 'caller_id');
    expect(caller).toMatchObject({
      role: 'value',
      internalType: 'reference',
      definedOn: 'incident',
      reference: 'sys_user',
      fallback: false,
    });
    expect(caller?.sqlType).toEqual({ sqlite: 'TEXT', postgres: 'text', mysql: 'VARCHAR(255)' });
    expect(columns.find((c) => c.name === 'caller_id_display')).toMatchObject({ role: 'display' });
    const number = columns.find((c) => c.name === 'number');
    expect(number?.sqlType.mysql).toBe('VARCHAR(40)');
    expect(columns.find((c) => c.name === 'opened_at')?.codec.kind).toBe('dateTime');
    expect(columns.find((c) => c.name === 'business_duration')?.codec.kind).toBe('duration');
  });

  it('narrows to the fields asked, keeping sys_id and sys_updated_on', async () => {
    const schema = await discoverTable(client, 'incident');
    const { task } = taskFromSchema(schema, {
      name: 'my-incidents',
      target: 'sn_incident',
      fields: ['number', 'assigned_to'],
      filter: 'active=true',
      pageSize: 50,
      displayReferences: false,
    });
    // schema order: task's fields (alphabetical), sys_id first
    expect(Object.keys(task.fields)).toEqual(['sys_id', 'assigned_to', 'number', 'sys_updated_on']);
    expect(task).toMatchObject({ name: 'my-incidents', target: 'sn_incident', pageSize: 50 });
    expect(task.filter).toBe('active=true');
    expect(task.displayFields).toEqual([]);
  });

  it('refuses unknown fields, listing the valid ones', () => {
    return discoverTable(client, 'sys_user_group').then((schema) => {
      const attempt = () => taskFromSchema(schema, { fields: ['name', 'u_nope'] });
      expect(attempt).toThrow(UnknownFieldsError);
      expect(attempt).toThrow(/sys_user_group has no field "u_nope"; its fields are .*name/);
    });
  });

  it('reads a table without sys_updated_on in full, even in an incremental run', async () => {
    const discovered = await discoverTable(client, 'sys_user_group');
    const schema: TableSchema = {
      ...discovered,
      fields: discovered.fields.filter((f) => f.element !== 'sys_updated_on'),
      hasUpdatedOn: false,
    };
    const { task, sync } = taskFromSchema(schema);
    expect(sync).toEqual({ mode: 'full', reason: 'full: the table has no sys_updated_on' });
    expect(task).toMatchObject({ incremental: false, fullReason: sync.reason });
    const db = freshDb();
    const sink = new KyselySink(db);
    for (let run = 0; run < 2; run++) {
      mock.clearRequests();
      clockMs += 60_000;
      const result = await runTasks([task], { client, sink, mode: 'incremental', deletes: 'none' });
      expect(result.status).toBe('success');
      expect(result.tasks[task.name]?.recordsProcessed).toBe(
        [...mock.data.rows('sys_user_group')].length,
      );
      const reads = mock.requests.filter((r) => r.table === 'sys_user_group');
      expect(reads.length).toBeGreaterThan(0);
      for (const read of reads)
        expect(read.query.sysparm_query ?? '').not.toContain('sys_updated_on');
    }
    expect((await rowsOf(db, 'sys_user_group')).size).toBe(
      [...mock.data.rows('sys_user_group')].length,
    );
  });
});
