/**
 * The codecs read every shape the Table API sends: records read with
 * `sysparm_display_value=all` (`{ display_value, value, link }` for every field) decode to the
 * same rows as records read with raw values (strings, `{ value, link }` for references).
 */
import { describe, expect, it } from 'vitest';
import type { ServiceNowClient, TableRecord } from '../../src/client/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { runTasks } from '../../src/run/index.js';
import { KyselySink } from '../../src/sink/index.js';
import { contractSlaTask, incidentsOpenedTask, usersTask } from '../../src/tasks/catalog/index.js';
import type { TaskDefinition } from '../../src/tasks/index.js';
import { type TestDb, useRunHarness } from '../support/run-harness.js';

let mock: MockServiceNow;
let client: ServiceNowClient;
const freshDb = useRunHarness(
  'sn-display-modes-',
  { seed: 5, scale: 60, timeZone: 'Europe/Paris' },
  (m, c) => {
    mock = m;
    client = c;
  },
);

const tasks = (): TaskDefinition[] => [incidentsOpenedTask(), usersTask(), contractSlaTask()];

/** The same task, read with `sysparm_display_value=all`. */
const readingAll = (task: TaskDefinition): TaskDefinition => ({ ...task, displayValue: 'all' });

async function first(table: string, task: TaskDefinition, displayValue: false | 'all') {
  for await (const page of client.paginate(table, {
    fields: [...task.fieldNames],
    displayValue,
    pageSize: 20,
  })) {
    return page.records;
  }
  return [];
}

async function rowsOf(db: TestDb, table: string): Promise<unknown[]> {
  return db.selectFrom(table).selectAll().orderBy('sys_id').execute();
}

describe('sysparm_display_value=all', () => {
  it('every codec parses the { display_value, value, link } cells as their raw values', async () => {
    for (const task of tasks()) {
      const raw = await first(task.table, task, false);
      const all = await first(task.table, task, 'all');
      expect(all).toHaveLength(raw.length);
      const byId = new Map(raw.map((r: TableRecord) => [r.sys_id, r]));
      let objects = 0;
      for (const record of all) {
        const id = typeof record.sys_id === 'object' ? record.sys_id.value : record.sys_id;
        const plain = byId.get(id as string);
        expect(plain).toBeDefined();
        for (const [field, codec] of Object.entries(task.fields)) {
          const cell = record[field];
          if (cell === undefined) continue;
          expect(typeof cell).toBe('object');
          objects += 1;
          expect(codec.parse(cell), `${task.table}.${field}`).toEqual(
            codec.parse(plain?.[field] ?? ''),
          );
        }
      }
      expect(objects).toBeGreaterThan(all.length);
    }
  });

  it('a run reading with display_value=all writes the same rows as one reading raw values', async () => {
    const rawDb = freshDb();
    const allDb = freshDb();
    const window = { from: '2000-01-01', to: '2100-12-31' };
    const raw = await runTasks(tasks(), { client, sink: new KyselySink(rawDb), window });
    const before = mock.requests.length;
    const all = await runTasks(tasks().map(readingAll), {
      client,
      sink: new KyselySink(allDb),
      window,
    });
    expect(raw.status).toBe('success');
    expect(all.status).toBe('success');
    const readAll = mock.requests
      .slice(before)
      .filter((r) => r.query.sysparm_display_value === 'all')
      .map((r) => r.table);
    for (const task of tasks()) {
      expect(readAll).toContain(task.table);
      expect(all.tasks[task.name]?.recordsRejected).toBe(0);
      expect(all.tasks[task.name]?.recordsProcessed).toBe(raw.tasks[task.name]?.recordsProcessed);
      expect(await rowsOf(allDb, task.target)).toEqual(await rowsOf(rawDb, task.target));
    }
  });
});
