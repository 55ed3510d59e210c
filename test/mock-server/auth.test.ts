/**
 * Authentication: Basic, Bearer from /oauth_token.do (every grant, expiry, errors), sessions
 * and cookies, and per-session serialization.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import type { MockServiceNow } from '../../src/mock/server/index.js';
import { call, startMock } from './helpers.js';

const UNAUTHENTICATED = {
  error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
  status: 'failure',
};
const LIST = '/api/now/table/sys_user_group?sysparm_limit=1';

let clock = Date.UTC(2025, 0, 20, 12, 0, 0);
let mock: MockServiceNow;
beforeAll(async () => {
  mock = await startMock({
    users: [
      { username: 'integration', password: 'S3cret:with:colons' },
      { username: 'other', password: 'Other-pass-1' },
    ],
    oauthClients: [
      { clientId: 'cid', clientSecret: 'csecret', clientCredentialsUser: 'other' },
      { clientId: 'no-cc', clientSecret: 'no-cc-secret' },
    ],
    tokenLifetimeSeconds: 60,
    refreshTokenLifetimeSeconds: 600,
    now: () => clock,
  });
});
afterAll(() => mock.close());

function token(form: Record<string, string>): Promise<Response> {
  return fetch(`${mock.url}/oauth_token.do`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
}

function bearer(accessToken: string): Promise<Response> {
  return fetch(`${mock.url}${LIST}`, {
    headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken}` },
  });
}

type TokenBody = {
  access_token: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
  scope: string;
};

describe('Basic auth', () => {
  it('accepts the configured user (password with colons)', async () => {
    expect(mock.credentials).toEqual({ username: 'integration', password: 'S3cret:with:colons' });
    const res = await call(mock, LIST);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-is-logged-in')).toBe('true');
  });

  it('answers 401 with WWW-Authenticate for missing, wrong or malformed credentials', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: `Basic ${Buffer.from('integration:wrong').toString('base64')}` },
      { Authorization: `Basic ${Buffer.from('nobody:S3cret:with:colons').toString('base64')}` },
      { Authorization: 'Digest abc' },
      { Authorization: 'Bearer not-a-token' },
    ];
    for (const headers of attempts) {
      const res = await fetch(`${mock.url}${LIST}`, {
        headers: { Accept: 'application/json', ...headers },
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="Service-now"');
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.json()).toEqual(UNAUTHENTICATED);
    }
  });
});

describe('OAuth token endpoint', () => {
  it('password grant: a bearer token with expires_in, the same token while it lives', async () => {
    const res = await token({
      grant_type: 'password',
      client_id: 'cid',
      client_secret: 'csecret',
      username: 'integration',
      password: 'S3cret:with:colons',
    });
    expect(res.status).toBe(200);
    const first = (await res.json()) as TokenBody;
    expect(first.token_type).toBe('Bearer');
    expect(first.expires_in).toBe(59);
    expect(first.refresh_token).toBeTruthy();
    expect((await bearer(first.access_token)).status).toBe(200);

    clock += 10_000;
    const again = (await (
      await token({
        grant_type: 'password',
        client_id: 'cid',
        client_secret: 'csecret',
        username: 'integration',
        password: 'S3cret:with:colons',
      })
    ).json()) as TokenBody;
    expect(again.access_token).toBe(first.access_token);
    expect(again.expires_in).toBeLessThan(first.expires_in);

    clock += 60_000;
    const expired = await bearer(first.access_token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe('Basic realm="Service-now"');
    expect(await expired.json()).toEqual(UNAUTHENTICATED);

    const refreshed = await token({
      grant_type: 'refresh_token',
      client_id: 'cid',
      client_secret: 'csecret',
      refresh_token: first.refresh_token!,
    });
    expect(refreshed.status).toBe(200);
    const renewed = (await refreshed.json()) as TokenBody;
    expect(renewed.access_token).not.toBe(first.access_token);
    expect(renewed.refresh_token).toBe(first.refresh_token);
    const answer = await bearer(renewed.access_token);
    expect(answer.status).toBe(200);
    expect(mock.requests.at(-1)?.user).toBe('integration');

    clock += 600_000;
    const stale = await token({
      grant_type: 'refresh_token',
      client_id: 'cid',
      client_secret: 'csecret',
      refresh_token: first.refresh_token!,
    });
    expect(stale.status).toBe(400);
    expect(((await stale.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('client_credentials grant acts as the configured user, and is refused without one', async () => {
    const res = await token({
      grant_type: 'client_credentials',
      client_id: 'cid',
      client_secret: 'csecret',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as TokenBody;
    expect(body.refresh_token).toBeUndefined();
    expect((await bearer(body.access_token)).status).toBe(200);
    expect(mock.requests.at(-1)?.user).toBe('other');

    const refused = await token({
      grant_type: 'client_credentials',
      client_id: 'no-cc',
      client_secret: 'no-cc-secret',
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('unauthorized_client');
  });

  it('answers RFC 6749 errors', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [
        {
          grant_type: 'password',
          client_id: 'cid',
          client_secret: 'bad',
          username: 'integration',
          password: 'x',
        },
        401,
        'invalid_client',
      ],
      [
        {
          grant_type: 'password',
          client_id: 'nope',
          client_secret: 'csecret',
          username: 'integration',
          password: 'x',
        },
        401,
        'invalid_client',
      ],
      [
        {
          grant_type: 'password',
          client_id: 'cid',
          client_secret: 'csecret',
          username: 'integration',
          password: 'wrong',
        },
        400,
        'invalid_grant',
      ],
      [
        {
          grant_type: 'refresh_token',
          client_id: 'cid',
          client_secret: 'csecret',
          refresh_token: 'unknown',
        },
        400,
        'invalid_grant',
      ],
      [
        { grant_type: 'authorization_code', client_id: 'cid', client_secret: 'csecret', code: 'x' },
        400,
        'unsupported_grant_type',
      ],
    ];
    for (const [form, status, error] of cases) {
      const res = await token(form);
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: string; error_description: string };
      expect(body.error).toBe(error);
      expect(body.error_description).toBeTruthy();
    }
  });

  it('refuses a JSON body', async () => {
    const res = await fetch(`${mock.url}/oauth_token.do`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'password',
        client_id: 'cid',
        client_secret: 'csecret',
        username: 'integration',
        password: 'S3cret:with:colons',
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { access_token?: string }).access_token).toBeUndefined();
  });
});

describe('generated credentials', () => {
  it('creates one strong integration user and one OAuth client when none are given', async () => {
    const fresh = await startMock({ data: mock.data });
    try {
      expect(fresh.credentials.password.length).toBeGreaterThanOrEqual(20);
      expect(fresh.oauthClient.clientId).not.toBe('');
      expect((await call(fresh, LIST)).status).toBe(200);
      const res = await fetch(`${fresh.url}/oauth_token.do`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: fresh.oauthClient.clientId,
          client_secret: fresh.oauthClient.clientSecret,
          username: fresh.credentials.username,
          password: fresh.credentials.password,
        }).toString(),
      });
      expect(res.status).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it('rejects invalid options with a ConfigurationError naming the option', async () => {
    await expect(startMock({ timeZone: 'Mars/Olympus' })).rejects.toThrow(ConfigurationError);
    await expect(startMock({ timeZone: 'Mars/Olympus' })).rejects.toThrow(/timeZone/);
    await expect(startMock({ tokenLifetimeSeconds: -1 })).rejects.toThrow(/tokenLifetimeSeconds/);
  });
});

describe('sessions', () => {
  it('sets JSESSIONID and glide_session_store, and reuses the session named by the cookie', async () => {
    const before = mock.sessions;
    const first = await call(mock, LIST);
    const cookies = first.headers.getSetCookie();
    const jsession = cookies.find((c) => c.startsWith('JSESSIONID='));
    expect(jsession).toBeDefined();
    expect(cookies.some((c) => c.startsWith('glide_session_store='))).toBe(true);
    expect(mock.sessions).toBe(before + 1);
    const id = jsession!.split(';')[0]!.slice('JSESSIONID='.length);
    expect(mock.requests.at(-1)?.session).toBe(id);

    const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
    const second = await call(mock, LIST, { headers: { Cookie: cookie } });
    expect(second.status).toBe(200);
    expect(second.headers.getSetCookie()).toEqual([]);
    expect(mock.requests.at(-1)?.session).toBe(id);
    expect(mock.sessions).toBe(before + 1);

    // The session cookie alone authenticates, as on a real instance.
    const cookieOnly = await fetch(`${mock.url}${LIST}`, { headers: { Cookie: cookie } });
    expect(cookieOnly.status).toBe(200);

    // No cookie: a new session each time.
    await call(mock, LIST);
    expect(mock.sessions).toBe(before + 2);
  });

  async function hangFirstThenQueue(serializeSessions: boolean) {
    const server = await startMock({ data: mock.data, serializeSessions });
    const login = await call(server, LIST);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    server.setFaults({ hangMs: { ms: 60_000, times: 1 } });
    server.clearRequests();
    const stop = new AbortController();
    const hanging = call(server, LIST, { headers: { Cookie: cookie }, signal: stop.signal }).catch(
      (error: unknown) => error,
    );
    while (server.requests.length < 1) await new Promise((r) => setTimeout(r, 5));
    const queued = call(server, `${LIST}&queued=1`, { headers: { Cookie: cookie } });
    while (server.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
    const release = async () => {
      stop.abort();
      await hanging;
    };
    return { server, queued, release };
  }

  it('serializes requests of one session with serializeSessions, not across sessions', async () => {
    const { server, queued, release } = await hangFirstThenQueue(true);
    try {
      const other = await call(server, LIST);
      expect(other.status).toBe(200);
      // Another session was answered while the hanging request holds its session's lock.
      expect(server.requests[1]!.status).toBe(0);
      await release();
      expect((await queued).status).toBe(200);
      expect(server.requests[1]!.session).toBe(server.requests[0]!.session);
    } finally {
      await server.close();
    }
  });

  it('runs requests of one session side by side without serializeSessions', async () => {
    const { server, queued, release } = await hangFirstThenQueue(false);
    try {
      expect((await queued).status).toBe(200);
      expect(server.requests[0]!.status).toBe(0);
      await release();
    } finally {
      await server.close();
    }
  });
});
