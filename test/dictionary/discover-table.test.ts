/**
 * Discovery against the mock's dictionary: the class chain, inheritance and overrides, choices,
 * the requests it sends, and the errors of an unknown table.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceNowClient } from '../../src/client/index.js';
import { ConfigurationError } from '../../src/core/index.js';
import { discoverTable, UnknownTableError } from '../../src/dictionary/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { useRunHarness } from '../support/run-harness.js';

let mock: MockServiceNow;
let client: ServiceNowClient;
useRunHarness('sn-discover-', { seed: 3, scale: 20 }, (m, c) => {
  mock = m;
  client = c;
});

describe('discoverTable', () => {
  it('walks super_class to the root and reads the chain in one dictionary query', async () => {
    mock.clearRequests();
    const schema = await discoverTable(client, 'cmdb_ci_network_link');
    expect(schema.chain).toEqual(['cmdb_ci_network_link', 'cmdb_ci', 'cmdb']);
    expect(schema.table).toBe('cmdb_ci_network_link');
    const objects = mock.requests.filter((r) => r.table === 'sys_db_object');
    expect(objects).toHaveLength(3); // one GET per level
    expect(objects.map((r) => r.query.sysparm_fields)).toEqual(
      Array(3).fill('name,label,super_class,sys_id'),
    );
    const dictionary = mock.requests.filter((r) => r.table === 'sys_dictionary');
    expect(dictionary[0]?.query.sysparm_query).toContain(
      'nameINcmdb_ci_network_link,cmdb_ci,cmdb^active=true^elementISNOTEMPTY',
    );
    expect(mock.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('lists inherited fields first, each element once, with the table that defines it', async () => {
    const schema = await discoverTable(client, 'incident');
    expect(schema.chain).toEqual(['incident', 'task']);
    expect(schema.label).toBe('Incident');
    const elements = schema.fields.map((field) => field.element);
    expect(elements[0]).toBe('sys_id');
    expect(new Set(elements).size).toBe(elements.length);
    const number = schema.fields.find((field) => field.element === 'number');
    expect(number).toMatchObject({ definedOn: 'task', overridden: false, internalType: 'string' });
    const caller = schema.fields.find((field) => field.element === 'caller_id');
    expect(caller).toMatchObject({ definedOn: 'incident', reference: 'sys_user' });
    // every task field comes before the first field incident defines itself
    const lastTask = elements.findLastIndex(
      (element) => schema.fields.find((f) => f.element === element)?.definedOn === 'task',
    );
    const firstOwn = schema.fields.findIndex((f) => f.definedOn === 'incident' && !f.overridden);
    expect(lastTask).toBeLessThan(firstOwn);
    expect(schema.hasUpdatedOn).toBe(true);
    expect(schema.displayField).toBe('number');
    expect(schema.unreadableFields).toEqual([]);
    expect(schema.referenceDisplay).toMatchObject({ sys_user: 'name', sys_user_group: 'name' });
  });

  it("marks a child's override of a parent's field and takes the child's choices", async () => {
    const schema = await discoverTable(client, 'incident', { choices: true });
    const state = schema.fields.find((field) => field.element === 'state');
    expect(state).toMatchObject({ definedOn: 'incident', overridden: true });
    const taskSchema = await discoverTable(client, 'task', { choices: true });
    const taskState = taskSchema.fields.find((field) => field.element === 'state');
    expect(taskState).toMatchObject({ definedOn: 'task', overridden: false });
    expect(state?.choices?.map((c) => c.value)).not.toEqual(
      taskState?.choices?.map((c) => c.value),
    );
    const labels = state?.choices?.map((choice) => `${choice.value} ${choice.label}`);
    expect(labels).toContain('7 Closed');
    const sequences = state?.choices?.map((choice) => choice.sequence) ?? [];
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    // inherited choice lists come from the parent's rows
    const priority = schema.fields.find((field) => field.element === 'priority');
    expect(priority?.choices?.length).toBeGreaterThan(0);
  });

  it('reads no choices unless asked', async () => {
    mock.clearRequests();
    const schema = await discoverTable(client, 'sys_user');
    expect(schema.fields.some((field) => field.choices !== undefined)).toBe(false);
    expect(mock.requests.some((r) => r.table === 'sys_choice')).toBe(false);
  });

  it('sees a field added to the dictionary, and a max length that grew', async () => {
    mock.data.addField('sys_user_group', { name: 'u_cost_code', type: 'string', maxLength: 20 });
    let schema = await discoverTable(client, 'sys_user_group');
    expect(schema.fields.find((f) => f.element === 'u_cost_code')).toMatchObject({
      internalType: 'string',
      maxLength: 20,
      definedOn: 'sys_user_group',
    });
    mock.data.alterField('sys_user_group', 'u_cost_code', { maxLength: 80 });
    schema = await discoverTable(client, 'sys_user_group');
    expect(schema.fields.find((f) => f.element === 'u_cost_code')?.maxLength).toBe(80);
  });

  it('refuses a table the instance does not have, naming it', async () => {
    const error = await discoverTable(client, 'u_no_such_table').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownTableError);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as UnknownTableError).table).toBe('u_no_such_table');
    expect((error as Error).message).toContain('"u_no_such_table" is not in sys_db_object');
  });
});
