/**
 * examples/incremental.ts against the mock: a first run loads everything, a second one reads
 * only what changed and applies the audited delete.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incrementalExample } from '../../examples/incremental.js';

// The mock's clock runs a minute behind, so edits made by the test always fall before the
// next run's start (its upper bound) whatever the timing.
let clock = Date.now() - 60_000;
let mock: MockServiceNow;
let dir: string;

beforeAll(async () => {
  mock = await createMockServiceNow({ seed: 4, scale: 200, now: () => clock });
  dir = mkdtempSync(join(tmpdir(), 'sn-example-incremental-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('examples/incremental.ts', () => {
  it('loads everything, then only the changes, and removes the deleted record', async () => {
    const options = {
      instanceUrl: mock.url,
      username: mock.credentials.username,
      password: mock.credentials.password,
      databaseFile: join(dir, 'incremental.db'),
    };
    const first = await incrementalExample(options);
    expect(first.result.status).toBe('success');
    expect(first.rows.incident).toBe(mock.data.count('incident'));
    expect(first.rows.incident_task).toBe(mock.data.count('incident_task'));
    expect(first.tasks.incidents_opened).toMatchObject({
      read: mock.data.count('incident'),
      expected: mock.data.count('incident'),
    });
    expect(Object.values(first.loggedModes)).toEqual([
      'incremental',
      'incremental',
      'incremental',
      'incremental',
    ]);

    clock += 1000;
    const [a, b] = [...mock.data.rows('incident')];
    mock.data.update('incident', String(a?.sys_id), { state: '6' });
    mock.data.update('incident', String(b?.sys_id), { priority: '1' });
    const [child] = [...mock.data.rows('incident_task')];
    mock.data.delete('incident_task', String(child?.sys_id));

    const second = await incrementalExample(options);
    expect(second.result.status).toBe('success');
    // Read again: the two edited incidents, and the rows inside the 10-minute overlap.
    expect(second.tasks.incidents_opened?.read).toBeGreaterThanOrEqual(2);
    expect(second.tasks.incidents_opened?.read).toBeLessThan(mock.data.count('incident'));
    expect(second.tasks.incident_task?.deleted).toBe(1);
    expect(second.rows.incident_task).toBe(mock.data.count('incident_task'));
    expect(second.rows.incident).toBe(mock.data.count('incident'));
  });
});
