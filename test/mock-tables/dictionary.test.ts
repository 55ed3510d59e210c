/**
 * The schema-generated tables as the mock's dictionary describes them: class chains, overrides of
 * the task children, every type's internal_type, the custom tables, and values within the
 * dictionary's max lengths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxLengthOf } from '../../src/mock/data/dictionary/field-attributes.js';
import { mockSchema, SCHEMA_TABLE_NAMES } from '../../src/mock/data/index.js';
import type { MockServiceNow } from '../../src/mock/server/index.js';
import { chainOf, dictionaryOf, rows } from '../mock-dictionary/helpers.js';
import { startMock } from '../mock-server/helpers.js';

let mock: MockServiceNow;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

describe('the dictionary of the schema-generated tables', () => {
  it('walks the class chains up to their roots', async () => {
    expect(await chainOf(mock, 'problem')).toEqual(['problem', 'task']);
    expect(await chainOf(mock, 'sc_req_item')).toEqual(['sc_req_item', 'task']);
    expect(await chainOf(mock, 'cmdb_ci_server')).toEqual([
      'cmdb_ci_server',
      'cmdb_ci_computer',
      'cmdb_ci_hardware',
      'cmdb_ci',
      'cmdb',
    ]);
    expect(await chainOf(mock, 'u_vendor_review')).toEqual(['u_vendor_review']);
    expect(await chainOf(mock, 'u_rate_card')).toEqual(['u_rate_card']);
  });

  it('problem and change_request override task.state; sc_req_item inherits it', async () => {
    const states = await rows(
      mock,
      'sys_dictionary',
      'nameINtask,problem,change_request,sc_req_item^element=state',
      '&sysparm_fields=name',
    );
    expect(states.map((r) => r.name).sort()).toEqual(['change_request', 'problem', 'task']);
    const choices = await rows(
      mock,
      'sys_choice',
      'name=problem^element=state^inactive=false',
      '&sysparm_fields=value',
    );
    expect(choices.map((r) => r.value).sort()).toEqual(['101', '102', '103', '104', '106', '107']);
  });

  it('the server chain defines each field once, on its own class', async () => {
    const chain = await chainOf(mock, 'cmdb_ci_server');
    const dictionary = await dictionaryOf(mock, chain);
    const owner = (element: string) =>
      dictionary.filter((r) => r.element === element).map((r) => r.name);
    for (const field of mockSchema('cmdb_ci_server')?.fields ?? []) {
      expect(owner(field.name), field.name).toHaveLength(1);
    }
    expect(['cmdb', 'cmdb_ci']).toContain(owner('serial_number')[0]);
    expect(owner('warranty_expiration')).toEqual(['cmdb_ci_hardware']);
    expect(owner('ram')).toEqual(['cmdb_ci_computer']);
    expect(owner('classification')).toEqual(['cmdb_ci_server']);
  });

  it('u_vendor_review lists one internal type per field, lengths and labels included', async () => {
    const dictionary = await dictionaryOf(mock, ['u_vendor_review']);
    const byElement = new Map(dictionary.map((r) => [r.element, r]));
    for (const field of mockSchema('u_vendor_review')?.fields ?? []) {
      expect(byElement.get(field.name)?.internal_type, field.name).toBe(field.type);
    }
    expect(byElement.get('u_code')?.max_length).toBe('10');
    expect(byElement.get('u_title')).toMatchObject({
      max_length: '255',
      column_label: 'Title',
      mandatory: 'true',
    });
    expect(byElement.get('u_summary')?.max_length).toBe('4000');
    expect(byElement.get('u_vendor')?.reference).toBe('core_company');
    const rateCard = await dictionaryOf(mock, ['u_rate_card']);
    expect(rateCard.map((r) => r.element)).not.toContain('sys_updated_on');
  });

  it('incident has its u_ fields and no other new row', async () => {
    const own = await rows(mock, 'sys_dictionary', 'name=incident^elementSTARTSWITHu_');
    expect(own.map((r) => `${r.element}:${r.internal_type}`).sort()).toEqual([
      'u_cost:currency',
      'u_customer_impact:choice',
      'u_outage_minutes:integer',
      'u_vendor_ticket:string',
    ]);
  });

  it('every generated value fits the max length of its dictionary row', () => {
    let checked = 0;
    for (const table of [...SCHEMA_TABLE_NAMES, 'incident']) {
      const fields = mockSchema(table)?.fields ?? [];
      const own = table === 'incident' ? fields.filter((f) => f.name.startsWith('u_')) : fields;
      for (const row of mock.data.rows(table)) {
        for (const field of own) {
          const value = row[field.name] ?? '';
          expect(value.length, `${table}.${field.name}`).toBeLessThanOrEqual(maxLengthOf(field));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50_000);
  });
});
