import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMockServiceNow, type MockServiceNow } from '../../src/mock/index.js';
import { get, rows } from './helpers.js';

let mock: MockServiceNow;

beforeAll(async () => {
  mock = await createMockServiceNow({ seed: 7, scale: 40 });
});

afterAll(async () => {
  await mock.close();
});

describe('deniedTables', () => {
  test('a read of a listed table answers 403 naming the role it requires', async () => {
    mock.setFaults({ deniedTables: ['sys_dictionary', 'incident', 'sys_user'] });
    const cases: [string, string][] = [
      ['/api/now/table/sys_dictionary?sysparm_limit=1', 'personalize_dictionary'],
      ['/api/now/table/incident?sysparm_limit=1', 'itil'],
      ['/api/now/v2/table/sys_user?sysparm_limit=1', 'admin'],
      ['/api/now/stats/incident?sysparm_count=true', 'itil'],
    ];
    for (const [path, role] of cases) {
      const { status, body } = await get(mock, path);
      const table = /\/(?:table|stats)\/([^/?]+)/.exec(path)?.[1];
      expect(status, path).toBe(403);
      expect(body).toEqual({
        error: {
          message: 'User Not Authorized',
          detail: `Read access to ${table} denied: requires role ${role}`,
        },
        status: 'failure',
      });
    }
    const [any] = await rows(mock, 'sys_db_object', 'name=incident');
    expect(any?.name).toBe('incident');
    const { status } = await get(mock, `/api/now/table/sys_dictionary/${any?.sys_id}`);
    expect(status).toBe(403);
    expect(mock.requests.at(-1)?.fault).toBe('deniedTables');
    mock.setFaults({});
    expect((await get(mock, '/api/now/table/sys_dictionary?sysparm_limit=1')).status).toBe(200);
  });
});

describe('hiddenFields', () => {
  test('leaves the fields out of every record of that table, whatever sysparm_fields asks', async () => {
    mock.setFaults({ hiddenFields: { sys_user: ['email', 'phone'] } });
    try {
      const all = await rows(mock, 'sys_user', '', '&sysparm_limit=3');
      expect(all.length).toBe(3);
      for (const user of all) {
        expect(user).not.toHaveProperty('email');
        expect(user).not.toHaveProperty('phone');
        expect(user).toHaveProperty('user_name');
      }
      const asked = await rows(
        mock,
        'sys_user',
        '',
        '&sysparm_limit=2&sysparm_fields=sys_id,email',
      );
      expect(asked.map((u) => Object.keys(u))).toEqual([['sys_id'], ['sys_id']]);
      const { body } = await get(
        mock,
        `/api/now/table/sys_user/${all[0]?.sys_id}?sysparm_display_value=all`,
      );
      expect(body.result).not.toHaveProperty('email');
      // Other tables are untouched; the dictionary still lists the hidden columns.
      const [incident] = await rows(mock, 'incident', '', '&sysparm_limit=1');
      expect(incident).toHaveProperty('caller_id');
      const email = await rows(mock, 'sys_dictionary', 'name=sys_user^element=email');
      expect(email.length).toBe(1);
    } finally {
      mock.setFaults({});
    }
  });
});
