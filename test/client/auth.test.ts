import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError, ServiceNowClient } from '../../src/client/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import {
  basicClient,
  delay,
  FAST_RETRY,
  oauthClient,
  rejectionOf,
  startMock,
  tokenRequests,
} from './mock-harness.js';

const open: { close(): Promise<void> }[] = [];
function track<T extends { close(): Promise<void> }>(value: T): T {
  open.push(value);
  return value;
}
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function passwordGrant(mock: MockServiceNow) {
  const response = await fetch(`${mock.url}/oauth_token.do`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: mock.oauthClient.clientId,
      client_secret: mock.oauthClient.clientSecret,
      username: mock.credentials.username,
      password: mock.credentials.password,
    }),
  });
  return (await response.json()) as { access_token: string; refresh_token: string };
}

const dataRequests = (mock: MockServiceNow) =>
  mock.requests.filter((r) => r.path.startsWith('/api/'));

describe('basic auth', () => {
  it('reads with the right password and fails at once, unretried, with a wrong one', async () => {
    const mock = track(await startMock(20));
    const client = track(basicClient(mock));
    expect(await client.count('incident')).toBe(mock.data.count('incident'));
    const wrong = track(
      basicClient(mock, {
        auth: { type: 'basic', username: mock.credentials.username, password: 'nope-nope' },
      }),
    );
    mock.clearRequests();
    const error = await rejectionOf(wrong.count('incident'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect((error as AuthenticationError).serviceNowMessage).toBe('User Not Authenticated');
    expect(mock.requests).toHaveLength(1);
  });
});

describe('oauth', () => {
  it('password grant: one token request for many concurrent requests (single flight)', async () => {
    const mock = track(await startMock(20));
    const client = track(oauthClient(mock, 'password'));
    const counts = await Promise.all(Array.from({ length: 8 }, () => client.count('incident')));
    expect(new Set(counts)).toEqual(new Set([mock.data.count('incident')]));
    expect(tokenRequests(mock)).toHaveLength(1);
    expect(dataRequests(mock).every((r) => r.status === 200)).toBe(true);
  });

  it('client_credentials grant', async () => {
    const mock = track(await startMock(20));
    const client = track(oauthClient(mock, 'client_credentials'));
    expect(await client.count('incident')).toBe(mock.data.count('incident'));
    expect(tokenRequests(mock).map((r) => r.status)).toEqual([200]);
  });

  it('refresh_token grant, and a refused refresh token falls back to the password grant', async () => {
    const mock = track(await startMock(20));
    const { refresh_token: refreshToken } = await passwordGrant(mock);
    mock.clearRequests();
    const byRefresh = track(
      new ServiceNowClient({
        instanceUrl: mock.url,
        auth: { type: 'oauth', ...mock.oauthClient, refreshToken },
        retry: FAST_RETRY,
      }),
    );
    expect(await byRefresh.count('incident')).toBe(mock.data.count('incident'));
    expect(tokenRequests(mock).map((r) => r.status)).toEqual([200]);

    mock.clearRequests();
    const fallback = track(
      new ServiceNowClient({
        instanceUrl: mock.url,
        auth: {
          type: 'oauth',
          ...mock.oauthClient,
          ...mock.credentials,
          refreshToken: 'revoked-token',
        },
        retry: FAST_RETRY,
      }),
    );
    expect(await fallback.count('incident')).toBe(mock.data.count('incident'));
    expect(tokenRequests(mock).map((r) => r.status)).toEqual([400, 200]);

    mock.clearRequests();
    const refused = track(
      new ServiceNowClient({
        instanceUrl: mock.url,
        auth: { type: 'oauth', ...mock.oauthClient, refreshToken: 'revoked-token' },
        retry: FAST_RETRY,
      }),
    );
    const error = await rejectionOf(refused.count('incident'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).url).toMatch(/\/oauth_token\.do$/);
    expect(tokenRequests(mock)).toHaveLength(1);
    expect(dataRequests(mock)).toHaveLength(0);
  });

  it('wrong client secret is an AuthenticationError, not retried', async () => {
    const mock = track(await startMock(20));
    const client = track(
      new ServiceNowClient({
        instanceUrl: mock.url,
        auth: { type: 'oauth', clientId: mock.oauthClient.clientId, clientSecret: 'wrong-secret' },
        retry: FAST_RETRY,
      }),
    );
    expect(await rejectionOf(client.count('incident'))).toBeInstanceOf(AuthenticationError);
    expect(tokenRequests(mock)).toHaveLength(1);
  });

  it('renews the token before it expires', async () => {
    // A 2 s lifetime is announced as expires_in 1 (ServiceNow subtracts a second).
    const mock = track(await startMock(20, { tokenLifetimeSeconds: 2 }));
    const client = track(oauthClient(mock));
    await client.count('incident');
    await client.count('incident');
    expect(tokenRequests(mock)).toHaveLength(1);
    await delay(900); // past 80% of the announced 1 s
    await client.count('incident');
    expect(tokenRequests(mock)).toHaveLength(2);
    expect(mock.requests.some((r) => r.status === 401)).toBe(false);
  });

  it('renews once after a 401 (expired token) and drops the session cookies', async () => {
    let clock = Date.parse('2025-03-01T00:00:00Z');
    const mock = track(await startMock(20, { now: () => clock }));
    const client = track(oauthClient(mock));
    await client.count('incident');
    const firstSession = dataRequests(mock)[0]?.session;
    expect(firstSession).toBeDefined();
    clock += 3600_000; // the instance's token expired; the client does not know yet
    await client.count('incident');
    const tail = mock.requests.slice(-3).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(tail).toEqual([
      'GET /api/now/stats/incident 401',
      'POST /oauth_token.do 200',
      'GET /api/now/stats/incident 200',
    ]);
    expect(mock.requests.at(-1)?.session).not.toBe(firstSession);
  });

  it('fails with AuthenticationError when the renewed token is refused too', async () => {
    let clock = Date.parse('2025-03-01T00:00:00Z');
    // Every reading of the instance clock moves it 10 s on: each token is expired on first use.
    const mock = track(
      await startMock(20, { now: () => (clock += 10_000), tokenLifetimeSeconds: 1 }),
    );
    const client = track(oauthClient(mock));
    const error = await rejectionOf(client.count('incident'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(dataRequests(mock).map((r) => r.status)).toEqual([401, 401]);
    expect(tokenRequests(mock)).toHaveLength(2);
  });
});

describe('bearer', () => {
  it('uses the token and never renews it', async () => {
    const mock = track(await startMock(20));
    const { access_token: token } = await passwordGrant(mock);
    mock.clearRequests();
    const client = track(basicClient(mock, { auth: { type: 'bearer', token } }));
    expect(await client.count('incident')).toBe(mock.data.count('incident'));
    const bogus = track(basicClient(mock, { auth: { type: 'bearer', token: 'not-a-real-token' } }));
    expect(await rejectionOf(bogus.count('incident'))).toBeInstanceOf(AuthenticationError);
    expect(dataRequests(mock).map((r) => r.status)).toEqual([200, 401]);
    expect(tokenRequests(mock)).toHaveLength(0);
  });
});

describe('session cookies', () => {
  it('reuses one session per in-flight slot, and opens one per request when disabled', async () => {
    const mock = track(await startMock(20));
    const client = track(basicClient(mock, { rateLimit: { maxInFlight: 3 } }));
    for (let i = 0; i < 6; i++) await client.count('incident');
    await Promise.all(Array.from({ length: 9 }, () => client.count('incident')));
    expect(mock.sessions).toBeGreaterThanOrEqual(1);
    expect(mock.sessions).toBeLessThanOrEqual(3);
    const before = mock.sessions;
    const cookieless = track(basicClient(mock, { sessionCookies: false }));
    for (let i = 0; i < 5; i++) await cookieless.count('incident');
    expect(mock.sessions - before).toBe(5);
  });
});
