/**
 * Every user the mock accepts has a `sys_user` row (user name, time zone as ServiceNow writes it).
 */
import { describe, expect, it } from 'vitest';
import { createMockData } from '../../src/mock/data/index.js';
import type { MockDataStore, MockRecord } from '../../src/mock/types.js';
import { getJson, q, startMock } from './helpers.js';

const byUserName = (data: MockDataStore, userName: string): MockRecord[] =>
  [...data.rows('sys_user')].filter((row) => row.user_name === userName);

describe('sys_user rows of the mock users', () => {
  it('adds an active row for the generated integration user, time zone GMT for UTC', async () => {
    await using mock = await startMock();
    const generated = createMockData({ seed: 7, scale: 60 });
    expect(mock.data.count('sys_user')).toBe(generated.count('sys_user') + 1);
    const rows = byUserName(mock.data, mock.credentials.username);
    expect(rows).toHaveLength(1);
    const row = rows[0] as MockRecord;
    expect(row).toMatchObject({
      user_name: 'sn.integration',
      name: 'Sn Integration',
      first_name: 'Sn',
      last_name: 'Integration',
      active: 'true',
      web_service_access_only: 'true',
      time_zone: 'GMT',
      sys_class_name: 'sys_user',
    });
    expect(row.sys_id).toMatch(/^[0-9a-f]{32}$/);
    // As old as the generated users, not stamped "now".
    expect(row.sys_updated_on).toBe(row.sys_created_on);
    expect((row.sys_updated_on ?? '') < '2026-11-01 00:00:00').toBe(true);
    expect(row.sys_updated_on).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    const { body } = await getJson<{ result: Record<string, string>[] }>(
      mock,
      `/api/now/table/sys_user?sysparm_query=${q(`user_name=${mock.credentials.username}`)}&sysparm_fields=user_name,time_zone`,
    );
    expect(body.result).toEqual([{ user_name: 'sn.integration', time_zone: 'GMT' }]);
  });

  it("writes each user's own zone (IANA names as they are), the same row in every run", async () => {
    const users = [
      { username: 'etl.paris', password: 'secret-1A!' },
      { username: 'etl.tokyo', password: 'secret-2B!', timeZone: 'Asia/Tokyo' },
      { username: 'etl.utc', password: 'secret-3C!', timeZone: 'UTC' },
    ];
    await using first = await startMock({ timeZone: 'Europe/Paris', users });
    await using second = await startMock({ timeZone: 'Europe/Paris', users });
    const zones = users.map((user) => byUserName(first.data, user.username)[0]?.time_zone);
    expect(zones).toEqual(['Europe/Paris', 'Asia/Tokyo', 'GMT']);
    for (const user of users) {
      expect(byUserName(second.data, user.username)).toEqual(byUserName(first.data, user.username));
    }
  });

  it('keeps a generated row whose login is a mock user, setting only its zone', async () => {
    const generated = createMockData({ seed: 7, scale: 60 });
    const admin = byUserName(generated, 'admin')[0] as MockRecord;
    await using mock = await startMock({
      data: generated,
      users: [{ username: 'admin', password: 'secret-1A!', timeZone: 'America/Chicago' }],
    });
    expect(mock.data.count('sys_user')).toBe(generated.scale.sys_user);
    const row = byUserName(mock.data, 'admin')[0] as MockRecord;
    expect(row.sys_id).toBe(admin.sys_id);
    expect(row.time_zone).toBe('America/Chicago');
    expect(row.sys_updated_on).toBe(admin.sys_updated_on);
    expect(row.name).toBe(admin.name);
  });

  it('adds no second row when two servers share one data store', async () => {
    const data = createMockData({ seed: 7, scale: 60 });
    const users = [{ username: 'sn.shared', password: 'secret-1A!' }];
    await using _first = await startMock({ data, users });
    await using _second = await startMock({ data, users });
    expect(byUserName(data, 'sn.shared')).toHaveLength(1);
    expect(data.count('sys_user')).toBe(data.scale.sys_user + 1);
  });
});
