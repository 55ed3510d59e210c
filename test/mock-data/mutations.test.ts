import { describe, expect, test } from 'vitest';
import {
  createMockData,
  MockDuplicateRecordError,
  MockRecordNotFoundError,
  MockUnknownTableError,
} from '../../src/mock/data/index.js';
import { all, ids, q, utc } from './helpers.js';

function fresh() {
  let now = Date.UTC(2026, 10, 5, 10, 0, 0);
  const data = createMockData({ seed: 21, scale: 150, clock: () => now });
  return { data, tick: (ms: number) => (now += ms), now: () => now };
}

function keysetAll(data: ReturnType<typeof fresh>['data'], table: string, filter = ''): string[] {
  const out: string[] = [];
  let cursor = '';
  for (;;) {
    const text = [filter, cursor ? `sys_id>${cursor}` : '', 'ORDERBYsys_id']
      .filter(Boolean)
      .join('^');
    const rows = data.select(table, q(text), { limit: 23 }).rows;
    if (rows.length === 0) return out;
    out.push(...ids(rows));
    cursor = rows.at(-1)?.sys_id as string;
  }
}

describe('insert', () => {
  test('fills system fields and appears in its sys_id place', () => {
    const { data, now } = fresh();
    const before = ids(all(data, 'incident'));
    const middle = `${(before[40] as string).slice(0, 31)}${(before[40] as string).endsWith('f') ? 'e' : 'f'}`;
    const explicit = data.insert('incident', {
      sys_id: middle,
      short_description: 'Inserted "one"',
      priority: '1',
    });
    const generated = data.insert('incident', {
      short_description: 'Inserted two',
      no_such_field: 'x',
    });
    expect(explicit.sys_id).toBe(middle);
    expect(generated.sys_id).toMatch(/^[0-9a-f]{32}$/);
    expect(generated).not.toHaveProperty('no_such_field');
    for (const record of [explicit, generated]) {
      expect(record.sys_created_on).toBe(utc(now()));
      expect(record.sys_updated_on).toBe(utc(now()));
      expect(record.sys_mod_count).toBe('0');
      expect(record.sys_class_name).toBe('incident');
      expect(record.number).toMatch(/^INC\d{7}$/);
      expect(record.state).toBe('1');
    }
    expect(explicit.number).not.toBe(generated.number);
    expect(data.count('incident')).toBe(before.length + 2);
    const after = keysetAll(data, 'incident');
    expect(after).toEqual([...before, middle, generated.sys_id].sort());
    expect(
      ids(data.select('incident', q('priority=1^short_descriptionLIKEinserted')).rows),
    ).toEqual([middle]);
    expect(data.get('task', middle)?.short_description).toBe('Inserted "one"');
    expect(() => data.insert('incident', { sys_id: middle })).toThrow(MockDuplicateRecordError);
    expect(() => data.insert('incident', { sys_id: before[0] as string })).toThrow(
      MockDuplicateRecordError,
    );
    expect(() => data.insert('task', {})).toThrow(MockUnknownTableError);
  });

  test('an inserted child is found through its parent reference and the date index', () => {
    const { data } = fresh();
    const incident = all(data, 'incident')[7];
    const sla = data.insert('task_sla', { task: incident?.sys_id as string, stage: 'in_progress' });
    const opened = incident?.opened_at as string;
    const window = `task.opened_at>=${opened}^task.opened_at<=${opened}`;
    expect(ids(data.select('task_sla', q(window)).rows)).toContain(sla.sys_id);
    expect(ids(data.select('task_sla', q(`task=${incident?.sys_id}`)).rows)).toContain(sla.sys_id);
    const created = data.select('task_sla', q(`sys_created_on>=${sla.sys_created_on}`)).rows;
    expect(ids(created)).toContain(sla.sys_id);
  });
});

describe('update', () => {
  test('changes values, bumps the stamp and counter, and moves the row in the indexes', () => {
    const { data, tick, now } = fresh();
    tick(60_000);
    const target =
      all(data, 'incident').find((r) => r.priority === '5' && r.opened_at! < '2026-03-01') ??
      all(data, 'incident')[0]!;
    const updated = data.update('incident', target.sys_id as string, {
      priority: '1',
      opened_at: '2026-10-30 12:00:00',
      sys_id: 'ignored',
    });
    expect(updated.sys_id).toBe(target.sys_id);
    expect(updated.sys_mod_count).toBe(String(Number(target.sys_mod_count) + 1));
    expect(updated.sys_updated_on).toBe(utc(now()));
    expect(data.get('incident', target.sys_id as string)?.priority).toBe('1');
    expect(ids(data.select('incident', q('priority=1')).rows)).toContain(target.sys_id);
    expect(ids(data.select('incident', q('priority=5')).rows)).not.toContain(target.sys_id);
    const window = 'opened_at>=2026-10-30 00:00:00^opened_at<=2026-10-30 23:59:59';
    expect(ids(data.select('incident', q(window)).rows)).toContain(target.sys_id);
    expect(keysetAll(data, 'incident', window)).toContain(target.sys_id);
    expect(ids(data.select('incident', q(`opened_at=${target.opened_at}`)).rows)).not.toContain(
      target.sys_id,
    );
    // Its SLAs now match a dot-walked window on the new date.
    const slas = all(data, 'task_sla').filter((s) => s.task === target.sys_id);
    expect(slas.length).toBeGreaterThan(0);
    const dot = ids(
      data.select(
        'task_sla',
        q(`task.opened_at>=2026-10-30 00:00:00^task.opened_at<=2026-10-30 23:59:59`),
      ).rows,
    );
    for (const s of slas) expect(dot).toContain(s.sys_id);
    // The sys_updated_on order sees the new stamp.
    const newest = data.select('incident', q('ORDERBYDESCsys_updated_on'), { limit: 1 }).rows[0];
    expect(newest?.sys_id).toBe(target.sys_id);
    expect(() => data.update('incident', 'f'.repeat(32), {})).toThrow(MockRecordNotFoundError);
  });

  test('updates an inserted record', () => {
    const { data, tick } = fresh();
    const record = data.insert('sys_user', { user_name: 'new.user', name: 'New User' });
    tick(1000);
    const updated = data.update('sys_user', record.sys_id as string, { name: 'Renamed' });
    expect(updated.sys_mod_count).toBe('1');
    expect(data.displayValue('sys_user', record.sys_id as string)).toBe('Renamed');
  });
});

describe('delete', () => {
  test('removes the row everywhere and records it in sys_audit_delete', () => {
    const { data, tick, now } = fresh();
    tick(3_600_000);
    const audits = data.count('sys_audit_delete');
    const victim = all(data, 'incident')[10]!;
    data.delete('incident', victim.sys_id as string);
    expect(data.get('incident', victim.sys_id as string)).toBeUndefined();
    expect(data.get('task', victim.sys_id as string)).toBeUndefined();
    expect(keysetAll(data, 'incident')).not.toContain(victim.sys_id);
    expect(ids(data.select('incident', q(`opened_at=${victim.opened_at}`)).rows)).not.toContain(
      victim.sys_id,
    );
    expect(data.count('incident')).toBe(149);
    expect(data.count('sys_audit_delete')).toBe(audits + 1);
    const audit = data.select(
      'sys_audit_delete',
      q(`tablename=incident^documentkey=${victim.sys_id}`),
    ).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]?.sys_created_on).toBe(utc(now()));
    expect(audit[0]?.display_value).toBe(victim.number);
    expect(audit[0]?.payload).toContain(`<sys_id>${victim.sys_id}</sys_id>`);
    expect(() => data.delete('incident', victim.sys_id as string)).toThrow(MockRecordNotFoundError);
    // The pruning query of servicenow-api.md 7.3.
    const since = data.select(
      'sys_audit_delete',
      q(`tablename=incident^sys_created_on>=${utc(now() - 1000)}`),
    ).rows;
    expect(ids(since)).toEqual(ids(audit));
  });

  test('deletes an inserted record and an updated one', () => {
    const { data } = fresh();
    const inserted = data.insert('task_time_worked', { time_in_seconds: '60' });
    data.delete('task_time_worked', inserted.sys_id as string);
    expect(data.get('task_time_worked', inserted.sys_id as string)).toBeUndefined();
    const row = all(data, 'core_company')[3]!;
    data.update('core_company', row.sys_id as string, { name: 'Renamed Co' });
    data.delete('core_company', row.sys_id as string);
    expect(ids(data.select('core_company', q('nameLIKERenamed')).rows)).toEqual([]);
    expect(data.count('core_company')).toBe(24);
  });

  test('generation seeds a few deletes of unreferenced rows', () => {
    const { data } = fresh();
    const audits = all(data, 'sys_audit_delete');
    expect(audits.length).toBeGreaterThan(2);
    expect(new Set(audits.map((a) => a.tablename))).toEqual(
      new Set(['task_sla', 'task_time_worked', 'incident_task']),
    );
    for (const audit of audits) {
      expect(data.get(audit.tablename as string, audit.documentkey as string)).toBeUndefined();
      expect(audit.sys_created_on! <= '2026-11-01 00:00:00').toBe(true);
    }
  });
});
