import { describe, expect, test } from 'vitest';
import type { MockRecord } from '../../src/mock/types.js';
import { all, expected, ids, q, sharedStore } from './helpers.js';

const store = sharedStore();
const incidents = all(store, 'incident');
const select = (query: string, table = 'incident') => ids(store.select(table, q(query)).rows);
const num = (v: string | undefined) => Number(v);

describe('operators', () => {
  test.each<[string, (r: MockRecord) => boolean]>([
    ['priority=1', (r) => r.priority === '1'],
    ['priority!=1', (r) => r.priority !== '1'],
    ['reassignment_count>1', (r) => num(r.reassignment_count) > 1],
    ['reassignment_count>=1', (r) => num(r.reassignment_count) >= 1],
    ['priority<3', (r) => num(r.priority) < 3],
    ['priority<=3', (r) => num(r.priority) <= 3],
    // Numbers compare as numbers, not text ('99999' > '100000' as text).
    ['calendar_stc>100000', (r) => r.calendar_stc !== '' && num(r.calendar_stc) > 100000],
    ['calendar_stc<=99999', (r) => r.calendar_stc !== '' && num(r.calendar_stc) <= 99999],
    ['number<INC0010100', (r) => (r.number as string) < 'INC0010100'],
    ['opened_at>=2026-06-01 00:00:00', (r) => (r.opened_at as string) >= '2026-06-01 00:00:00'],
    ['opened_at<2026-06-01', (r) => (r.opened_at as string) < '2026-06-01 00:00:00'],
    [
      'resolved_at<=2026-03-01 12:00:00',
      (r) => r.resolved_at !== '' && (r.resolved_at as string) <= '2026-03-01 12:00:00',
    ],
    ['stateIN1,2,3', (r) => ['1', '2', '3'].includes(r.state as string)],
    ['stateNOT IN6,7', (r) => !['6', '7'].includes(r.state as string)],
    [
      'categoryNOT INnetwork,software',
      (r) => !['network', 'software'].includes(r.category as string),
    ],
    ['priorityBETWEEN2@3', (r) => ['2', '3'].includes(r.priority as string)],
    [
      'opened_atBETWEEN2026-02-01 00:00:00@2026-02-28 23:59:59',
      (r) =>
        (r.opened_at as string) >= '2026-02-01 00:00:00' &&
        (r.opened_at as string) <= '2026-02-28 23:59:59',
    ],
    [
      'short_descriptionLIKEvpn',
      (r) => (r.short_description as string).toLowerCase().includes('vpn'),
    ],
    [
      'short_descriptionNOT LIKEvpn',
      (r) => !(r.short_description as string).toLowerCase().includes('vpn'),
    ],
    ['numberSTARTSWITHINC00101', (r) => (r.number as string).startsWith('INC00101')],
    [
      'short_descriptionENDSWITHOFFICE',
      (r) => (r.short_description as string).toLowerCase().endsWith('office'),
    ],
    ['resolved_atISEMPTY', (r) => r.resolved_at === ''],
    ['resolved_atISNOTEMPTY', (r) => r.resolved_at !== ''],
    ['descriptionEMPTYSTRING', (r) => r.description === ''],
    ['short_descriptionANYTHING', () => true],
    ['opened_bySAMEAScaller_id', (r) => r.opened_by === r.caller_id],
    ['opened_byNSAMEAScaller_id', (r) => r.opened_by !== r.caller_id],
    ['sys_class_nameINSTANCEOFtask', () => true],
    ['sys_class_nameINSTANCEOFincident_task', () => false],
  ])('%s', (query, predicate) => {
    const want = expected(incidents, predicate);
    expect(select(query)).toEqual(want);
  });

  test('the tested operators select neither nothing nor everything where that would prove little', () => {
    for (const query of [
      'priority=1',
      'calendar_stc>100000',
      'stateIN1,2,3',
      'short_descriptionLIKEvpn',
      'opened_bySAMEAScaller_id',
    ]) {
      const n = select(query).length;
      expect(n, query).toBeGreaterThan(0);
      expect(n, query).toBeLessThan(incidents.length);
    }
  });

  test('= is case-insensitive on text', () => {
    const sample = incidents.find(
      (r) => /[a-z]/.test(r.short_description ?? '') && !r.short_description?.includes('^'),
    );
    const value = (sample?.short_description ?? '').toUpperCase();
    const want = expected(
      incidents,
      (r) => (r.short_description as string).toLowerCase() === value.toLowerCase(),
    );
    expect(want).toContain(sample?.sys_id);
    expect(select(`short_description=${value}`)).toEqual(want);
  });

  test('!= also matches empty values', () => {
    const want = expected(incidents, (r) => r.category !== 'network');
    expect(incidents.some((r) => r.category === '')).toBe(true);
    expect(select('category!=network')).toEqual(want);
  });

  test('LIKE, STARTSWITH and ENDSWITH on a reference match its display value', () => {
    const groupName = (r: MockRecord) =>
      store.displayValue('sys_user_group', r.assignment_group as string);
    const starts = expected(incidents, (r) => groupName(r).toLowerCase().startsWith('network'));
    expect(starts.length).toBeGreaterThan(0);
    expect(select('assignment_groupSTARTSWITHNetwork')).toEqual(starts);
    expect(select('assignment_groupLIKEdesk')).toEqual(
      expected(incidents, (r) => groupName(r).toLowerCase().includes('desk')),
    );
  });

  test('INSTANCEOF on a reference tests the class of the referenced record', () => {
    const slas = all(store, 'task_sla');
    const want = expected(slas, (r) => store.get('incident', r.task as string) !== undefined);
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(slas.length);
    expect(select('taskINSTANCEOFincident', 'task_sla')).toEqual(want);
    expect(select('taskINSTANCEOFtask', 'task_sla')).toEqual(expected(slas, () => true));
  });

  test('dot-walk through one and more references', () => {
    const caller = (r: MockRecord) => store.get('sys_user', r.caller_id as string);
    const name = caller(incidents[0] as MockRecord)?.name as string;
    expect(select(`caller_id.name=${name}`)).toEqual(
      expected(incidents, (r) => caller(r)?.name === name),
    );
    const company = (r: MockRecord) => store.get('core_company', caller(r)?.company as string);
    expect(select('caller_id.company.nameSTARTSWITHACME')).toEqual(
      expected(incidents, (r) => (company(r)?.name ?? '').toLowerCase().startsWith('acme')),
    );
    const slas = all(store, 'task_sla');
    const task = (r: MockRecord) => store.get('task', r.task as string);
    expect(select('task.sys_class_name=incident_task', 'task_sla')).toEqual(
      expected(slas, (r) => task(r)?.sys_class_name === 'incident_task'),
    );
    expect(select('task.priority=1^task.active=true', 'task_sla')).toEqual(
      expected(slas, (r) => task(r)?.priority === '1' && task(r)?.active === 'true'),
    );
  });
});
