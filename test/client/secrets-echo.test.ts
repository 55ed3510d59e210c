/**
 * The `echoRequest` fault answers every request with an error that carries its URL, headers
 * and body back: no secret the client sent (password, client secret, refresh and access
 * tokens, the Basic header, session cookies) may survive in the error, its causes, its
 * serialization or the debug output, in any of the encodings it travelled in.
 */
import { inspect } from 'node:util';
import createDebug from 'debug';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthOptions, ServiceNowClient } from '../../src/client/index.js';
import { createMockServiceNow, type MockServiceNow } from '../../src/mock/index.js';
import { SecretSpy } from '../support/secret-spy.js';
import { collect, FAST_RETRY, rejectionOf } from './mock-harness.js';

/** Characters that URL, form and JSON encodings each write differently. */
const PASSWORD = 'p@ss w0rd!&=+%x';
const CLIENT_SECRET = 'cl1ent s3cret/&+!';
const USER = { username: 'integration.echo', password: PASSWORD };
const OAUTH_CLIENT = { clientId: 'echo-client-id', clientSecret: CLIENT_SECRET };

const debugLines: string[] = [];
const spy = new SecretSpy();
const remember = (secret: string) => spy.remember(secret);
let mock: MockServiceNow;
let previousLog: typeof createDebug.log;

beforeAll(async () => {
  previousLog = createDebug.log;
  createDebug.log = (...args: unknown[]) => {
    debugLines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
  };
  createDebug.enable('servicenow-sync:*,-servicenow-sync:mock');
  mock = await createMockServiceNow({
    seed: 21,
    scale: 30,
    users: [USER],
    oauthClients: [OAUTH_CLIENT],
  });
  remember(PASSWORD);
  remember(CLIENT_SECRET);
});

afterAll(async () => {
  createDebug.disable();
  createDebug.log = previousLog;
  await mock.close();
});

function client(auth: AuthOptions): ServiceNowClient {
  return new ServiceNowClient({
    instanceUrl: mock.url,
    auth,
    retry: { ...FAST_RETRY, maxAttempts: 2 },
    fetch: spy.fetch,
  });
}

/** Every text an error shows: message, stack, inspection, JSON, and the same of its causes. */
function textsOf(error: unknown): string[] {
  const texts = [String(error), inspect(error, { depth: 10, showHidden: true })];
  texts.push(JSON.stringify(error));
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    texts.push(String(cause.stack), cause.message);
  }
  return texts;
}

describe('an instance that echoes the request into its error', () => {
  it('echoes the URL, every header and the body', async () => {
    mock.setFaults({ echoRequest: { status: 418 } });
    const response = await fetch(`${mock.url}/oauth_token.do?x=1`, {
      method: 'POST',
      headers: { cookie: 'JSESSIONID=abc123', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&password=hunter22',
    });
    expect(response.status).toBe(418);
    const body = (await response.json()) as { error: { message: string; detail: string } };
    expect(body.error.message).toBe('Echoed request: POST /oauth_token.do?x=1');
    const echoed = JSON.parse(body.error.detail) as {
      url: string;
      headers: Record<string, string>;
      body: string;
    };
    expect(echoed.url).toBe('/oauth_token.do?x=1');
    expect(echoed.headers.cookie).toBe('JSESSIONID=abc123');
    expect(echoed.body).toBe('grant_type=password&password=hunter22');
    expect(mock.requests.at(-1)?.fault).toBe('echoRequest');
    mock.setFaults({});
  });

  it('never gets a secret the client sent into an error or a debug line', async () => {
    const basic = client({ type: 'basic', ...USER });
    const password = client({ type: 'oauth', ...OAUTH_CLIENT, ...USER });
    const credentials = client({ type: 'oauth', ...OAUTH_CLIENT });
    const refresh = client({ type: 'oauth', ...OAUTH_CLIENT, refreshToken: 'r3fresh t0ken/+&' });
    const bearer = client({ type: 'bearer', token: 'b3arer-t0ken+/=' });
    remember('r3fresh t0ken/+&');
    remember('b3arer-t0ken+/=');
    // A healthy request first: sessions set cookies, OAuth clients hold an access token.
    await basic.count('incident');
    await password.count('incident');
    const errors: unknown[] = [];
    for (const status of [400, 401, 403, 500]) {
      mock.setFaults({ echoRequest: { status } });
      for (const c of [basic, password, credentials, refresh, bearer]) {
        errors.push(await rejectionOf(collect(c.records('incident', { pageSize: 5 }))));
        errors.push(await rejectionOf(c.count('incident', 'active=true')));
      }
    }
    mock.setFaults({});
    const echoes = mock.requests.filter((r) => r.fault === 'echoRequest');
    expect(echoes.some((r) => r.path === '/oauth_token.do')).toBe(true);
    expect(echoes.some((r) => r.path.startsWith('/api/now/table/incident'))).toBe(true);
    expect(errors).toHaveLength(40);
    // The echo did arrive: the errors carry the echoed URL (redacted) and headers.
    expect(errors.map((e) => String(e)).some((t) => t.includes('Echoed request'))).toBe(true);
    expect([...spy.secrets].some((s) => s.startsWith('Basic '))).toBe(true);
    expect([...spy.secrets].some((s) => s.startsWith('Bearer '))).toBe(true);
    expect(spy.secrets.size).toBeGreaterThan(20);
    expect(debugLines.length).toBeGreaterThan(10);
    expect(spy.leaks([...debugLines, ...errors.flatMap(textsOf)])).toEqual([]);
    await Promise.all([basic, password, credentials, refresh, bearer].map((c) => c.close()));
  });
});
