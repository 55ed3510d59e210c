/**
 * The display value of journal fields: the record's sys_journal_field entries, newest first,
 * `YYYY-MM-DD HH:MM:SS - <name> (<label>)\n<text>\n\n`, times in the integration user's zone;
 * the raw value stays ''.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServiceNow } from '../../src/mock/server/index.js';
import type { MockRecord } from '../../src/mock/types.js';
import { parseQuery } from '../../src/query/index.js';
import { getJson, insertIncident, startMock } from '../mock-server/helpers.js';

type Row = Record<string, unknown>;

let mock: MockServiceNow;
let incident: MockRecord;

function addEntry(element: string, on: string, by: string, value: string): void {
  mock.data.insert('sys_journal_field', {
    element,
    element_id: incident.sys_id!,
    name: 'incident',
    value,
    sys_created_on: on,
    sys_created_by: by,
  });
}

beforeAll(async () => {
  mock = await startMock({ timeZone: 'America/New_York' });
  mock.data.insert('sys_user', { user_name: 'beth.anglin', name: 'Beth Anglin' });
  incident = insertIncident(mock, { number: 'INC9000001', short_description: 'Journal test' });
  addEntry('work_notes', '2026-01-15 15:00:00', 'beth.anglin', 'Winter note'); // EST: -5 h
  addEntry('comments', '2026-07-15 15:00:00', 'beth.anglin', 'Summer comment'); // EDT: -4 h
  addEntry('work_notes', '2026-07-20 03:30:00', 'no.such.user', 'Line 1\nLine 2');
});
afterAll(() => mock.close());

const path = () => `/api/now/table/incident/${incident.sys_id}`;
const JOURNALS = 'sysparm_fields=comments,work_notes,comments_and_work_notes';

describe('journal fields', () => {
  it('show their entries newest first in the user time zone with display_value=true', async () => {
    const { body } = await getJson<{ result: Row }>(
      mock,
      `${path()}?${JOURNALS}&sysparm_display_value=true`,
    );
    const winter = '2026-01-15 10:00:00 - Beth Anglin (Work notes)\nWinter note\n\n';
    const summer = '2026-07-15 11:00:00 - Beth Anglin (Additional comments)\nSummer comment\n\n';
    // An author without a sys_user row shows as the login.
    const night = '2026-07-19 23:30:00 - no.such.user (Work notes)\nLine 1\nLine 2\n\n';
    expect(body.result).toEqual({
      comments: summer,
      work_notes: night + winter,
      comments_and_work_notes: night + summer + winter,
    });
  });

  it('keep the raw value empty', async () => {
    const raw = await getJson<{ result: Row }>(mock, `${path()}?${JOURNALS}`);
    expect(raw.body.result).toEqual({ comments: '', work_notes: '', comments_and_work_notes: '' });
    const all = await getJson<{ result: Row }>(
      mock,
      `${path()}?sysparm_fields=comments&sysparm_display_value=all`,
    );
    expect(all.body.result.comments).toEqual({
      display_value: '2026-07-15 11:00:00 - Beth Anglin (Additional comments)\nSummer comment\n\n',
      value: '',
    });
  });

  it('show the zone of the user who asks (UTC for a second user)', async () => {
    await using utc = await startMock({
      timeZone: 'America/New_York',
      users: [{ username: 'utc.reader', password: 'pw', timeZone: 'UTC' }],
    });
    const entry = [...utc.data.rows('sys_journal_field')][0]!;
    const auth = `Basic ${Buffer.from('utc.reader:pw').toString('base64')}`;
    const res = await fetch(
      `${utc.url}/api/now/table/${entry.name}/${entry.element_id}?sysparm_fields=${entry.element}&sysparm_display_value=true`,
      { headers: { Accept: 'application/json', Authorization: auth } },
    );
    const text = ((await res.json()) as { result: Row }).result[entry.element!] as string;
    expect(text).toContain(`${entry.sys_created_on} - `);
  });

  it('render the same on a list page (one prefetch) as record by record', async () => {
    const { body } = await getJson<{ result: Row[] }>(
      mock,
      '/api/now/table/incident?sysparm_limit=40&sysparm_display_value=true&sysparm_query=ORDERBYnumber',
    );
    const withEntries = body.result.filter((row) => row.comments_and_work_notes !== '');
    expect(withEntries.length).toBeGreaterThan(5);
    for (const row of body.result.slice(0, 15)) {
      const one = await getJson<{ result: Row }>(
        mock,
        `/api/now/table/incident/${row.sys_id}?sysparm_display_value=true`,
      );
      expect(one.body.result.comments).toBe(row.comments);
      expect(one.body.result.work_notes).toBe(row.work_notes);
      expect(one.body.result.comments_and_work_notes).toBe(row.comments_and_work_notes);
    }
  });

  it('match the generated rows of a record', async () => {
    const entry = [...mock.data.rows('sys_journal_field')].find((r) => r.name === 'incident_task')!;
    const entries = mock.data.select(
      'sys_journal_field',
      parseQuery(`element_id=${entry.element_id}^ORDERBYDESCsys_created_on`),
    ).rows;
    const { body } = await getJson<{ result: Row }>(
      mock,
      `/api/now/table/task/${entry.element_id}?sysparm_fields=comments_and_work_notes&sysparm_display_value=true`,
    );
    const text = body.result.comments_and_work_notes as string;
    expect(text.endsWith('\n\n')).toBe(true);
    const headers = text.match(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - .+ \((Additional comments|Work notes)\)$/gm,
    );
    expect(headers).toHaveLength(entries.length);
    for (const [k, e] of entries.entries()) {
      expect(headers![k]).toContain(
        e.element === 'comments' ? '(Additional comments)' : '(Work notes)',
      );
    }
  });
});
