/**
 * examples/custom-task.ts against the mock: the transform's filter and derived columns, checked
 * row by row against the mock's data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createMockServiceNow, type MockServiceNow } from 'servicenow-sync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customTaskExample,
  RESOLUTION_TABLE,
  RESOLUTION_TARGET_HOURS,
} from '../../examples/custom-task.js';
import { incidentsOpened } from './expected.js';

const WINDOW = { from: '2026-06-01', to: '2026-09-30' };
let mock: MockServiceNow;
let dir: string;
let unresolvedId: string;

beforeAll(async () => {
  mock = await createMockServiceNow({ seed: 3, scale: 300 });
  dir = mkdtempSync(join(tmpdir(), 'sn-example-custom-'));
  // A resolved incident without calendar_stc: the query selects it, the transform must drop it.
  const victim = incidentsOpened(mock, WINDOW).find((row) => row.state === '7');
  if (!victim?.sys_id) throw new Error('the mock has no closed incident in the window');
  unresolvedId = victim.sys_id;
  mock.data.update('incident', unresolvedId, { calendar_stc: '' });
});
afterAll(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

interface ResolutionRow {
  sys_id: string;
  priority: string;
  calendar_stc: number;
  resolution_hours: number;
  target_hours: number;
  met_target: number;
}

describe('examples/custom-task.ts', () => {
  it('keeps resolved incidents only and derives hours, target and met_target', async () => {
    const file = join(dir, 'custom.db');
    const { result, report } = await customTaskExample({
      instanceUrl: mock.url,
      username: mock.credentials.username,
      password: mock.credentials.password,
      databaseFile: file,
      window: WINDOW,
    });
    expect(result.status).toBe('success');

    const expected = incidentsOpened(mock, WINDOW).filter(
      (row) =>
        (row.state === '6' || row.state === '7') &&
        row.resolved_at !== '' &&
        row.calendar_stc !== '',
    );
    expect(expected.length).toBeGreaterThan(10);

    const db = new Database(file, { readonly: true });
    let rows: ResolutionRow[];
    let columns: { name: string; type: string }[];
    try {
      rows = db.prepare(`select * from ${RESOLUTION_TABLE}`).all() as ResolutionRow[];
      columns = db.prepare(`pragma table_info(${RESOLUTION_TABLE})`).all() as typeof columns;
    } finally {
      db.close();
    }
    expect(columns.find((c) => c.name === 'resolution_hours')?.type).toBe('REAL');
    expect(columns.find((c) => c.name === 'target_hours')?.type).toBe('REAL');
    expect(columns.map((c) => c.name)).toContain('met_target');

    expect(rows.map((r) => r.sys_id).sort()).toEqual(expected.map((r) => r.sys_id).sort());
    expect(rows.some((r) => r.sys_id === unresolvedId)).toBe(false);
    const byId = new Map(expected.map((r) => [r.sys_id, r]));
    for (const row of rows) {
      const source = byId.get(row.sys_id);
      const seconds = Number(source?.calendar_stc);
      const hours = Math.round(seconds / 36) / 100;
      const target = RESOLUTION_TARGET_HOURS[source?.priority ?? ''];
      expect(row.calendar_stc).toBe(seconds);
      expect(row.resolution_hours).toBeCloseTo(hours, 9);
      expect(row.target_hours).toBe(target);
      expect(row.met_target).toBe(hours <= (target ?? -1) ? 1 : 0);
    }

    // The report groups the same rows.
    expect(report.reduce((n, line) => n + line.incidents, 0)).toBe(expected.length);
    expect(report.reduce((n, line) => n + line.metTarget, 0)).toBe(
      rows.filter((r) => r.met_target === 1).length,
    );
    expect(result.tasks.incident_resolution?.recordsProcessed).toBe(expected.length);
  });
});
