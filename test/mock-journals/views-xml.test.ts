/**
 * sysparm_view (the fields of a UI view; sysparm_fields wins) and Accept: application/xml (the
 * XML form of list, single and error answers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockSchema } from '../../src/mock/data/index.js';
import type { MockServiceNow } from '../../src/mock/server/index.js';
import { MOCK_UI_VIEWS } from '../../src/mock/server/ui-views.js';
import { call, getJson, insertIncident, startMock } from '../mock-server/helpers.js';

type Row = Record<string, unknown>;

let mock: MockServiceNow;

beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const keysOf = async (query: string) => {
  const { body } = await getJson<{ result: Row[] }>(mock, `/api/now/table/${query}`);
  expect(body.result.length).toBeGreaterThan(0);
  return Object.keys(body.result[0]!);
};

describe('sysparm_view', () => {
  it('names only fields the table has', () => {
    for (const [table, views] of Object.entries(MOCK_UI_VIEWS)) {
      const names = new Set(mockSchema(table)!.fields.map((f) => f.name));
      for (const name of [...views.desktop, ...views.mobile]) expect(names, table).toContain(name);
    }
  });

  it('picks the desktop, mobile or both fields', async () => {
    const views = MOCK_UI_VIEWS.incident!;
    expect(await keysOf('incident?sysparm_limit=2&sysparm_view=desktop')).toEqual(views.desktop);
    expect(await keysOf('incident?sysparm_limit=2&sysparm_view=mobile')).toEqual(views.mobile);
    const both = await keysOf('incident?sysparm_limit=2&sysparm_view=both');
    expect(both.slice(0, views.desktop.length)).toEqual(views.desktop);
    expect(new Set(both)).toEqual(new Set([...views.desktop, ...views.mobile]));
    expect(await keysOf('sys_journal_field?sysparm_limit=1&sysparm_view=Mobile')).toEqual(
      MOCK_UI_VIEWS.sys_journal_field!.mobile,
    );
  });

  it('gives way to sysparm_fields, and to every field for an unknown view or table', async () => {
    expect(
      await keysOf('incident?sysparm_limit=1&sysparm_view=mobile&sysparm_fields=number'),
    ).toEqual(['number']);
    const all = mockSchema('incident')!.fields.map((f) => f.name);
    expect(await keysOf('incident?sysparm_limit=1&sysparm_view=nosuchview')).toEqual(all);
    const links = mockSchema('cmdb_ci_network_link')!.fields.map((f) => f.name);
    expect(await keysOf('cmdb_ci_network_link?sysparm_limit=1&sysparm_view=mobile')).toEqual(links);
  });

  it('applies to a single-record GET', async () => {
    const incident = insertIncident(mock, { number: 'INC9100001', short_description: 'View' });
    const { body } = await getJson<{ result: Row }>(
      mock,
      `/api/now/table/incident/${incident.sys_id}?sysparm_view=mobile`,
    );
    expect(Object.keys(body.result)).toEqual(MOCK_UI_VIEWS.incident!.mobile);
    expect(body.result.number).toBe('INC9100001');
  });
});

const XML = { Accept: 'application/xml' };

describe('Accept: application/xml', () => {
  it('serves a list as <response> with one <result> per record, headers kept', async () => {
    const res = await call(
      mock,
      '/api/now/table/incident?sysparm_limit=3&sysparm_fields=number,caller_id&sysparm_query=ORDERBYnumber',
      { headers: XML },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml;charset=UTF-8');
    expect(Number(res.headers.get('x-total-count'))).toBeGreaterThan(3);
    const xml = await res.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><response><result>')).toBe(true);
    expect(xml.endsWith('</result></response>')).toBe(true);
    expect(xml.match(/<result>/g)).toHaveLength(3);
    const { body } = await getJson<{
      result: { number: string; caller_id: { link: string; value: string } }[];
    }>(
      mock,
      '/api/now/table/incident?sysparm_limit=3&sysparm_fields=number,caller_id&sysparm_query=ORDERBYnumber',
    );
    const first = body.result[0]!;
    expect(xml).toContain(
      `<result><number>${first.number}</number><caller_id><link>${first.caller_id.link}</link><value>${first.caller_id.value}</value></caller_id></result>`,
    );
  });

  it('serves a single record, display_value=all pairs, escapes text, drops XML-invalid characters', async () => {
    const incident = insertIncident(mock, {
      number: 'INC9100002',
      short_description: 'a < b & c > d\u0001',
      state: '7',
      description: '',
    });
    const res = await call(
      mock,
      `/api/now/table/incident/${incident.sys_id}?sysparm_fields=number,short_description,state,description&sysparm_display_value=all`,
      { headers: { Accept: 'text/xml' } },
    );
    expect(await res.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><response><result>' +
        '<number><display_value>INC9100002</display_value><value>INC9100002</value></number>' +
        '<short_description><display_value>a &lt; b &amp; c &gt; d</display_value><value>a &lt; b &amp; c &gt; d</value></short_description>' +
        '<state><display_value>Closed</display_value><value>7</value></state>' +
        '<description><display_value/><value/></description>' +
        '</result></response>',
    );
  });

  it('serves errors and empty lists in XML', async () => {
    const bad = await call(mock, '/api/now/table/no_such_table', { headers: XML });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><response><error><message>Invalid table no_such_table</message><detail/></error><status>failure</status></response>',
    );
    const empty = await call(mock, '/api/now/table/incident?sysparm_query=number=NONE', {
      headers: XML,
    });
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><response></response>');
  });

  it('follows the first served range of Accept, and refuses other types with 406', async () => {
    const json = await call(mock, '/api/now/table/sys_user_group?sysparm_limit=1', {
      headers: { Accept: 'application/json, application/xml' },
    });
    expect(json.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const xml = await call(mock, '/api/now/table/sys_user_group?sysparm_limit=1', {
      headers: { Accept: 'text/html, application/xml;q=0.9, */*;q=0.1' },
    });
    expect(xml.headers.get('content-type')).toBe('application/xml;charset=UTF-8');
    const refused = await call(mock, '/api/now/table/sys_user_group', {
      headers: { Accept: 'text/csv' },
    });
    expect(refused.status).toBe(406);
    expect(await refused.json()).toEqual({
      error: {
        message: 'Requested response format is not supported',
        detail: 'The Accept header must allow application/json or application/xml',
      },
      status: 'failure',
    });
  });

  it('serves the Stats API in XML too', async () => {
    const res = await call(mock, '/api/now/stats/incident?sysparm_count=true', { headers: XML });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><response><result><stats><count>\d+<\/count><\/stats><\/result><\/response>$/,
    );
  });
});
