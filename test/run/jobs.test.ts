/**
 * The two built-in jobs against the mock server, into every available database: the tables
 * must equal the mock's data for the window, row for row and field for field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceNowClient } from '../../src/client/index.js';
import { createMockServiceNow, type MockServiceNow } from '../../src/mock/index.js';
import { parseQuery } from '../../src/query/index.js';
import { configurationsJob, incidentsJob } from '../../src/tasks/catalog/index.js';
import type { TaskDefinition } from '../../src/tasks/define-task.js';
import { createDecoder } from '../../src/tasks/record-decoder.js';
import { loadConfigurations, loadIncidents } from '../../src/wiring/index.js';
import { dropTables, type TestDatabase, testDatabases } from '../support/databases.js';

const WINDOW = { from: '2026-05-01', to: '2026-07-31' } as const;
const DATA_TABLES = [
  'incident',
  'task_sla',
  'task_time_worked',
  'incident_task',
  'contract_sla',
  'sys_user_group',
  'core_company',
  'sys_user',
  'cmdb_ci_network_link',
];
const LOG_TABLES = ['servicenow_execution_task', 'servicenow_execution_log', 'servicenow_run_lock'];

/** A cell as comparable text: dates as `YYYY-MM-DD HH:MM:SS`, booleans as true/false, numbers as numbers. */
function normalize(kind: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'dateTime':
      return value instanceof Date
        ? value.toISOString().slice(0, 19).replace('T', ' ')
        : String(value).slice(0, 19).replace('T', ' ');
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    case 'boolean':
      return value === true || value === 1 || value === '1' || value === 'true';
    case 'integer':
    case 'decimal':
    case 'duration':
      return Number(value);
    default:
      return String(value);
  }
}

/** What the mock holds for a task and window, decoded by the task's own codecs. */
function expectedRows(
  mock: MockServiceNow,
  task: TaskDefinition,
  window?: { from: string; to: string },
) {
  const query = parseQuery(task.buildQuery(window), { mode: 'lenient' });
  const { rows } = mock.data.select(task.table, query, { limit: 1_000_000 });
  const decode = createDecoder(task);
  const refTables = new Map(
    Object.entries(task.fields).map(([name, codec]) => [name, codec.referenceTable]),
  );
  return rows.map((raw) => {
    // The shape the Table API sends with display_value=all, built from the mock's raw values.
    const record: Record<string, unknown> = {};
    for (const name of task.fieldNames) {
      const value = raw[name] ?? '';
      if (task.displayFields.includes(name)) {
        const table = refTables.get(name) ?? '';
        record[name] = {
          value,
          display_value: value === '' ? '' : mock.data.displayValue(table, value),
        };
      } else {
        record[name] = value;
      }
    }
    return decode(record);
  });
}

async function compareTable(
  t: TestDatabase,
  mock: MockServiceNow,
  task: TaskDefinition,
  window?: { from: string; to: string },
) {
  const expected = expectedRows(mock, task, window);
  const actual = await t.db.selectFrom(task.target).selectAll().execute();
  expect(actual.length, `${task.target} row count`).toBe(expected.length);
  const byId = new Map(actual.map((row) => [String(row.sys_id), row]));
  const kinds = new Map<string, string>(task.columns.map((c) => [c.name, c.codec.kind]));
  for (const row of expected) {
    const stored = byId.get(String(row.sys_id));
    expect(stored, `${task.target} ${row.sys_id}`).toBeDefined();
    for (const [column, value] of Object.entries(row)) {
      const kind = kinds.get(column) ?? 'string';
      expect(
        normalize(kind, stored?.[column]),
        `${task.target}.${column} of ${row.sys_id}`,
      ).toEqual(normalize(kind, value));
    }
  }
  return expected.length;
}

for (const target of testDatabases) {
  describe.skipIf(!target.available)(`built-in jobs into ${target.name}`, () => {
    let t: TestDatabase;
    let mock: MockServiceNow;
    let client: ServiceNowClient;

    beforeAll(async () => {
      t = await target.open();
      await dropTables(t.db, [...DATA_TABLES, ...LOG_TABLES]);
      mock = await createMockServiceNow({ seed: 7, scale: 400 });
      client = new ServiceNowClient({
        instanceUrl: mock.url,
        auth: { type: 'basic', ...mock.credentials },
      });
    });
    afterAll(async () => {
      await client?.close();
      await mock?.close();
      await dropTables(t.db, [...DATA_TABLES, ...LOG_TABLES]);
      await t.close();
    });

    it('the incidents job loads exactly the window, field for field, with several pages', async () => {
      const result = await loadIncidents({ client, db: t.db, window: WINDOW, pageSize: 37 });
      expect(result.status).toBe('success');
      expect(Object.keys(result.tasks)).toEqual([
        'incidents_opened',
        'incident_sla',
        'task_time_worked',
        'incident_task',
      ]);
      for (const task of incidentsJob()) {
        const n = await compareTable(t, mock, task, WINDOW);
        expect(n, `${task.name} has rows in the window`).toBeGreaterThan(0);
        expect(result.tasks[task.name]?.recordsProcessed).toBe(n);
        expect(result.tasks[task.name]?.apiCalls).toBeGreaterThan(Math.floor(n / 37));
      }
      const log = await t.db
        .selectFrom('servicenow_execution_log')
        .selectAll()
        .where('id', '=', Number(result.id))
        .executeTakeFirstOrThrow();
      expect(log.status).toBe('success');
      expect(Number(log.total_records_processed)).toBe(result.totalRecordsProcessed);
      expect(String(log.start_date).slice(0, 10)).toBe(WINDOW.from);
    });

    it('a second run of the same window leaves the same rows', async () => {
      const before = await t.db
        .selectFrom('incident')
        .select(['sys_id', 'number', 'opened_at', 'state'])
        .orderBy('sys_id')
        .execute();
      const result = await loadIncidents({ client, db: t.db, window: WINDOW, pageSize: 500 });
      expect(result.status).toBe('success');
      const after = await t.db
        .selectFrom('incident')
        .select(['sys_id', 'number', 'opened_at', 'state'])
        .orderBy('sys_id')
        .execute();
      expect(after).toEqual(before);
    });

    it('the configurations job loads every configuration table', async () => {
      const result = await loadConfigurations({ client, db: t.db, pageSize: 100 });
      expect(result.status).toBe('success');
      for (const task of configurationsJob()) {
        const n = await compareTable(t, mock, task);
        expect(result.tasks[task.name]?.recordsProcessed).toBe(n);
      }
    });

    it('a failing table leaves the other tasks complete and the run partial', async () => {
      await dropTables(t.db, ['incident', 'task_sla', 'task_time_worked', 'incident_task']);
      const impatient = client.withOptions({
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
      });
      mock.setFaults({ serverErrors: { table: 'task_time_worked', status: 503 } });
      try {
        const result = await loadIncidents({
          client: impatient,
          db: t.db,
          window: WINDOW,
          pageSize: 50,
        });
        expect(result.status).toBe('partial');
        expect(result.tasks.task_time_worked?.status).toBe('error');
        expect(result.tasks.task_time_worked?.error?.message).toMatch(/503/);
        for (const task of incidentsJob().tasks.filter((x) => x.name !== 'task_time_worked')) {
          expect(result.tasks[task.name]?.status).toBe('success');
          await compareTable(t, mock, task, WINDOW);
        }
        const log = await t.db
          .selectFrom('servicenow_execution_log')
          .selectAll()
          .where('id', '=', Number(result.id))
          .executeTakeFirstOrThrow();
        expect(log.status).toBe('partial');
        expect(log.error_message).toContain('[task_time_worked]');
      } finally {
        mock.setFaults({});
      }
    });
  });
}
