import { describe, expect, test } from 'vitest';
import {
  createMockData,
  DEFAULT_MOCK_REFERENCE_TIME,
  MOCK_TABLE_NAMES,
  mockField,
  mockSchema,
} from '../../src/mock/data/index.js';
import { all, q, referenceFields, sharedStore, utc } from './helpers.js';

const DURATION = /^1970-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const seconds = (duration: string) => Date.parse(`${duration.replace(' ', 'T')}Z`) / 1000;

describe('determinism', () => {
  test('the same seed and scale give identical data; another seed differs', () => {
    const a = createMockData({ seed: 5, scale: 120 });
    const b = createMockData({ seed: 5, scale: 120 });
    const c = createMockData({ seed: 6, scale: 120 });
    for (const table of MOCK_TABLE_NAMES) {
      expect(all(a, table)).toEqual(all(b, table));
    }
    expect(all(a, 'incident').map((r) => r.sys_id)).not.toEqual(
      all(c, 'incident').map((r) => r.sys_id),
    );
  });

  test('explicit per-table counts are honoured', () => {
    const store = createMockData({
      seed: 3,
      scale: { incident: 50, incident_task: 40, task_sla: 130, task_time_worked: 70, sys_user: 20 },
    });
    expect(store.scale).toMatchObject({
      incident: 50,
      incident_task: 40,
      task_sla: 130,
      task_time_worked: 70,
      sys_user: 20,
    });
    expect(store.count('sys_user')).toBe(20);
  });

  test('tiny and empty scales still produce consistent data', () => {
    for (const scale of [
      0,
      1,
      {
        incident: 3,
        sys_user: 2,
        sys_user_group: 1,
        core_company: 1,
        contract_sla: 1,
        cmdb_ci_network_link: 1,
      },
    ]) {
      const store = createMockData({ seed: 2, scale });
      for (const table of MOCK_TABLE_NAMES) {
        for (const row of store.rows(table)) {
          for (const { name, target } of referenceFields(table)) {
            if (row[name])
              expect(store.get(target, row[name] as string), `${table}.${name}`).toBeDefined();
          }
        }
      }
      expect(store.select('task_sla', q('task.opened_at>=2020-01-01')).rows.length).toBe(
        store.count('task_sla'),
      );
    }
  });

  test('invalid options are configuration errors', () => {
    expect(() => createMockData({ seed: 1.5 })).toThrow(/seed/);
    expect(() => createMockData({ scale: -1 })).toThrow(/scale.incident/);
    expect(() => createMockData({ scale: { incidents: 5 } as never })).toThrow(/unknown table/);
    expect(() => createMockData({ now: Number.NaN })).toThrow(/now/);
  });

  test('the default reference time is 2026-11-01 and no date lies after it', () => {
    expect(utc(DEFAULT_MOCK_REFERENCE_TIME)).toBe('2026-11-01 00:00:00');
    const store = sharedStore();
    const limit = utc(DEFAULT_MOCK_REFERENCE_TIME);
    for (const table of MOCK_TABLE_NAMES) {
      const schema = mockSchema(table);
      const dateFields =
        schema?.fields.filter((f) => f.type === 'glide_date_time').map((f) => f.name) ?? [];
      for (const row of store.rows(table)) {
        for (const f of dateFields) {
          if (f === 'planned_end_time' || f === 'original_breach_time') continue; // future targets
          const v = row[f] ?? '';
          if (v !== '') expect(v <= limit, `${table}.${f} = ${v}`).toBe(true);
        }
      }
    }
  });
});

describe('shape of the data', () => {
  const store = sharedStore();

  test('every record has every schema field, as a string', () => {
    for (const table of MOCK_TABLE_NAMES) {
      const names = mockSchema(table)?.fields.map((f) => f.name) ?? [];
      for (const row of store.rows(table)) {
        const keys = Object.keys(row);
        const complete =
          keys.length === names.length && names.every((n) => typeof row[n] === 'string');
        if (!complete) expect(keys.sort()).toEqual([...names].sort());
      }
    }
  });

  test('sys_ids are 32 lowercase hex digits, unique across all tables', () => {
    const seen = new Set<string>();
    for (const table of MOCK_TABLE_NAMES) {
      for (const row of store.rows(table)) {
        expect(row.sys_id).toMatch(/^[0-9a-f]{32}$/);
        expect(seen.has(row.sys_id as string)).toBe(false);
        seen.add(row.sys_id as string);
      }
    }
  });

  test('rows() iterates in sys_id order and count() matches', () => {
    for (const table of MOCK_TABLE_NAMES) {
      const list = all(store, table).map((r) => r.sys_id as string);
      expect(list).toEqual([...list].sort());
      expect(store.count(table)).toBe(list.length);
    }
  });

  test('sys_domain is global and sys_class_name names the table', () => {
    // sys_audit_delete and u_rate_card (a bare custom table) have neither field.
    const classed = MOCK_TABLE_NAMES.filter((t) => mockField(t, 'sys_domain') !== undefined);
    expect(classed).not.toContain('u_rate_card');
    for (const table of classed) {
      for (const row of store.rows(table)) {
        expect(row.sys_domain).toBe('global');
        expect(row.sys_class_name).toBe(table);
      }
    }
  });

  test('configuration tables have realistic sizes', () => {
    expect(store.scale).toMatchObject({
      incident: 300,
      contract_sla: 20,
      sys_user_group: 40,
      core_company: 25,
      cmdb_ci_network_link: 60,
    });
    expect(store.count('sys_user')).toBeGreaterThanOrEqual(300);
    expect(store.count('task_sla')).toBeGreaterThan(2 * 300 - 5);
    expect(store.count('incident_task')).toBeGreaterThan(50);
    expect(store.count('task_time_worked')).toBeGreaterThan(150);
  });
});

describe('referential integrity', () => {
  const store = sharedStore();

  test('every non-empty reference to a served table resolves', () => {
    let checked = 0;
    for (const table of MOCK_TABLE_NAMES) {
      const refs = referenceFields(table);
      for (const row of store.rows(table)) {
        for (const { name, target } of refs) {
          const value = row[name] ?? '';
          if (value === '') continue;
          expect(store.get(target, value), `${table}.${name} -> ${target} ${value}`).toBeDefined();
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  test('incidents point at users, groups, companies and network links', () => {
    const incidents = all(store, 'incident');
    const filled = (f: string) => incidents.filter((r) => r[f] !== '').length;
    for (const f of ['caller_id', 'opened_by', 'assigned_to', 'assignment_group', 'company']) {
      expect(filled(f), f).toBeGreaterThan(incidents.length / 2);
    }
    expect(filled('cmdb_ci')).toBeGreaterThan(0);
    for (const r of incidents.filter((x) => x.cmdb_ci !== '')) {
      expect(store.get('cmdb_ci_network_link', r.cmdb_ci as string)).toBeDefined();
      expect(store.get('cmdb_ci', r.cmdb_ci as string)).toBeDefined();
    }
    // The company of an incident is its caller's.
    for (const r of incidents) {
      expect(r.company).toBe(store.get('sys_user', r.caller_id as string)?.company);
    }
  });

  test('task references find incidents and incident tasks through the base table', () => {
    const classes = new Set<string>();
    for (const sla of store.rows('task_sla')) {
      const task = store.get('task', sla.task as string);
      expect(task).toBeDefined();
      classes.add(task?.sys_class_name ?? '');
      expect(store.get('contract_sla', sla.sla as string)).toBeDefined();
    }
    expect([...classes].sort()).toEqual(['incident', 'incident_task']);
    for (const t of store.rows('incident_task')) {
      expect(t.parent).toBe(t.incident);
      expect(store.get('incident', t.incident as string)).toBeDefined();
    }
  });
});

describe('dates, states and durations', () => {
  const store = sharedStore();
  const incidents = all(store, 'incident');

  test('opened_at <= resolved_at <= closed_at, and the state matches the dates', () => {
    const states = new Set<string>();
    for (const r of incidents) {
      states.add(r.state as string);
      expect(r.opened_at).toMatch(DATE_TIME);
      expect(r.sys_created_on).toBe(r.opened_at);
      if (r.resolved_at !== '') expect(r.resolved_at! >= r.opened_at!).toBe(true);
      if (r.closed_at !== '') expect(r.closed_at! >= (r.resolved_at || r.opened_at)!).toBe(true);
      expect(r.sys_updated_on! >= r.opened_at!).toBe(true);
      expect(r.incident_state).toBe(r.state);
      switch (r.state) {
        case '7':
          expect(r.resolved_at).not.toBe('');
          expect(r.closed_at).not.toBe('');
          expect(r.active).toBe('false');
          break;
        case '6':
          expect(r.resolved_at).not.toBe('');
          expect(r.closed_at).toBe('');
          expect(r.active).toBe('true');
          break;
        case '8':
          expect(r.resolved_at).toBe('');
          expect(r.closed_at).not.toBe('');
          expect(r.active).toBe('false');
          break;
        default:
          expect(['1', '2', '3']).toContain(r.state);
          expect(r.resolved_at).toBe('');
          expect(r.closed_at).toBe('');
          expect(r.active).toBe('true');
      }
      expect(r.priority).toBe(String(Number(r.impact) + Number(r.urgency) - 1));
    }
    expect([...states].sort()).toEqual(expect.arrayContaining(['2', '6', '7']));
  });

  test('durations are 1970-01-DD HH:MM:SS and match their *_stc seconds', () => {
    let resolved = 0;
    for (const r of incidents) {
      if (r.calendar_duration === '') {
        expect(r.calendar_stc).toBe('');
        continue;
      }
      resolved++;
      expect(r.calendar_duration).toMatch(DURATION);
      expect(seconds(r.calendar_duration!)).toBe(Number(r.calendar_stc));
      expect(seconds(r.business_duration!)).toBe(Number(r.business_stc));
      const span = (Date.parse(`${r.resolved_at}Z`) - Date.parse(`${r.opened_at}Z`)) / 1000;
      expect(Number(r.calendar_stc)).toBe(span);
    }
    expect(resolved).toBeGreaterThan(100);
  });

  test('SLAs start when their task opened and stop no earlier', () => {
    for (const sla of store.rows('task_sla')) {
      const task = store.get('task', sla.task as string);
      expect(sla.start_time).toBe(task?.opened_at);
      if (sla.end_time !== '') expect(sla.end_time! >= sla.start_time!).toBe(true);
      expect(['in_progress', 'paused', 'completed', 'cancelled']).toContain(sla.stage);
      expect(sla.active).toBe(
        sla.stage === 'in_progress' || sla.stage === 'paused' ? 'true' : 'false',
      );
      expect(sla.duration).toMatch(DURATION);
      const definition = store.get('contract_sla', sla.sla as string);
      expect(seconds(sla.original_breach_time!) - seconds(sla.start_time!)).toBe(
        seconds(definition?.duration as string),
      );
    }
    // Each incident has a response and a resolution SLA (except where a seeded delete removed one).
    const trimmed = new Set(
      all(store, 'sys_audit_delete').flatMap(
        (a) => /<task>([0-9a-f]{32})<\/task>/.exec(a.payload ?? '')?.[1] ?? [],
      ),
    );
    const perIncident = new Map<string, string[]>();
    for (const sla of store.rows('task_sla')) {
      const def = store.get('contract_sla', sla.sla as string);
      if (def?.collection === 'incident') {
        perIncident.set(sla.task as string, [
          ...(perIncident.get(sla.task as string) ?? []),
          def.target as string,
        ]);
      }
    }
    expect(perIncident.size).toBeGreaterThan(290);
    for (const [task, targets] of perIncident) {
      if (!trimmed.has(task)) expect(targets.sort()).toEqual(['resolution', 'response']);
    }
  });

  test('time entries fall within their task and add up to its time_worked', () => {
    const sums = new Map<string, number>();
    for (const w of store.rows('task_time_worked')) {
      const task = store.get('task', w.task as string);
      expect(task).toBeDefined();
      expect(store.get('sys_user', w.user as string)).toBeDefined();
      expect(seconds(w.time_worked!)).toBe(Number(w.time_in_seconds));
      expect(w.sys_created_on! >= task!.opened_at!).toBe(true);
      expect(w.work_date).toBe(w.sys_created_on?.slice(0, 10));
      sums.set(w.task as string, (sums.get(w.task as string) ?? 0) + Number(w.time_in_seconds));
    }
    // Seeded deletes removed a few entries (the task timer keeps counting them, as on an instance).
    const trimmed = new Set(
      all(store, 'sys_audit_delete')
        .filter((a) => a.tablename === 'task_time_worked')
        .map((a) => /<task>([0-9a-f]{32})<\/task>/.exec(a.payload ?? '')?.[1]),
    );
    expect(trimmed.size).toBeGreaterThan(0);
    for (const [task, total] of sums) {
      const record = store.get('task', task);
      if (trimmed.has(task)) expect(seconds(record?.time_worked as string)).toBeGreaterThan(total);
      else expect(seconds(record?.time_worked as string), task).toBe(total);
    }
    // Tasks without entries have an empty timer.
    const withEntries = new Set(sums.keys());
    for (const incident of store.rows('incident')) {
      if (!withEntries.has(incident.sys_id as string) && !trimmed.has(incident.sys_id)) {
        expect(incident.time_worked).toBe('');
      }
    }
  });

  test('incident tasks open after their incident and close by its resolution', () => {
    for (const t of store.rows('incident_task')) {
      const incident = store.get('incident', t.incident as string)!;
      expect(t.opened_at! >= incident.opened_at!).toBe(true);
      const end = incident.resolved_at || incident.closed_at;
      if (end && t.closed_at) expect(t.closed_at <= end).toBe(true);
    }
  });
});

describe('hostile values', () => {
  const store = sharedStore();
  const texts = MOCK_TABLE_NAMES.flatMap((t) => all(store, t).flatMap((r) => Object.values(r)));
  const some = (test: (v: string) => boolean) => texts.some(test);

  test.each([
    ['accents', (v: string) => v.includes('é')],
    ['CJK', (v: string) => /[\u4e00-\u9fff]/.test(v)],
    ['emoji', (v: string) => /\p{Extended_Pictographic}/u.test(v)],
    ['single quote', (v: string) => v.includes("'")],
    ['double quote', (v: string) => v.includes('"')],
    ['backslash', (v: string) => v.includes('\\')],
    ['newline', (v: string) => v.includes('\n')],
    ['tab', (v: string) => v.includes('\t')],
    ['caret', (v: string) => v.includes('^') && !v.includes('^EQ')],
    ['^NQ inside text', (v: string) => v.includes('^NQ') && v.includes(' ')],
    ['SQL injection', (v: string) => v.includes("'; DROP TABLE incident; --")],
    ['a ~100 KB text', (v: string) => v.length >= 100_000 && v.length < 120_000],
  ])('%s', (_, predicate) => {
    expect(some(predicate)).toBe(true);
  });

  test('some incidents have an empty short description or category', () => {
    const incidents = all(store, 'incident');
    expect(incidents.some((r) => r.short_description === '')).toBe(true);
    expect(incidents.some((r) => r.category === '')).toBe(true);
  });

  test('hostile values round-trip through an equality query', () => {
    const incident = all(store, 'incident').find((r) =>
      r.short_description?.includes('DROP TABLE'),
    );
    expect(incident).toBeDefined();
    const result = store.select('incident', {
      groups: [
        {
          terms: [
            [{ field: 'short_description', operator: '=', value: incident!.short_description! }],
          ],
        },
      ],
      orderBy: [],
    });
    expect(result.rows.map((r) => r.sys_id)).toContain(incident!.sys_id);
  });

  test('a caret escaped as ^^ in a parsed query matches the text', () => {
    const incident = all(store, 'incident').find((r) => r.short_description?.includes('^NQ'));
    expect(incident).toBeDefined();
    const escaped = incident!.short_description!.replaceAll('^', '^^');
    const result = store.select('incident', q(`short_description=${escaped}`));
    expect(result.rows.map((r) => r.sys_id)).toContain(incident!.sys_id);
  });
});
