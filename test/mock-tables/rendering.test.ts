/**
 * The new types over HTTP: raw values, display values (`true` and `all`), queries that compare
 * them, aggregates, and the base tables that now hold the schema-generated children.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServiceNow } from '../../src/mock/server/index.js';
import type { MockRecord } from '../../src/mock/types.js';
import { getJson, q, startMock } from '../mock-server/helpers.js';

type Row = Record<string, unknown>;
type Pair = { display_value: string; value: string };

let mock: MockServiceNow;
let review: MockRecord;

async function rows(path: string): Promise<Row[]> {
  const { res, body } = await getJson<{ result: Row[] }>(mock, path);
  expect(res.status, path).toBe(200);
  return body.result;
}

beforeAll(async () => {
  mock = await startMock();
  review = mock.data.insert('u_vendor_review', {
    u_number: 'VR9999999',
    u_amount: '1234.5',
    u_unit_price: '-3.00',
    u_bytes_transferred: '9007199254740991',
    u_weight: '1234.5678',
    u_start_time: '1970-01-01 08:30:15',
    u_document_table: 'incident',
    u_document: [...mock.data.rows('incident')][0]?.sys_id ?? '',
    u_related_class: 'change_request',
    u_comments: '',
    u_level: '2',
    u_status: 'approved',
    u_progress: '42.5',
    u_domain: 'global',
  });
});
afterAll(() => mock.close());

describe('raw and display values of the new types', () => {
  it('renders currency, price, longint, float, glide_time, document_id and class names', async () => {
    const path = `/api/now/table/u_vendor_review?sysparm_query=${q('u_number=VR9999999')}`;
    const [raw] = await rows(path);
    expect(raw).toMatchObject({
      u_amount: '1234.5',
      u_unit_price: '-3.00',
      u_bytes_transferred: '9007199254740991',
      u_start_time: '1970-01-01 08:30:15',
      u_document: review.u_document,
      u_comments: '',
      u_work_notes: '',
    });
    const [shown] = await rows(`${path}&sysparm_display_value=true`);
    const incident = mock.data.get('incident', review.u_document as string);
    expect(shown).toMatchObject({
      u_amount: '$1,234.50',
      u_unit_price: '-$3.00',
      u_bytes_transferred: '9,007,199,254,740,991',
      u_weight: '1,234.5678',
      u_start_time: '08:30:15',
      u_document: incident?.number,
      u_document_table: 'incident',
      u_related_class: 'Change Request',
      u_level: '2 - Medium',
      u_status: 'Approved',
      u_progress: '42.5',
      u_domain: {
        display_value: 'global',
        link: `${mock.url}/api/now/table/sys_user_group/global`,
      },
    });
    const [both] = await rows(
      `${path}&sysparm_display_value=all&sysparm_exclude_reference_link=true`,
    );
    expect(both?.u_amount).toEqual({ display_value: '$1,234.50', value: '1234.5' });
    expect(both?.u_start_time).toEqual({ display_value: '08:30:15', value: '1970-01-01 08:30:15' });
    expect(both?.u_document).toEqual({
      display_value: incident?.number,
      value: review.u_document,
    });
  });

  it('generated rows render in every mode', async () => {
    const list = await rows(
      '/api/now/table/u_vendor_review?sysparm_limit=20&sysparm_display_value=all&sysparm_exclude_reference_link=true',
    );
    expect(list).toHaveLength(20);
    for (const row of list) {
      const amount = row.u_amount as Pair;
      expect(amount.display_value).toMatch(/^\$\d{1,3}(,\d{3})*\.\d{2}$/);
      expect(Number(amount.display_value.replace(/[$,]/g, ''))).toBe(Number(amount.value));
      const vendor = row.u_vendor as Pair;
      expect(vendor.display_value).not.toBe('');
      const document = row.u_document as Pair;
      if (document.value !== '') expect(document.display_value).not.toBe(document.value);
      expect((row.u_start_time as Pair).display_value).toMatch(/^\d{2}:\d{2}:\d{2}$/);
      expect((row.u_script as Pair).value).toContain('(');
      expect((row.u_body as Pair).value).toMatch(/^<p>/);
    }
  });

  it('incident u_ fields are served with the incident', async () => {
    const list = await rows(
      `/api/now/table/incident?sysparm_query=${q('u_outage_minutesISNOTEMPTY')}&sysparm_fields=number,u_outage_minutes,u_customer_impact,u_cost&sysparm_display_value=all`,
    );
    expect(list.length).toBeGreaterThan(0);
    for (const row of list) {
      expect(Object.keys(row).sort()).toEqual([
        'number',
        'u_cost',
        'u_customer_impact',
        'u_outage_minutes',
      ]);
      expect(['Degraded service', 'Full outage']).toContain(
        (row.u_customer_impact as Pair).display_value,
      );
      expect((row.u_cost as Pair).display_value).toMatch(/^\$/);
    }
  });
});

describe('queries and aggregates over the new types', () => {
  it('compares currency, longint and glide_time values as numbers and times', async () => {
    const all = [...mock.data.rows('u_vendor_review')];
    const rich = await rows(
      `/api/now/table/u_vendor_review?sysparm_query=${q('u_amount>10000')}&sysparm_fields=u_amount`,
    );
    expect(rich.length).toBe(all.filter((r) => Number(r.u_amount) > 10000).length);
    expect(rich.length).toBeGreaterThan(0);
    const big = await rows(
      `/api/now/table/u_vendor_review?sysparm_query=${q('u_bytes_transferred>=3000000000000')}&sysparm_fields=sys_id`,
    );
    expect(big.length).toBe(all.filter((r) => Number(r.u_bytes_transferred) >= 3e12).length);
    const morning = await rows(
      `/api/now/table/u_vendor_review?sysparm_query=${q('u_start_time<1970-01-01 12:00:00^ORDERBYu_amount')}&sysparm_fields=u_start_time,u_amount`,
    );
    expect(morning.length).toBe(
      all.filter((r) => r.u_start_time !== '' && (r.u_start_time as string) < '1970-01-01 12:00:00')
        .length,
    );
    const amounts = morning.map((r) => Number(r.u_amount));
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
  });

  it('the Aggregate API sums a currency field', async () => {
    const { body } = await getJson<{ result: { stats: { sum: Record<string, string> } } }>(
      mock,
      '/api/now/stats/u_rate_card?sysparm_sum_fields=u_rate',
    );
    const want = [...mock.data.rows('u_rate_card')].reduce((s, r) => s + Number(r.u_rate), 0);
    expect(Number(body.result.stats.sum.u_rate)).toBeCloseTo(want, 2);
  });
});

describe('base tables and inserts', () => {
  it('task lists the schema-generated children with their own fields', async () => {
    const counts: Record<string, number> = {};
    for (const row of await rows(
      '/api/now/table/task?sysparm_fields=sys_class_name&sysparm_limit=100000',
    )) {
      const name = row.sys_class_name as string;
      counts[name] = (counts[name] ?? 0) + 1;
    }
    for (const table of [
      'incident',
      'incident_task',
      'problem',
      'change_request',
      'sc_request',
      'sc_req_item',
    ]) {
      expect(counts[table], table).toBe(mock.data.count(table));
    }
    const [change] = await rows(
      `/api/now/table/task?sysparm_query=${q('sys_class_name=change_request')}&sysparm_limit=1`,
    );
    expect(change).toHaveProperty('cab_required');
    expect(change?.number).toMatch(/^CHG/);
  });

  it('cmdb_ci, cmdb_ci_hardware and cmdb_ci_computer read the servers', async () => {
    const servers = mock.data.count('cmdb_ci_server');
    const links = mock.data.count('cmdb_ci_network_link');
    const count = async (table: string) =>
      (await rows(`/api/now/table/${table}?sysparm_fields=sys_id&sysparm_limit=100000`)).length;
    expect(await count('cmdb_ci')).toBe(servers + links);
    expect(await count('cmdb_ci_hardware')).toBe(servers);
    expect(await count('cmdb_ci_computer')).toBe(servers);
    const [server] = await rows(
      `/api/now/table/cmdb_ci_computer?sysparm_query=${q('ram>=65536')}&sysparm_limit=1&sysparm_display_value=true`,
    );
    expect(server?.sys_class_name).toBe('Server');
    expect(Number(String(server?.ram).replace(/,/g, ''))).toBeGreaterThanOrEqual(65536);
  });

  it('inserts into the new task tables take their own number prefixes', () => {
    expect(mock.data.insert('problem', {}).number).toMatch(/^PRB\d{7}$/);
    expect(mock.data.insert('change_request', {}).number).toMatch(/^CHG\d{7}$/);
    expect(mock.data.insert('sc_req_item', {}).number).toMatch(/^RITM\d{7}$/);
    const card = mock.data.insert('u_rate_card', { u_name: 'Night shift' });
    expect(Object.keys(card).sort()).toEqual(
      ['sys_id', 'u_active', 'u_name', 'u_rate', 'u_unit', 'u_valid_from', 'u_vendor'].sort(),
    );
  });

  it('a table without sys_updated_on pages by sys_id and ignores a watermark term', async () => {
    const all = await rows('/api/now/table/u_rate_card?sysparm_query=ORDERBYsys_id');
    const ids = all.map((r) => r.sys_id as string);
    expect(ids).toEqual([...ids].sort());
    const filtered = await rows(
      `/api/now/table/u_rate_card?sysparm_query=${q('sys_updated_on>2020-01-01 00:00:00^ORDERBYsys_id')}`,
    );
    expect(filtered.map((r) => r.sys_id)).toEqual(ids);
  });
});
