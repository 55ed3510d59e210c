/**
 * Display values read through dot-walked fields (`caller_id.name`, display_value=false) equal
 * the ones `sysparm_display_value=all` gives, for every built-in task, on the mock server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceNowClient } from '../../src/client/index.js';
import type { Row } from '../../src/fields/field-codec.js';
import { createMockServiceNow, type MockServiceNow } from '../../src/mock/index.js';
import { catalog } from '../../src/tasks/catalog/index.js';
import { createDecoder, type TaskDefinition } from '../../src/tasks/index.js';

let mock: MockServiceNow;
let client: ServiceNowClient;

beforeAll(async () => {
  // A zone other than UTC: display values of date-times would differ; names and numbers do not.
  mock = await createMockServiceNow({ seed: 11, scale: 300, timeZone: 'America/Los_Angeles' });
  client = new ServiceNowClient({
    instanceUrl: mock.url,
    auth: { type: 'basic', ...mock.credentials },
  });
});

afterAll(async () => {
  await client?.close();
  await mock?.close();
});

/** Every record of the task's selection, decoded, by sys_id. */
async function read(
  task: TaskDefinition,
  fields: readonly string[],
  displayValue: 'all' | false,
): Promise<Map<string, Row>> {
  const decode = createDecoder(task);
  const rows = new Map<string, Row>();
  const pages = client.paginate(task.table, {
    query: task.buildQuery(),
    fields,
    displayValue,
    pageSize: 250,
  });
  for await (const page of pages) {
    for (const record of page.records) {
      const row = decode(record);
      rows.set(String(row.sys_id), row);
    }
  }
  return rows;
}

/** The built-in tasks that store display values (all but contract_sla). */
const withDisplay = Object.keys(catalog).filter(
  (name) => (catalog[name] as () => TaskDefinition)().displayFields.length > 0,
);

describe('display values through dot-walked fields', () => {
  it('covers every built-in task that stores display values', () => {
    expect(withDisplay).toHaveLength(Object.keys(catalog).length - 1);
    expect((catalog.contract_sla as () => TaskDefinition)().displayFields).toEqual([]);
  });

  it.each(withDisplay)('%s: the same rows as with sysparm_display_value=all', async (name) => {
    const task = (catalog[name] as () => TaskDefinition)();
    expect(task.displayValue).toBe('false');
    const plain = task.fieldNames.filter((field) => !field.includes('.'));
    const before = await read(task, plain, 'all');
    const after = await read(task, task.fieldNames, false);
    expect(after.size).toBe(before.size);
    expect(after.size).toBeGreaterThan(0);
    for (const [sysId, row] of before) expect(after.get(sysId), sysId).toEqual(row);
    for (const field of task.displayFields) {
      const shown = [...after.values()].filter((row) => row[`${field}_display`] !== null);
      // Each display column is filled wherever its reference is (the mock has no dangling ones).
      const referenced = [...after.values()].filter((row) => row[field] !== null);
      expect(shown.length, `${name}.${field}_display`).toBe(referenced.length);
      expect(shown.length, `${name}.${field}_display`).toBeGreaterThan(0);
    }
  });

  it('requests the dot-walked fields, with raw values', async () => {
    const task = (catalog.incidents_opened as () => TaskDefinition)();
    const seen = mock.requests.length;
    await read(task, task.fieldNames, false);
    const request = mock.requests.slice(seen).find((r) => r.table === 'incident');
    expect(request).toBeDefined();
    expect(request?.query.sysparm_display_value).toBe('false');
    expect(request?.query.sysparm_fields?.split(',')).toEqual(
      expect.arrayContaining(['caller_id', 'caller_id.name', 'cmdb_ci.name', 'company.name']),
    );
  });
});
