import { afterEach, describe, expect, it } from 'vitest';
import {
  HttpError,
  type ServiceNowClient,
  type ServiceNowClientOptions,
} from '../../src/client/index.js';
import type { MockServiceNow, MockServiceNowOptions } from '../../src/mock/index.js';
import { basicClient, listRequests, oauthClient, rejectionOf, startMock } from './mock-harness.js';

const mocks: MockServiceNow[] = [];
const clients: ServiceNowClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(mocks.splice(0).map((m) => m.close()));
});

async function mockWith(options: MockServiceNowOptions = {}): Promise<MockServiceNow> {
  const mock = await startMock(20, options);
  mocks.push(mock);
  return mock;
}

function clientOf(mock: MockServiceNow, overrides: Partial<ServiceNowClientOptions> = {}) {
  const client = basicClient(mock, overrides);
  clients.push(client);
  return client;
}

const userRequests = (mock: MockServiceNow) => listRequests(mock, 'sys_user');

describe('client.integrationUser()', () => {
  it('reads the Basic user from sys_user (GMT for a UTC mock), once per client', async () => {
    const mock = await mockWith();
    const client = clientOf(mock);
    const user = await client.integrationUser();
    expect(user).toEqual({ userName: mock.credentials.username, timeZone: 'GMT' });
    expect(userRequests(mock)).toHaveLength(1);
    expect(userRequests(mock)[0]?.query).toMatchObject({
      sysparm_query: `user_name=${mock.credentials.username}`,
      sysparm_fields: 'user_name,time_zone',
      sysparm_limit: '1',
      sysparm_display_value: 'false',
    });
    expect(await client.integrationUser()).toEqual(user);
    expect(userRequests(mock)).toHaveLength(1);
  });

  it("gives the mock's zone, or the user's own", async () => {
    const paris = await mockWith({ timeZone: 'Europe/Paris' });
    expect(await clientOf(paris).integrationUser()).toEqual({
      userName: paris.credentials.username,
      timeZone: 'Europe/Paris',
    });
    const users = await mockWith({
      timeZone: 'Europe/Paris',
      users: [{ username: 'etl.reader', password: 'secret-1A!', timeZone: 'America/New_York' }],
    });
    expect(await clientOf(users).integrationUser()).toEqual({
      userName: 'etl.reader',
      timeZone: 'America/New_York',
    });
  });

  it('reads the user of an OAuth password grant; client_credentials and bearer have none', async () => {
    const mock = await mockWith();
    const password = oauthClient(mock, 'password');
    const credentials = oauthClient(mock, 'client_credentials');
    const bearer = clientOf(mock, { auth: { type: 'bearer', token: 'any-token-value' } });
    clients.push(password, credentials);
    expect(await password.integrationUser()).toEqual({
      userName: mock.credentials.username,
      timeZone: 'GMT',
    });
    expect(await credentials.integrationUser()).toBeUndefined();
    expect(await bearer.integrationUser()).toBeUndefined();
    expect(userRequests(mock)).toHaveLength(1);
  });

  it('is undefined when an ACL blanks or hides the row, or there is no such user', async () => {
    const mock = await mockWith({
      users: [
        { username: 'sn.integration', password: 'secret-1A!' },
        { username: 'sn.hidden', password: 'secret-2B!' },
      ],
    });
    mock.setFaults({ aclHidden: (table) => (table === 'sys_user' ? 'blank' : 'visible') });
    expect(await clientOf(mock).integrationUser()).toBeUndefined();
    mock.setFaults({ aclHidden: (table) => (table === 'sys_user' ? 'hidden' : 'visible') });
    expect(await clientOf(mock).integrationUser()).toBeUndefined();
    mock.setFaults({});
    const id = [...mock.data.rows('sys_user')].find((row) => row.user_name === 'sn.hidden')?.sys_id;
    mock.data.delete('sys_user', id as string);
    const gone = clientOf(mock, {
      auth: { type: 'basic', username: 'sn.hidden', password: 'secret-2B!' },
    });
    expect(await gone.integrationUser()).toBeUndefined();
    expect(userRequests(mock).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('is undefined on 403 and 404, and throws other failures (without caching them)', async () => {
    const mock = await mockWith();
    expect(await clientOf(mock, { fetch: answeringFetch(403) }).integrationUser()).toBeUndefined();
    expect(await clientOf(mock, { fetch: answeringFetch(404) }).integrationUser()).toBeUndefined();

    const failing = clientOf(mock);
    mock.setFaults({ serverErrors: { table: 'sys_user', status: 500 } });
    expect(await rejectionOf(failing.integrationUser())).toBeInstanceOf(HttpError);
    mock.setFaults({});
    expect(await failing.integrationUser()).toEqual({
      userName: mock.credentials.username,
      timeZone: 'GMT',
    });
  });
});

/** A fetch that answers every sys_user list request with `status` and a ServiceNow error body. */
function answeringFetch(status: number): typeof fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.includes('/api/now/table/sys_user?')) return fetch(input, init);
    return new Response(
      JSON.stringify({ error: { message: 'No access', detail: '' }, status: 'failure' }),
      { status, headers: { 'content-type': 'application/json' } },
    );
  };
}
