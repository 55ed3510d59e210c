/**
 * Journal fields in writes: a value written to `comments` or `work_notes` is not stored in the
 * record (raw `""`) but becomes a `sys_journal_field` entry, shown by the display value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServiceNow } from '../../src/mock/server/index.js';
import { getJson, q, startMock } from '../mock-server/helpers.js';
import { type RecordBody, writeJson } from './helpers.js';

const START = Date.UTC(2025, 0, 20, 12, 0, 0);
let clock = START;
let mock: MockServiceNow;

beforeAll(async () => {
  mock = await startMock({ now: () => clock });
});
afterAll(() => mock.close());

type Fields = Record<string, string>;

describe('journal fields written through the Table API', () => {
  it('become entries of sys_journal_field, newest first in the display value, raw stays empty', async () => {
    clock = START + 60_000;
    const { res, body } = await writeJson<RecordBody<Fields>>(
      mock,
      'POST',
      '/api/now/table/incident',
      { short_description: 'VPN down', comments: 'First seen at 9:00' },
    );
    expect(res.status).toBe(201);
    const sysId = body.result.sys_id!;
    expect(body.result.comments).toBe('');
    clock = START + 120_000;
    const patched = await writeJson<RecordBody<Fields>>(
      mock,
      'PATCH',
      `/api/now/table/incident/${sysId}`,
      { work_notes: 'Restarted the concentrator', comments_and_work_notes: 'ignored' },
    );
    expect(patched.res.status).toBe(200);
    const entries = await getJson<{ result: Fields[] }>(
      mock,
      `/api/now/table/sys_journal_field?sysparm_query=${q(`element_id=${sysId}^ORDERBYsys_created_on`)}`,
    );
    expect(entries.body.result.map((e) => [e.name, e.element, e.value])).toEqual([
      ['incident', 'comments', 'First seen at 9:00'],
      ['incident', 'work_notes', 'Restarted the concentrator'],
    ]);
    expect(entries.body.result.map((e) => e.sys_created_on)).toEqual([
      '2025-01-20 12:01:00',
      '2025-01-20 12:02:00',
    ]);
    const shown = await getJson<RecordBody<Fields>>(
      mock,
      `/api/now/table/incident/${sysId}?sysparm_display_value=true&sysparm_fields=comments,work_notes,comments_and_work_notes`,
    );
    expect(shown.body.result.comments).toMatch(
      /^2025-01-20 12:01:00 - .+ \(Additional comments\)\nFirst seen at 9:00\n\n$/,
    );
    expect(shown.body.result.comments_and_work_notes).toMatch(
      /^2025-01-20 12:02:00 - .+ \(Work notes\)\nRestarted the concentrator\n\n2025-01-20 12:01:00 - .+ \(Additional comments\)\nFirst seen at 9:00\n\n$/,
    );
    const raw = await getJson<RecordBody<Fields>>(
      mock,
      `/api/now/table/incident/${sysId}?sysparm_fields=comments,work_notes`,
    );
    expect(raw.body.result).toEqual({ comments: '', work_notes: '' });
  });
});
