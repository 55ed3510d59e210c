/**
 * Routes of the mock: Table API list/single (unversioned, v1, v2), HEAD, errors, Stats API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServiceNow } from '../../src/mock/server/index.js';
import { call, getJson, insertIncident, q, startMock } from './helpers.js';

type ErrorBody = { error: { message: string; detail: string | null }; status: string };
type ListBody = { result: Record<string, unknown>[] };

let mock: MockServiceNow;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

describe('Table API list', () => {
  it('answers on the unversioned, v1 and v2 paths with the JSON headers of a real instance', async () => {
    const count = mock.data.count('sys_user_group');
    expect(count).toBeGreaterThan(2);
    for (const prefix of ['/api/now', '/api/now/v1', '/api/now/v2']) {
      const { res, body } = await getJson<ListBody>(
        mock,
        `${prefix}/table/sys_user_group?sysparm_limit=2`,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
      expect(res.headers.get('x-total-count')).toBe(String(count));
      expect(res.headers.get('x-transaction-id')).toMatch(/^[0-9a-f]{12}$/);
      expect(res.headers.get('server-timing')).toMatch(/sem_wait;dur=\d+, sesh_wait;dur=\d+/);
      expect(body.result).toHaveLength(2);
      for (const row of body.result) {
        for (const value of Object.values(row)) {
          expect(typeof value === 'string' || (typeof value === 'object' && value !== null)).toBe(
            true,
          );
        }
      }
    }
  });

  it('answers 404 on v1 for a valid query without rows, [] on v2 and unversioned', async () => {
    const query = `?sysparm_query=${q('number=NOSUCH0000001')}`;
    const v1 = await getJson<ErrorBody>(mock, `/api/now/v1/table/incident${query}`);
    expect(v1.res.status).toBe(404);
    expect(v1.body).toEqual({
      error: {
        message: 'No Record found',
        detail: "Record doesn't exist or ACL restricts the record retrieval",
      },
      status: 'failure',
    });
    for (const prefix of ['/api/now', '/api/now/v2']) {
      const { res, body } = await getJson<ListBody>(mock, `${prefix}/table/incident${query}`);
      expect(res.status).toBe(200);
      expect(body).toEqual({ result: [] });
      expect(res.headers.get('x-total-count')).toBe('0');
    }
  });

  it('defaults sysparm_limit to 10000', async () => {
    const { body } = await getJson<ListBody>(mock, '/api/now/table/sys_user');
    expect(body.result).toHaveLength(Math.min(10_000, mock.data.count('sys_user')));
  });

  it('answers HEAD with the GET status and headers and no body', async () => {
    const res = await call(mock, '/api/now/table/sys_user_group?sysparm_limit=1', {
      method: 'HEAD',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe(String(mock.data.count('sys_user_group')));
    expect(await res.text()).toBe('');
  });
});

describe('Table API single record', () => {
  it('returns the record as an object', async () => {
    const row = insertIncident(mock, { short_description: 'single record fixture' });
    const { res, body } = await getJson<{ result: Record<string, unknown> }>(
      mock,
      `/api/now/table/incident/${row.sys_id}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBeNull();
    expect(res.headers.get('link')).toBeNull();
    expect(Array.isArray(body.result)).toBe(false);
    expect(body.result.sys_id).toBe(row.sys_id);
    expect(body.result.short_description).toBe('single record fixture');
  });

  it('answers 404 No Record found for a missing sys_id', async () => {
    const { res, body } = await getJson<ErrorBody>(
      mock,
      '/api/now/v2/table/incident/0123456789abcdef0123456789abcdef',
    );
    expect(res.status).toBe(404);
    expect(body.error.message).toBe('No Record found');
    expect(body.status).toBe('failure');
  });
});

describe('errors', () => {
  it('answers 400 Invalid table for an unknown table', async () => {
    for (const path of [
      '/api/now/table/no_such_table',
      '/api/now/v2/table/no_such_table/0123456789abcdef0123456789abcdef',
      '/api/now/stats/no_such_table?sysparm_count=true',
    ]) {
      const { res, body } = await getJson<ErrorBody>(mock, path);
      expect(res.status).toBe(400);
      expect(body).toEqual({
        error: { message: 'Invalid table no_such_table', detail: null },
        status: 'failure',
      });
    }
  });

  it('answers 400 for a URI no API serves', async () => {
    const { res, body } = await getJson<ErrorBody>(mock, '/api/now/nothing/here');
    expect(res.status).toBe(400);
    expect(body.error.message).toBe('Requested URI does not represent any resource');
  });

  it('answers 406 when Accept allows no JSON, and accepts */*', async () => {
    const xml = await call(mock, '/api/now/table/sys_user_group', {
      headers: { Accept: 'text/html' },
    });
    expect(xml.status).toBe(406);
    expect(((await xml.json()) as ErrorBody).status).toBe('failure');
    const any = await call(mock, '/api/now/table/sys_user_group?sysparm_limit=1', {
      headers: { Accept: '*/*' },
    });
    expect(any.status).toBe(200);
  });

  it('answers 405 to writes on the Stats API (Table API writes: test/mock-writes)', async () => {
    const res = await call(mock, '/api/now/stats/incident', { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
  });
});

describe('Stats API', () => {
  it('answers an object with the count when there is no group_by', async () => {
    const { res, body } = await getJson<{ result: { stats: { count: string } } }>(
      mock,
      '/api/now/stats/incident?sysparm_count=true',
    );
    expect(res.status).toBe(200);
    expect(body.result.stats.count).toBe(String(mock.data.count('incident')));
  });

  it('computes min, max, avg and sum over the filtered rows', async () => {
    const values = ['3', '10', '2', '7'];
    for (const value of values) {
      insertIncident(mock, { short_description: 'stats fixture', reassignment_count: value });
    }
    const query = q('short_description=stats fixture');
    const { body } = await getJson<{ result: { stats: Record<string, unknown> } }>(
      mock,
      `/api/now/stats/incident?sysparm_query=${query}&sysparm_count=true` +
        '&sysparm_min_fields=reassignment_count&sysparm_max_fields=reassignment_count' +
        '&sysparm_avg_fields=reassignment_count&sysparm_sum_fields=reassignment_count',
    );
    expect(body.result.stats).toEqual({
      count: '4',
      min: { reassignment_count: '2' },
      max: { reassignment_count: '10' },
      avg: { reassignment_count: '5.5000' },
      sum: { reassignment_count: '22' },
    });
  });

  it('answers an array of groups with group_by, agreeing with the Table API counts', async () => {
    const { body } = await getJson<{
      result: { stats: { count: string }; groupby_fields: { field: string; value: string }[] }[];
    }>(mock, '/api/now/stats/incident?sysparm_count=true&sysparm_group_by=state');
    expect(Array.isArray(body.result)).toBe(true);
    expect(body.result.length).toBeGreaterThan(0);
    let total = 0;
    for (const group of body.result) {
      expect(group.groupby_fields).toHaveLength(1);
      const { field, value } = group.groupby_fields[0]!;
      expect(field).toBe('state');
      total += Number(group.stats.count);
      const query = value === '' ? 'stateISEMPTY' : `state=${value}`;
      const list = await call(
        mock,
        `/api/now/table/incident?sysparm_limit=1&sysparm_query=${q(query)}`,
      );
      expect(list.headers.get('x-total-count')).toBe(group.stats.count);
    }
    expect(total).toBe(mock.data.count('incident'));
  });

  it('groups by display values with sysparm_display_value', async () => {
    const labels = mock.data.schema('incident')?.fields.find((f) => f.name === 'state')?.choices;
    expect(labels).toBeDefined();
    const url = '/api/now/stats/incident?sysparm_count=true&sysparm_group_by=state';
    const shown = await getJson<{ result: { groupby_fields: { value: string }[] }[] }>(
      mock,
      `${url}&sysparm_display_value=true`,
    );
    const both = await getJson<{
      result: { groupby_fields: { value: string; display_value: string }[] }[];
    }>(mock, `${url}&sysparm_display_value=all`);
    for (const [index, entry] of both.body.result.entries()) {
      const { value, display_value } = entry.groupby_fields[0]!;
      expect(display_value).toBe(labels![value] ?? value);
      expect(shown.body.result[index]!.groupby_fields[0]!.value).toBe(display_value);
    }
  });
});
