import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMockServiceNow, type MockServiceNow } from '../../src/mock/index.js';
import { chainOf, dictionaryOf, get, type Row, rows } from './helpers.js';

let mock: MockServiceNow;

beforeAll(async () => {
  mock = await createMockServiceNow({ seed: 7, scale: 60 });
});

afterAll(async () => {
  await mock.close();
});

describe('sys_db_object', () => {
  test('the chain of incident is incident -> task', async () => {
    expect(await chainOf(mock, 'incident')).toEqual(['incident', 'task']);
  });

  test('the chain of cmdb_ci_network_link is cmdb_ci_network_link -> cmdb_ci -> cmdb', async () => {
    expect(await chainOf(mock, 'cmdb_ci_network_link')).toEqual([
      'cmdb_ci_network_link',
      'cmdb_ci',
      'cmdb',
    ]);
  });

  test('super_class is a reference: raw sys_id, display value the parent label', async () => {
    const [task] = await rows(mock, 'sys_db_object', 'name=task');
    const { body } = await get(
      mock,
      '/api/now/table/sys_db_object?sysparm_query=name=incident&sysparm_display_value=all',
    );
    const incident = body.result?.[0] as unknown as Record<
      string,
      { value: string; display_value: string }
    >;
    expect(incident.super_class?.value).toBe(task?.sys_id);
    expect(incident.super_class?.display_value).toBe('Task');
    expect(incident.label?.value).toBe('Incident');
    expect(task?.is_extendable).toBe('true');
    expect(task?.super_class).toBe('');
    expect(task?.sys_class_name).toBe('sys_db_object');
    expect(task?.sys_id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('sys_ids are deterministic from the name, whatever the seed', async () => {
    const other = await createMockServiceNow({ seed: 99, scale: 5 });
    try {
      const [a] = await rows(mock, 'sys_db_object', 'name=incident');
      const [b] = await rows(other, 'sys_db_object', 'name=incident');
      expect(b?.sys_id).toBe(a?.sys_id);
      const [d1] = await rows(mock, 'sys_dictionary', 'name=incident^element=caller_id');
      const [d2] = await rows(other, 'sys_dictionary', 'name=incident^element=caller_id');
      expect(d2?.sys_id).toBe(d1?.sys_id);
    } finally {
      await other.close();
    }
  });

  test('lists the dictionary tables themselves and the base tables', async () => {
    const names = (await rows(mock, 'sys_db_object', '')).map((r) => r.name);
    for (const name of [
      'sys_db_object',
      'sys_dictionary',
      'sys_choice',
      'task',
      'cmdb_ci',
      'cmdb',
    ]) {
      expect(names).toContain(name);
    }
  });
});

describe('sys_dictionary', () => {
  test('nameIN over a chain returns each field once per defining table, no collection row', async () => {
    const chain = await chainOf(mock, 'incident');
    const dictionary = await dictionaryOf(mock, chain);
    const keys = dictionary.map((r) => `${r.name}.${r.element}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(dictionary.every((r) => r.element !== '' && r.internal_type !== 'collection')).toBe(
      true,
    );
    const byElement = new Map<string, string[]>();
    for (const r of dictionary)
      byElement.set(r.element as string, [
        ...(byElement.get(r.element as string) ?? []),
        r.name as string,
      ]);
    expect(byElement.get('caller_id')).toEqual(['incident']);
    expect(byElement.get('short_description')).toEqual(['task']);
    expect(byElement.get('sys_id')).toEqual(['task']);
    expect(byElement.get('state')?.sort()).toEqual(['incident', 'task']);
    const collection = await rows(mock, 'sys_dictionary', 'nameINincident,task^elementISEMPTY');
    expect(collection.map((r) => [r.name, r.internal_type]).sort()).toEqual([
      ['incident', 'collection'],
      ['task', 'collection'],
    ]);
  });

  test('raw values: internal_type and reference are names, max_length a decimal string', async () => {
    const [caller] = await rows(mock, 'sys_dictionary', 'name=incident^element=caller_id');
    expect(caller).toMatchObject({
      internal_type: 'reference',
      reference: 'sys_user',
      max_length: '32',
      column_label: 'Caller',
      active: 'true',
      virtual: 'false',
      choice: '0',
      sys_class_name: 'sys_dictionary',
    });
    const [number] = await rows(mock, 'sys_dictionary', 'name=task^element=number');
    expect(number).toMatchObject({ internal_type: 'string', max_length: '40', display: 'true' });
    const [description] = await rows(mock, 'sys_dictionary', 'name=task^element=description');
    expect(description?.max_length).toBe('4000');
    const [opened] = await rows(mock, 'sys_dictionary', 'name=task^element=opened_at');
    expect(opened).toMatchObject({
      internal_type: 'glide_date_time',
      max_length: '40',
      reference: '',
    });
  });

  test('incident.state overrides task.state and has its own sys_choice rows', async () => {
    const state = await rows(mock, 'sys_dictionary', 'nameINincident,task^element=state');
    expect(state.map((r) => [r.name, r.internal_type, r.choice]).sort()).toEqual([
      ['incident', 'choice', '3'],
      ['task', 'choice', '3'],
    ]);
    const choices = await rows(
      mock,
      'sys_choice',
      'nameINincident,task^element=state^inactive=false',
    );
    const of = (table: string) =>
      Object.fromEntries(choices.filter((c) => c.name === table).map((c) => [c.value, c.label]));
    expect(of('incident')).toMatchObject({
      '1': 'New',
      '2': 'In Progress',
      '6': 'Resolved',
      '7': 'Closed',
    });
    expect(of('task')).toMatchObject({ '1': 'Open', '3': 'Closed Complete' });
    for (const c of choices) {
      expect(c).toMatchObject({ language: 'en', inactive: 'false', dependent_value: '' });
      expect(c.sequence).toMatch(/^\d+$/);
      expect(Number(c.sequence) % 10).toBe(0);
    }
    // Inherited choice fields (incident_task.state uses task's list) have no rows of their own.
    expect(await rows(mock, 'sys_choice', 'name=incident_task^element=state')).toEqual([]);
  });
});

describe('consistency over the whole registry', () => {
  test('every field of every table is in the dictionary of its chain, and every element in its records', async () => {
    const tables = (await rows(mock, 'sys_db_object', '', '&sysparm_fields=name')).map(
      (r) => r.name as string,
    );
    expect(tables.length).toBeGreaterThanOrEqual(15);
    let checkedRecords = 0;
    for (const table of tables) {
      const schema = mock.data.schema(table);
      expect(schema, table).toBeDefined();
      const chain = await chainOf(mock, table);
      expect(chain[0]).toBe(table);
      const dictionary = await dictionaryOf(mock, chain);
      const elements = new Set(dictionary.map((r) => r.element as string));
      const fields = (schema?.fields ?? []).map((f) => f.name);
      for (const name of fields) expect(elements.has(name), `${table}.${name}`).toBe(true);
      for (const element of elements) expect(fields, `${table}.${element}`).toContain(element);
      for (const r of dictionary) {
        expect(r.max_length, `${r.name}.${r.element}`).toMatch(/^[1-9]\d*$/);
        const field = schema?.fields.find((f) => f.name === r.element);
        if (r.name === table) expect(r.internal_type).toBe(field?.type);
      }
      const [record] = await rows(mock, table, '', '&sysparm_limit=1');
      if (record === undefined) continue;
      checkedRecords++;
      for (const element of elements)
        expect(Object.keys(record), `${table} record`).toContain(element);
    }
    expect(checkedRecords).toBeGreaterThanOrEqual(12);
  });
});

describe('paging and display values work as on any table', () => {
  test('sys_dictionary pages with sysparm_limit/offset and X-Total-Count', async () => {
    const all = await rows(mock, 'sys_dictionary', 'name=task^ORDERBYelement');
    const { username, password } = mock.credentials;
    const res = await fetch(
      `${mock.url}/api/now/table/sys_dictionary?sysparm_query=name=task^ORDERBYelement&sysparm_limit=10&sysparm_offset=10`,
      {
        headers: {
          Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
        },
      },
    );
    const page = ((await res.json()) as { result: Row[] }).result;
    expect(res.headers.get('x-total-count')).toBe(String(all.length));
    expect(page.map((r) => r.element)).toEqual(all.slice(10, 20).map((r) => r.element));
  });
});
