/**
 * Table API writes: POST/PUT/PATCH/DELETE answers, the record rendered as the API renders it,
 * system fields maintained, and the effect on later reads (single, list, stats, incremental
 * by sys_updated_on) and on sys_audit_delete.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockServiceNow } from '../../src/mock/server/index.js';
import { call, getJson, q, startMock } from '../mock-server/helpers.js';
import { type ErrorBody, type RecordBody, write, writeJson } from './helpers.js';

const START = Date.UTC(2025, 0, 20, 12, 0, 0);
let clock = START;
let mock: MockServiceNow;
let USER = '';

beforeAll(async () => {
  mock = await startMock({ now: () => clock });
  USER = mock.credentials.username;
});
afterEach(() => mock.setFaults({}));
afterAll(() => mock.close());

type Incident = Record<string, string>;

function firstUser(): Record<string, string> {
  const [user] = mock.data.select('sys_user', { groups: [], orderBy: [] }, { limit: 1 }).rows;
  return user!;
}

async function statsCount(table: string, query = ''): Promise<number> {
  const { body } = await getJson<{ result: { stats: { count: string } } }>(
    mock,
    `/api/now/stats/${table}?sysparm_count=true${query === '' ? '' : `&sysparm_query=${q(query)}`}`,
  );
  return Number(body.result.stats.count);
}

describe('POST', () => {
  it('answers 201 with the created record, Location, and the stamps of the user', async () => {
    clock = START + 60_000;
    const before = await statsCount('incident');
    const { res, body } = await writeJson<RecordBody<Incident>>(
      mock,
      'POST',
      '/api/now/table/incident',
      { short_description: 'Printer on fire', impact: 1, active: true, description: null },
    );
    expect(res.status).toBe(201);
    const created = body.result;
    expect(created.sys_id).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.get('location')).toBe(
      `${mock.url}/api/now/table/incident/${created.sys_id}`,
    );
    expect(created).toMatchObject({
      short_description: 'Printer on fire',
      impact: '1',
      active: 'true',
      description: '',
      sys_created_by: USER,
      sys_updated_by: USER,
      sys_created_on: '2025-01-20 12:01:00',
      sys_updated_on: '2025-01-20 12:01:00',
      sys_mod_count: '0',
      sys_class_name: 'incident',
    });
    expect(created.number).toMatch(/^INC\d+$/);
    // Later reads see it: single GET, a filtered list, the Stats API.
    const single = await getJson<RecordBody<Incident>>(
      mock,
      `/api/now/table/incident/${created.sys_id}`,
    );
    expect(single.body.result).toEqual(created);
    const list = await getJson<{ result: Incident[] }>(
      mock,
      `/api/now/table/incident?sysparm_query=${q('short_description=Printer on fire')}&sysparm_fields=sys_id`,
    );
    expect(list.body.result).toEqual([{ sys_id: created.sys_id }]);
    expect(await statsCount('incident')).toBe(before + 1);
  });

  it('keeps a sys_id given in the body, ignores system fields and unknown fields', async () => {
    const sysId = 'a'.repeat(32);
    const { res, body } = await writeJson<RecordBody<Incident>>(
      mock,
      'POST',
      '/api/now/table/incident?sysparm_fields=sys_id,sys_created_by,sys_mod_count,u_nothing',
      { sys_id: sysId, sys_created_by: 'mallory', sys_mod_count: '41', u_nothing: 'x' },
    );
    expect(res.status).toBe(201);
    expect(body.result).toEqual({
      sys_id: sysId,
      sys_created_by: USER,
      sys_mod_count: '0',
    });
    const again = await writeJson<ErrorBody>(mock, 'POST', '/api/now/table/incident', {
      sys_id: sysId,
    });
    expect(again.res.status).toBe(403);
    expect(again.body.error.message).toBe('Operation Failed');
  });

  it('honours sysparm_fields, sysparm_display_value and sysparm_exclude_reference_link', async () => {
    const user = firstUser();
    const fields = 'sysparm_fields=caller_id,impact,caller_id.user_name';
    const plain = await writeJson<RecordBody>(
      mock,
      'POST',
      `/api/now/v2/table/incident?${fields}`,
      { caller_id: user.sys_id, impact: '2' },
    );
    expect(plain.body.result).toEqual({
      caller_id: {
        link: `${mock.url}/api/now/v2/table/sys_user/${user.sys_id}`,
        value: user.sys_id,
      },
      impact: '2',
      'caller_id.user_name': user.user_name,
    });
    const all = await writeJson<RecordBody>(
      mock,
      'POST',
      `/api/now/table/incident?${fields}&sysparm_display_value=all&sysparm_exclude_reference_link=true`,
      { caller_id: { value: user.sys_id }, impact: '2' },
    );
    expect(all.body.result).toEqual({
      caller_id: { display_value: user.name, value: user.sys_id },
      impact: { display_value: '2 - Medium', value: '2' },
      'caller_id.user_name': { display_value: user.user_name, value: user.user_name },
    });
  });
});

describe('PUT and PATCH', () => {
  it('answer 200 with the record; sys_updated_on, sys_mod_count, sys_updated_by maintained', async () => {
    clock = START + 120_000;
    const created = mock.data.insert('incident', { short_description: 'before' });
    clock = START + 180_000;
    const patched = await writeJson<RecordBody<Incident>>(
      mock,
      'PATCH',
      `/api/now/table/incident/${created.sys_id}`,
      { short_description: 'after', sys_updated_on: '2000-01-01 00:00:00', sys_id: 'b'.repeat(32) },
    );
    expect(patched.res.status).toBe(200);
    expect(patched.body.result).toMatchObject({
      sys_id: created.sys_id,
      short_description: 'after',
      sys_updated_on: '2025-01-20 12:03:00',
      sys_updated_by: USER,
      sys_created_by: 'admin',
      sys_mod_count: '1',
    });
    clock = START + 240_000;
    const put = await writeJson<RecordBody<Incident>>(
      mock,
      'PUT',
      `/api/now/v1/table/incident/${created.sys_id}?sysparm_fields=short_description,sys_mod_count`,
      { short_description: 'put' },
    );
    expect(put.res.status).toBe(200);
    expect(put.body.result).toEqual({ short_description: 'put', sys_mod_count: '2' });
    // An incremental read by sys_updated_on sees the update, not the older rows.
    const since = await getJson<{ result: Incident[] }>(
      mock,
      `/api/now/table/incident?sysparm_query=${q('sys_updated_on>=2025-01-20 12:04:00')}&sysparm_fields=sys_id,short_description`,
    );
    expect(since.body.result).toEqual([{ sys_id: created.sys_id, short_description: 'put' }]);
  });

  it('updates a record through a table it extends (task)', async () => {
    const created = mock.data.insert('incident', { short_description: 'via task' });
    const { res, body } = await writeJson<RecordBody<Incident>>(
      mock,
      'PATCH',
      `/api/now/table/task/${created.sys_id}?sysparm_fields=short_description,sys_class_name`,
      { short_description: 'changed via task' },
    );
    expect(res.status).toBe(200);
    expect(body.result).toEqual({
      short_description: 'changed via task',
      sys_class_name: 'incident',
    });
    expect(mock.data.get('incident', created.sys_id!)?.short_description).toBe('changed via task');
  });
});

describe('DELETE', () => {
  it('answers 204 without a body; the row is gone and recorded in sys_audit_delete', async () => {
    clock = START + 300_000;
    const created = mock.data.insert('incident', { short_description: 'to delete' });
    const before = await statsCount('incident');
    const res = await write(mock, 'DELETE', `/api/now/table/incident/${created.sys_id}`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect((await call(mock, `/api/now/table/incident/${created.sys_id}`)).status).toBe(404);
    expect(await statsCount('incident')).toBe(before - 1);
    const audit = await getJson<{ result: Record<string, string>[] }>(
      mock,
      `/api/now/table/sys_audit_delete?sysparm_query=${q(`documentkey=${created.sys_id}`)}&sysparm_fields=tablename,documentkey,display_value,sys_created_on`,
    );
    expect(audit.body.result).toEqual([
      {
        tablename: 'incident',
        documentkey: created.sys_id,
        display_value: created.number,
        sys_created_on: '2025-01-20 12:05:00',
      },
    ]);
    expect((await write(mock, 'DELETE', `/api/now/table/incident/${created.sys_id}`)).status).toBe(
      404,
    );
  });
});

describe('refusals', () => {
  it('404 for an unknown sys_id, 400 for an unknown table', async () => {
    const missing = 'f'.repeat(32);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const { res, body } = await writeJson<ErrorBody>(
        mock,
        method,
        `/api/now/table/incident/${missing}`,
        method === 'DELETE' ? undefined : { short_description: 'x' },
      );
      expect(res.status).toBe(404);
      expect(body.error.message).toBe('No Record found');
    }
    const { res, body } = await writeJson<ErrorBody>(mock, 'POST', '/api/now/table/u_nope', {});
    expect(res.status).toBe(400);
    expect(body).toEqual({
      error: { message: 'Invalid table u_nope', detail: null },
      status: 'failure',
    });
  });

  it('400 for a body that is not a JSON object, and nothing is written', async () => {
    const before = mock.data.count('incident');
    for (const text of [
      '',
      'not json',
      '[{"short_description":"a"}]',
      '"text"',
      '{"impact":[1]}',
    ]) {
      const { res, body } = await writeJson<ErrorBody>(
        mock,
        'POST',
        '/api/now/table/incident',
        text,
      );
      expect(res.status, text).toBe(400);
      expect(body.error.message).toBe('Exception while reading request');
    }
    expect(mock.data.count('incident')).toBe(before);
  });

  it('405 for POST to a record and for PUT/PATCH/DELETE without one; writes on Stats', async () => {
    const sysId = mock.data.insert('incident', {}).sys_id!;
    expect((await write(mock, 'POST', `/api/now/table/incident/${sysId}`, {})).status).toBe(405);
    expect((await write(mock, 'PATCH', '/api/now/table/incident', {})).status).toBe(405);
    expect((await write(mock, 'DELETE', '/api/now/table/incident')).status).toBe(405);
    expect((await write(mock, 'POST', '/api/now/stats/incident', {})).status).toBe(405);
  });

  it('refuses the write parameters it does not implement instead of ignoring them', async () => {
    const { res, body } = await writeJson<ErrorBody>(
      mock,
      'POST',
      '/api/now/table/incident?sysparm_input_display_value=true',
      { opened_at: '20.01.2025 13:00:00' },
    );
    expect(res.status).toBe(400);
    expect(body.error.message).toBe('The mock does not support sysparm_input_display_value=true');
  });

  it('logs writes with method and status', async () => {
    mock.clearRequests();
    await write(mock, 'POST', '/api/now/table/incident', { short_description: 'logged' });
    expect(mock.requests.map((r) => [r.method, r.path, r.table, r.status, r.user])).toEqual([
      ['POST', '/api/now/table/incident', 'incident', 201, USER],
    ]);
  });
});

describe('readOnly fault', () => {
  it('answers 403 Operation Failed, worded per method, and changes nothing', async () => {
    const existing = mock.data.insert('incident', { short_description: 'kept' });
    const count = mock.data.count('incident');
    mock.setFaults({ readOnly: true });
    const cases = [
      ['POST', '/api/now/table/incident', 'Insert'],
      ['PUT', `/api/now/table/incident/${existing.sys_id}`, 'Update'],
      ['PATCH', `/api/now/table/incident/${existing.sys_id}`, 'Update'],
      ['DELETE', `/api/now/table/incident/${existing.sys_id}`, 'Delete'],
    ] as const;
    for (const [method, path, operation] of cases) {
      const { res, body } = await writeJson<ErrorBody>(mock, method, path, {
        short_description: 'changed',
      });
      expect(res.status).toBe(403);
      expect(body).toEqual({
        error: {
          message: 'Operation Failed',
          detail: `ACL Exception ${operation} Failed due to security constraints`,
        },
        status: 'failure',
      });
    }
    expect(mock.requests.at(-1)?.fault).toBe('readOnly');
    expect(mock.data.count('incident')).toBe(count);
    expect(mock.data.get('incident', existing.sys_id!)?.short_description).toBe('kept');
    // Reads still work.
    expect((await call(mock, `/api/now/table/incident/${existing.sys_id}`)).status).toBe(200);
  });

  it('can be scoped to tables', async () => {
    mock.setFaults({ readOnly: { table: ['sys_user'] } });
    expect((await write(mock, 'POST', '/api/now/table/sys_user', { user_name: 'x' })).status).toBe(
      403,
    );
    expect((await write(mock, 'POST', '/api/now/table/incident', {})).status).toBe(201);
  });
});
