import { describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { MockUnknownTableError } from '../../src/mock/data/index.js';
import type { MockRecord } from '../../src/mock/types.js';
import { MockUnknownFieldError } from '../../src/mock/types.js';
import { all, expected, ids, q, sharedStore } from './helpers.js';

const store = sharedStore();
const incidents = all(store, 'incident');
const select = (query: string, table = 'incident', options = {}) =>
  ids(store.select(table, q(query), options).rows);

describe('^OR and ^NQ', () => {
  test('^OR binds tighter than ^', () => {
    const want = expected(
      incidents,
      (r) => (r.priority === '4' || r.priority === '5') && r.active === 'true',
    );
    expect(want.length).toBeGreaterThan(0);
    expect(select('priority=4^ORpriority=5^active=true')).toEqual(want);
  });

  test('^NQ ORs whole groups', () => {
    const want = expected(
      incidents,
      (r) =>
        (r.priority === '1' && r.active === 'true') ||
        (r.state === '7' && r.category === 'network'),
    );
    expect(select('priority=1^active=true^NQstate=7^category=network')).toEqual(want);
  });

  test('an empty query selects everything in sys_id order', () => {
    expect(select('')).toEqual(ids(incidents));
  });
});

describe('ORDERBY', () => {
  const check = (
    rows: readonly MockRecord[],
    compare: (a: MockRecord, b: MockRecord) => number,
  ) => {
    for (let i = 1; i < rows.length; i++) {
      expect(compare(rows[i - 1] as MockRecord, rows[i] as MockRecord)).toBeLessThan(0);
    }
  };
  const bySysId = (a: MockRecord, b: MockRecord) =>
    (a.sys_id as string) < (b.sys_id as string) ? -1 : 1;

  test('several fields, asc and desc, sys_id as the final tiebreaker', () => {
    const rows = store.select(
      'incident',
      q('active=true^ORDERBYpriority^ORDERBYDESCcategory'),
    ).rows;
    expect(rows.length).toBe(incidents.filter((r) => r.active === 'true').length);
    check(rows, (a, b) => {
      const p = Number(a.priority) - Number(b.priority);
      if (p !== 0) return p;
      const c = (b.category as string).localeCompare(a.category as string);
      return c !== 0 ? c : bySysId(a, b);
    });
  });

  test('an indexed date field, descending, then sys_id ascending', () => {
    const rows = store.select('incident', q('ORDERBYDESCsys_updated_on^ORDERBYsys_id')).rows;
    expect(rows.length).toBe(incidents.length);
    check(rows, (a, b) =>
      a.sys_updated_on !== b.sys_updated_on
        ? (a.sys_updated_on as string) > (b.sys_updated_on as string)
          ? -1
          : 1
        : bySysId(a, b),
    );
  });

  test('ORDERBYDESCsys_id reverses the sys_id order', () => {
    expect(select('priority=2^ORDERBYDESCsys_id')).toEqual(
      expected(incidents, (r) => r.priority === '2').reverse(),
    );
  });

  test('a dot-walked sort key', () => {
    const rows = store.select('task_sla', q('task.priority=1^ORDERBYtask.opened_at')).rows;
    expect(rows.length).toBeGreaterThan(0);
    const opened = (r: MockRecord) => store.get('task', r.task as string)?.opened_at as string;
    check(rows, (a, b) =>
      opened(a) !== opened(b) ? (opened(a) < opened(b) ? -1 : 1) : bySysId(a, b),
    );
  });
});

describe('dot-walked date windows', () => {
  test('task_sla by task.opened_at, incident_task by incident.opened_at', () => {
    const from = '2026-03-01 00:00:00';
    const to = '2026-05-31 23:59:59';
    const inWindow = (r?: MockRecord) =>
      r !== undefined && (r.opened_at as string) >= from && (r.opened_at as string) <= to;
    const slas = all(store, 'task_sla');
    const wantSla = expected(slas, (r) => inWindow(store.get('task', r.task as string)));
    expect(wantSla.length).toBeGreaterThan(20);
    expect(
      select(`task.opened_at>=${from}^task.opened_at<=${to}^ORDERBYsys_id`, 'task_sla'),
    ).toEqual(wantSla);
    const tasks = all(store, 'incident_task');
    const wantTask = expected(tasks, (r) => inWindow(store.get('incident', r.incident as string)));
    expect(
      select(`incident.opened_at>=${from}^incident.opened_at<=${to}`, 'incident_task'),
    ).toEqual(wantTask);
    const worked = all(store, 'task_time_worked');
    expect(
      select(
        `task.opened_at>=${from}^task.opened_at<=${to}^task.sys_class_name=incident`,
        'task_time_worked',
      ),
    ).toEqual(expected(worked, (r) => inWindow(store.get('incident', r.task as string))));
  });
});

describe('date literals and time zones', () => {
  const window = (from: string, to: string) =>
    expected(incidents, (r) => (r.opened_at as string) >= from && (r.opened_at as string) < to);

  test('gs.dateGenerate is read in the user time zone (Los Angeles: +8 h in winter, +7 h in summer)', () => {
    // An incident opened in the small hours (UTC) of a winter day: in Los Angeles it belongs to the day before.
    const early = incidents.find((r) =>
      /^2026-0[12]-\d\d 0[0-7]:/.test(r.opened_at as string),
    ) as MockRecord;
    expect(early).toBeDefined();
    const day = (early.opened_at as string).slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const query = `opened_at>=javascript:gs.dateGenerate('${day}','00:00:00')^opened_at<javascript:gs.dateGenerate('${next}','00:00:00')`;
    const la = select(query, 'incident', { timeZone: 'America/Los_Angeles' });
    expect(la).toEqual(window(`${day} 08:00:00`, `${next} 08:00:00`));
    expect(la).not.toContain(early.sys_id);
    const utcDay = select(query);
    expect(utcDay).toEqual(window(`${day} 00:00:00`, `${next} 00:00:00`));
    expect(utcDay).toContain(early.sys_id);
    const summer =
      "opened_at>=javascript:gs.dateGenerate('2026-07-10','start')^opened_at<javascript:gs.dateGenerate('2026-07-20','00:00:00')";
    expect(select(summer, 'incident', { timeZone: 'America/Los_Angeles' })).toEqual(
      window('2026-07-10 07:00:00', '2026-07-20 07:00:00'),
    );
  });

  test('a plain literal is UTC whatever the zone; a date alone is midnight', () => {
    const want = window('2026-02-01 00:00:00', '2026-02-10 00:00:00');
    expect(
      select('opened_at>=2026-02-01^opened_at<2026-02-10', 'incident', { timeZone: 'Asia/Tokyo' }),
    ).toEqual(want);
  });

  test('gs.daysAgoStart / daysAgoEnd / beginningOfToday are relative to now in the zone', () => {
    const now = Date.UTC(2026, 9, 20, 12, 0, 0);
    const query = 'opened_at>=javascript:gs.daysAgoStart(3)^opened_at<=javascript:gs.daysAgoEnd(1)';
    expect(select(query, 'incident', { now })).toEqual(
      expected(
        incidents,
        (r) =>
          (r.opened_at as string) >= '2026-10-17 00:00:00' &&
          (r.opened_at as string) <= '2026-10-19 23:59:59',
      ),
    );
    // Tokyo is UTC+9: its 2026-10-17 starts at 2026-10-16 15:00 UTC.
    expect(select(query, 'incident', { now, timeZone: 'Asia/Tokyo' })).toEqual(
      expected(
        incidents,
        (r) =>
          (r.opened_at as string) >= '2026-10-16 15:00:00' &&
          (r.opened_at as string) <= '2026-10-19 14:59:59',
      ),
    );
    const today =
      'opened_at>=javascript:gs.beginningOfToday()^opened_at<=javascript:gs.endOfToday()';
    const now2 = Date.UTC(2026, 9, 28, 15, 0, 0);
    expect(select(today, 'incident', { now: now2 })).toEqual(
      expected(incidents, (r) => (r.opened_at as string).startsWith('2026-10-28')),
    );
    const recent = 'opened_at>=javascript:gs.minutesAgoStart(600)';
    expect(select(recent, 'incident', { now: now2 })).toEqual(
      expected(incidents, (r) => (r.opened_at as string) >= '2026-10-28 05:00:00'),
    );
  });

  test('a script the mock cannot evaluate drops its condition, widening the selection', () => {
    expect(select('caller_id=javascript:gs.getUserID()^priority=1')).toEqual(select('priority=1'));
    expect(select('opened_at>=javascript:gs.somethingElse()')).toEqual(ids(incidents));
  });

  test('an unknown zone is a configuration error', () => {
    expect(() => store.select('incident', q('priority=1'), { timeZone: 'Mars/Olympus' })).toThrow(
      ConfigurationError,
    );
  });
});

describe('unknown fields', () => {
  test.each(['no_such_field=1', 'caller_id.no_such_field=1', 'priority.name=x'])(
    '%s is ignored or rejected',
    (term) => {
      expect(select(`${term}^priority=1`)).toEqual(select('priority=1'));
      expect(() =>
        store.select('incident', q(`${term}^priority=1`), { unknownFields: 'reject' }),
      ).toThrow(MockUnknownFieldError);
    },
  );

  test('a dot-walk to task sees only task fields', () => {
    expect(() =>
      store.select('task_sla', q('task.caller_id=x'), { unknownFields: 'reject' }),
    ).toThrow(MockUnknownFieldError);
    expect(select('task.caller_id=x', 'task_sla').length).toBe(store.count('task_sla'));
  });

  test('an unknown table is an error', () => {
    expect(() => store.select('no_such_table', q(''))).toThrow(MockUnknownTableError);
    expect(store.get('no_such_table', 'x')).toBeUndefined();
    expect(store.count('no_such_table')).toBe(0);
  });
});

describe('base tables', () => {
  test('task holds incidents, incident tasks and the other task children', () => {
    const children = ['incident_task', 'problem', 'change_request', 'sc_request', 'sc_req_item'];
    const tasks = children.flatMap((table) => all(store, table));
    expect(store.count('task')).toBe(incidents.length + tasks.length);
    const result = store.select('task', q('priority=1^ORDERBYsys_id'), { count: true });
    const want = expected([...incidents, ...tasks], (r) => r.priority === '1');
    expect(ids(result.rows)).toEqual(want);
    expect(result.total).toBe(want.length);
    const page = store.select('task', q('ORDERBYDESCopened_at'), { limit: 10, offset: 5 }).rows;
    const sorted = [...incidents, ...tasks].sort((a, b) =>
      a.opened_at !== b.opened_at
        ? (a.opened_at as string) > (b.opened_at as string)
          ? -1
          : 1
        : (a.sys_id as string) < (b.sys_id as string)
          ? -1
          : 1,
    );
    expect(ids(page)).toEqual(ids(sorted.slice(5, 15)));
    expect(store.get('task', tasks[0]?.sys_id as string)?.sys_class_name).toBe('incident_task');
    const merged = ids(all(store, 'task'));
    expect(merged).toEqual(ids([...incidents, ...tasks]).sort());
  });

  test('display values', () => {
    const incident = incidents[0] as MockRecord;
    expect(store.displayValue('incident', incident.sys_id as string)).toBe(incident.number);
    expect(store.displayValue('task', incident.sys_id as string)).toBe(incident.number);
    const user = store.get('sys_user', incident.caller_id as string);
    expect(store.displayValue('sys_user', incident.caller_id as string)).toBe(user?.name);
    expect(store.displayValue('sys_user', 'f'.repeat(32))).toBe('');
    expect(store.displayValue('sys_user_group', 'global')).toBe('global');
  });
});
