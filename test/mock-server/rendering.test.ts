/**
 * Value shapes: sysparm_display_value false/true/all, references and exclude_reference_link,
 * display formats in the user's time zone, sysparm_fields with dot-walking, filters, gzip.
 */
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServiceNow } from '../../src/mock/server/index.js';
import type { MockRecord } from '../../src/mock/types.js';
import { basicAuth, getJson, insertIncident, q, startMock } from './helpers.js';

type Row = Record<string, unknown>;

let mock: MockServiceNow;
let caller: MockRecord;
let company: MockRecord;
let incident: MockRecord;

beforeAll(async () => {
  // The SWIM recording's user was on UTC-8 in December.
  mock = await startMock({ timeZone: 'America/Los_Angeles' });
  company = mock.data.insert('core_company', { name: 'ACME North America' });
  caller = mock.data.insert('sys_user', {
    name: 'Joe Employee',
    user_name: 'joe.employee',
    company: company.sys_id!,
  });
  // INC0000060 of the demo data, as recorded (servicenow-api.md 2.3).
  incident = insertIncident(mock, {
    number: 'INC9000060',
    short_description: 'Unable to connect to email',
    state: '7',
    priority: '3',
    active: 'false',
    opened_at: '2016-12-12 15:19:57',
    business_duration: '1970-01-01 08:00:00',
    business_stc: '28800',
    calendar_duration: '1970-01-02 04:23:17',
    calendar_stc: '102197',
    sla_due: '',
    caller_id: caller.sys_id!,
    company: company.sys_id!,
    assigned_to: '',
    sys_domain: 'global',
    sys_class_name: 'incident',
  });
});
afterAll(() => mock.close());

async function record(params: string, prefix = '/api/now/table'): Promise<Row> {
  const { res, body } = await getJson<{ result: Row }>(
    mock,
    `${prefix}/incident/${incident.sys_id}?${params}`,
  );
  expect(res.status).toBe(200);
  return body.result;
}

describe('sysparm_display_value', () => {
  it('false (default): raw UTC values and {link, value} references', async () => {
    const row = await record('');
    const callerLink = `${mock.url}/api/now/table/sys_user/${caller.sys_id}`;
    expect(row.opened_at).toBe('2016-12-12 15:19:57');
    expect(row.calendar_stc).toBe('102197');
    expect(row.calendar_duration).toBe('1970-01-02 04:23:17');
    expect(row.state).toBe('7');
    expect(row.sla_due).toBe('');
    expect(row.comments).toBe('');
    expect(row.caller_id).toEqual({ link: callerLink, value: caller.sys_id });
    expect(row.assigned_to).toBe('');
    expect(row.sys_domain).toEqual({
      link: `${mock.url}/api/now/table/sys_user_group/global`,
      value: 'global',
    });
    expect(row.sys_class_name).toBe('incident');
  });

  it('echoes the requested API version in reference links', async () => {
    const row = await record('', '/api/now/v2/table');
    expect((row.caller_id as Row).link).toBe(
      `${mock.url}/api/now/v2/table/sys_user/${caller.sys_id}`,
    );
  });

  it('true: user time zone, grouped integers, durations in words, labels', async () => {
    const row = await record('sysparm_display_value=true');
    expect(row.opened_at).toBe('2016-12-12 07:19:57');
    expect(row.calendar_stc).toBe('102,197');
    expect(row.business_stc).toBe('28,800');
    expect(row.calendar_duration).toBe('1 Day 4 Hours 23 Minutes');
    expect(row.business_duration).toBe('8 Hours');
    expect(row.sla_due).toBe('UNKNOWN');
    expect(row.state).toBe('Closed');
    expect(row.priority).toBe('3 - Moderate');
    expect(row.sys_class_name).toBe('Incident');
    expect(row.active).toBe('false');
    expect(row.caller_id).toEqual({
      display_value: 'Joe Employee',
      link: `${mock.url}/api/now/table/sys_user/${caller.sys_id}`,
    });
    expect(row.assigned_to).toBe('');
    expect(row.sys_domain).toEqual({
      display_value: 'global',
      link: `${mock.url}/api/now/table/sys_user_group/global`,
    });
  });

  it('all: {display_value, value} pairs and full reference objects', async () => {
    const row = await record('sysparm_display_value=all');
    expect(row.state).toEqual({ display_value: 'Closed', value: '7' });
    expect(row.opened_at).toEqual({
      display_value: '2016-12-12 07:19:57',
      value: '2016-12-12 15:19:57',
    });
    expect(row.calendar_stc).toEqual({ display_value: '102,197', value: '102197' });
    expect(row.caller_id).toEqual({
      display_value: 'Joe Employee',
      link: `${mock.url}/api/now/table/sys_user/${caller.sys_id}`,
      value: caller.sys_id,
    });
    expect(row.assigned_to).toEqual({ display_value: '', value: '' });
  });

  it('is read in the time zone of the user who asks', async () => {
    const tokyo = await startMock({
      users: [
        { username: 'tokyo', password: 'pw-tokyo-1', timeZone: 'Asia/Tokyo' },
        { username: 'utc', password: 'pw-utc-1' },
      ],
      data: mock.data,
    });
    try {
      const path = `${tokyo.url}/api/now/table/incident/${incident.sys_id}?sysparm_display_value=true&sysparm_fields=opened_at`;
      const as = async (user: string, password: string) => {
        const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
        const res = await fetch(path, { headers: { Authorization: auth } });
        return ((await res.json()) as { result: Row }).result.opened_at;
      };
      expect(await as('tokyo', 'pw-tokyo-1')).toBe('2016-12-13 00:19:57');
      expect(await as('utc', 'pw-utc-1')).toBe('2016-12-12 15:19:57');
    } finally {
      await tokyo.close();
    }
  });
});

describe('sysparm_exclude_reference_link', () => {
  it('drops link: plain sys_id, plain display value, or {display_value, value}', async () => {
    const flag = 'sysparm_exclude_reference_link=true&sysparm_fields=caller_id,assigned_to';
    expect(await record(`${flag}&sysparm_display_value=false`)).toEqual({
      caller_id: caller.sys_id,
      assigned_to: '',
    });
    expect(await record(`${flag}&sysparm_display_value=true`)).toEqual({
      caller_id: 'Joe Employee',
      assigned_to: '',
    });
    expect(await record(`${flag}&sysparm_display_value=all`)).toEqual({
      caller_id: { display_value: 'Joe Employee', value: caller.sys_id },
      assigned_to: { display_value: '', value: '' },
    });
  });
});

describe('sysparm_fields', () => {
  it('returns the named fields only, ignores unknown names, dot-walks into flat keys', async () => {
    const row = await record(
      'sysparm_fields=number,no_such_field,caller_id.name,caller_id.company,caller_id.company.name,number.bogus',
    );
    expect(Object.keys(row).sort()).toEqual(
      ['caller_id.company', 'caller_id.company.name', 'caller_id.name', 'number'].sort(),
    );
    expect(row.number).toBe('INC9000060');
    expect(row['caller_id.name']).toBe('Joe Employee');
    expect(row['caller_id.company']).toEqual({
      link: `${mock.url}/api/now/table/core_company/${company.sys_id}`,
      value: company.sys_id,
    });
    expect(row['caller_id.company.name']).toBe('ACME North America');
  });

  it('applies the display mode to dot-walked values', async () => {
    const row = await record('sysparm_display_value=all&sysparm_fields=caller_id.name');
    expect(row).toEqual({
      'caller_id.name': { display_value: 'Joe Employee', value: 'Joe Employee' },
    });
  });
});

describe('filters', () => {
  it('drops an invalid term of sysparm_query instead of failing', async () => {
    const { res, body } = await getJson<{ result: Row[] }>(
      mock,
      `/api/now/table/incident?sysparm_fields=number&sysparm_query=${q('number=INC9000060^Orbogus')}`,
    );
    expect(res.status).toBe(200);
    expect(body.result).toEqual([{ number: 'INC9000060' }]);
  });

  it('ignores an unknown field in the query (whole table), or 403s with strictQueryFields', async () => {
    const query = `sysparm_limit=1&sysparm_query=${q('no_such_field=1')}`;
    const loose = await getJson(mock, `/api/now/table/incident?${query}`);
    expect(loose.res.headers.get('x-total-count')).toBe(String(mock.data.count('incident')));
    const strict = await startMock({ data: mock.data, strictQueryFields: true });
    try {
      const { res, body } = await getJson<{ error: { message: string } }>(
        strict,
        `/api/now/table/incident?${query}`,
      );
      expect(res.status).toBe(403);
      expect(body.error.message).toBe('Insufficient rights to query records');
    } finally {
      await strict.close();
    }
  });

  it('accepts name-value pairs (choice labels too) and ignores unknown keys', async () => {
    const byNumber = await getJson<{ result: Row[] }>(
      mock,
      '/api/now/table/incident?number=INC9000060&sysparm_fields=number',
    );
    expect(byNumber.body.result).toEqual([{ number: 'INC9000060' }]);
    const byLabel = await getJson<{ result: Row[] }>(
      mock,
      '/api/now/table/incident?number=INC9000060&state=closed&sysparm_fields=number',
    );
    expect(byLabel.body.result).toEqual([{ number: 'INC9000060' }]);
    const unknown = await getJson(
      mock,
      `/api/now/table/incident?sysparm_limit=1&query=${q('number=INC9000060')}`,
    );
    expect(unknown.res.headers.get('x-total-count')).toBe(String(mock.data.count('incident')));
  });
});

describe('gzip', () => {
  it('compresses when the client accepts gzip', async () => {
    const url = new URL(
      `${mock.url}/api/now/table/incident/${incident.sys_id}?sysparm_fields=number`,
    );
    const { headers, body } = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        const req = request(
          url,
          {
            headers: {
              Accept: 'application/json',
              'Accept-Encoding': 'gzip',
              Authorization: basicAuth(mock),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(body).toString('utf8'))).toEqual({
      result: { number: 'INC9000060' },
    });
  });
});
