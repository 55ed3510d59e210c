/**
 * The tool's own tables: TOOL_TABLES names every `servicenow_*` table a run creates, and no
 * task reaches one of them, neither by its target (refused by defineTask) nor through a sink's
 * table prefix (refused when the sink names the table).
 */
import { describe, expect, it } from 'vitest';
import type { ServiceNowClient } from '../../src/client/index.js';
import { fields } from '../../src/fields/index.js';
import { runTasks } from '../../src/run/index.js';
import { usersTask } from '../../src/tasks/catalog/index.js';
import { defineTask, TOOL_TABLES } from '../../src/tasks/index.js';
import { connectDatabase } from '../../src/wiring/index.js';
import { useRunHarness } from '../support/run-harness.js';

let client: ServiceNowClient;
const freshDb = useRunHarness('sn-tool-tables-', { seed: 5, scale: 10 }, (_mock, c) => {
  client = c;
});

describe("the tool's own tables", () => {
  it('TOOL_TABLES lists every servicenow_* table a run creates', async () => {
    const db = freshDb();
    const result = await runTasks([usersTask()], {
      client,
      ...connectDatabase(db),
      mode: 'incremental',
    });
    expect(result.status).toBe('success');
    const created = (await db.introspection.getTables())
      .map((table) => table.name)
      .filter((name) => name.startsWith('servicenow_'));
    expect(created.length).toBeGreaterThanOrEqual(5);
    for (const name of created) expect(TOOL_TABLES).toContain(name);
  });

  it('refuses, before the run, a prefixed target that lands on one of them', async () => {
    const db = freshDb();
    const first = await runTasks([usersTask()], { client, ...connectDatabase(db) });
    expect(first.status).toBe('success');
    const stateBefore = await db.selectFrom('servicenow_sync_state').selectAll().execute();
    const sneaky = defineTask({
      name: 'sneaky',
      table: 'sys_user',
      target: 'sync_state',
      fields: { user_name: fields.string() },
    });
    await expect(
      runTasks([sneaky], { client, ...connectDatabase(db, { tablePrefix: 'servicenow_' }) }),
    ).rejects.toThrow(/table name "servicenow_sync_state" is one of the tool's own tables/);
    expect(await db.selectFrom('servicenow_sync_state').selectAll().execute()).toEqual(stateBefore);
  });
});
