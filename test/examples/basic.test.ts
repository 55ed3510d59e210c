/**
 * examples/basic.ts against the mock: the incidents job into a SQLite file, compared with the
 * mock's own rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicExample } from '../../examples/basic.js';
import { incidentsJobCounts, incidentsOpened } from './expected.js';

const WINDOW = { from: '2026-09-01', to: '2026-10-31' };
let mock: MockServiceNow;
let dir: string;

beforeAll(async () => {
  mock = await createMockServiceNow({ seed: 7, scale: 300 });
  dir = mkdtempSync(join(tmpdir(), 'sn-example-basic-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('examples/basic.ts', () => {
  it('loads the window into SQLite: every table equals the mock, the report agrees', async () => {
    const options = {
      instanceUrl: mock.url,
      username: mock.credentials.username,
      password: mock.credentials.password,
      databaseFile: join(dir, 'basic.db'),
      window: WINDOW,
    };
    const out = await basicExample(options);
    const expected = incidentsJobCounts(mock, WINDOW);
    expect(expected.incident).toBeGreaterThan(0);
    expect(out.instanceCount).toBe(expected.incident);
    expect(out.result.status).toBe('success');
    expect(out.logStatus).toBe('success');
    expect(out.rows).toEqual(expected);

    // The five busiest groups, counted from the mock's rows by group name.
    const byGroup = new Map<string, number>();
    for (const row of incidentsOpened(mock, WINDOW)) {
      const name = row.assignment_group
        ? mock.data.displayValue('sys_user_group', row.assignment_group)
        : '';
      byGroup.set(name, (byGroup.get(name) ?? 0) + 1);
    }
    expect(out.topGroups.length).toBe(Math.min(5, byGroup.size));
    const counts = out.topGroups.map((g) => g.incidents);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(counts[0]).toBe(Math.max(...byGroup.values()));
    for (const g of out.topGroups) expect(byGroup.get(g.group ?? '')).toBe(g.incidents);

    // Running it again updates the same rows: nothing is duplicated.
    const again = await basicExample(options);
    expect(again.result.status).toBe('success');
    expect(again.rows).toEqual(expected);
    expect(Number(again.result.id)).toBe(Number(out.result.id) + 1);
  });
});
