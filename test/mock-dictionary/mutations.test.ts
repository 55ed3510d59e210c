import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  createMockData,
  createMockServiceNow,
  MockSchemaChangeError,
  type MockServiceNow,
  MockUnknownTableError,
} from '../../src/mock/index.js';
import { dictionaryOf, get, rows } from './helpers.js';

let mock: MockServiceNow;

beforeEach(async () => {
  mock = await createMockServiceNow({ seed: 7, scale: 40 });
});

afterEach(async () => {
  await mock.close();
});

describe('addField', () => {
  test('between two reads: the dictionary gains the row, records render the field', async () => {
    const before = await dictionaryOf(mock, ['incident', 'task']);
    expect(before.some((r) => r.element === 'u_vendor_ref')).toBe(false);
    const [first] = await rows(mock, 'incident', 'ORDERBYnumber', '&sysparm_limit=1');
    expect(first).not.toHaveProperty('u_vendor_ref');

    mock.data.addField('incident', {
      name: 'u_vendor_ref',
      type: 'string',
      maxLength: 80,
      label: 'Vendor reference',
    });

    const after = await dictionaryOf(mock, ['incident', 'task']);
    expect(after.length).toBe(before.length + 1);
    expect(after.find((r) => r.element === 'u_vendor_ref')).toMatchObject({
      name: 'incident',
      internal_type: 'string',
      max_length: '80',
      column_label: 'Vendor reference',
      reference: '',
    });
    const [again] = await rows(mock, 'incident', 'ORDERBYnumber', '&sysparm_limit=1');
    expect(again?.u_vendor_ref).toBe('');
    expect(again?.sys_id).toBe(first?.sys_id);
    expect(mock.data.schema('incident')?.fields.some((f) => f.name === 'u_vendor_ref')).toBe(true);
  });

  test('the field can be set by insert and update, queried and selected', async () => {
    mock.data.addField('incident', { name: 'u_vendor_ref', type: 'string' });
    const [some] = await rows(mock, 'incident', 'ORDERBYnumber', '&sysparm_limit=1');
    mock.data.update('incident', some?.sys_id as string, { u_vendor_ref: 'V-1' });
    const inserted = mock.data.insert('incident', {
      short_description: 'new',
      u_vendor_ref: 'V-2',
    });
    const found = await rows(
      mock,
      'incident',
      'u_vendor_refSTARTSWITHV-^ORDERBYu_vendor_ref',
      '&sysparm_fields=sys_id,u_vendor_ref',
    );
    expect(found).toEqual([
      { sys_id: some?.sys_id, u_vendor_ref: 'V-1' },
      { sys_id: inserted.sys_id, u_vendor_ref: 'V-2' },
    ]);
  });

  test('a field added to a base table shows on every table extending it, with one row', async () => {
    mock.data.addField('task', {
      name: 'u_region',
      type: 'choice',
      choices: { emea: 'EMEA', amer: 'Americas' },
    });
    expect(mock.data.schema('incident')?.fields.some((f) => f.name === 'u_region')).toBe(true);
    expect(mock.data.schema('incident_task')?.fields.some((f) => f.name === 'u_region')).toBe(true);
    const defined = await rows(mock, 'sys_dictionary', 'element=u_region');
    expect(defined.map((r) => [r.name, r.choice])).toEqual([['task', '1']]);
    const choices = await rows(mock, 'sys_choice', 'name=task^element=u_region^ORDERBYsequence');
    expect(choices.map((c) => [c.value, c.label, c.sequence])).toEqual([
      ['emea', 'EMEA', '0'],
      ['amer', 'Americas', '10'],
    ]);
    const [task] = await rows(mock, 'incident_task', '', '&sysparm_limit=1');
    expect(task?.u_region).toBe('');
  });

  test('refuses an unknown table, an existing field and a bad name, with typed errors', () => {
    const data = createMockData({ seed: 1, scale: 5 });
    expect(() => data.addField('nope', { name: 'u_x', type: 'string' })).toThrow(
      MockUnknownTableError,
    );
    expect(() => data.addField('incident', { name: 'short_description', type: 'string' })).toThrow(
      /short_description of table incident: already defined on task/,
    );
    expect(() => data.addField('incident', { name: 'U-X', type: 'string' })).toThrow(
      MockSchemaChangeError,
    );
  });
});

describe('alterField', () => {
  test('changes max_length and bumps sys_updated_on and sys_mod_count', async () => {
    const [before] = await rows(mock, 'sys_dictionary', 'name=task^element=short_description');
    expect(before?.max_length).toBe('160');
    mock.data.alterField('task', 'short_description', { maxLength: 250 });
    const [after] = await rows(mock, 'sys_dictionary', 'name=task^element=short_description');
    expect(after).toMatchObject({ sys_id: before?.sys_id, max_length: '250', sys_mod_count: '1' });
    expect((after?.sys_updated_on ?? '') > (before?.sys_updated_on ?? '')).toBe(true);
    // Inherited, so the children see the new length and still have no row of their own.
    expect(
      mock.data.schema('incident')?.fields.find((f) => f.name === 'short_description')?.maxLength,
    ).toBe(250);
    expect(await rows(mock, 'sys_dictionary', 'name=incident^element=short_description')).toEqual(
      [],
    );
    mock.data.alterField('task', 'short_description', { label: 'Summary' });
    const [twice] = await rows(mock, 'sys_dictionary', 'name=task^element=short_description');
    expect(twice).toMatchObject({ column_label: 'Summary', max_length: '250', sys_mod_count: '2' });
  });

  test('an override is altered on the child only', async () => {
    mock.data.alterField('incident', 'state', { label: 'Incident state' });
    const state = await rows(
      mock,
      'sys_dictionary',
      'nameINincident,task^element=state',
      '&sysparm_fields=name,column_label',
    );
    expect(state.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))).toEqual([
      { name: 'incident', column_label: 'Incident state' },
      { name: 'task', column_label: 'State' },
    ]);
  });

  test('refuses a field not defined on the table', () => {
    expect(() => mock.data.alterField('incident', 'short_description', { maxLength: 9 })).toThrow(
      /short_description of table incident: it is defined on task/,
    );
    expect(() => mock.data.alterField('task', 'nope', { maxLength: 9 })).toThrow(
      MockSchemaChangeError,
    );
    expect(() => mock.data.alterField('task', 'number', { maxLength: 0 })).toThrow(/maxLength/);
  });

  test('a single-record GET renders an added field', async () => {
    mock.data.addField('sys_user', { name: 'u_badge', type: 'integer' });
    const [user] = await rows(mock, 'sys_user', '', '&sysparm_limit=1');
    const { status, body } = await get(mock, `/api/now/table/sys_user/${user?.sys_id}`);
    expect(status).toBe(200);
    expect((body.result as unknown as Record<string, string>).u_badge).toBe('');
  });
});
