import { inspect } from 'node:util';
import createDebug from 'debug';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthOptions, type FetchFunction, ServiceNowClient } from '../../src/client/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { collect, FAST_RETRY, rejectionOf, startMock } from './mock-harness.js';

const debugLines: string[] = [];
const secrets = new Set<string>();
let mock: MockServiceNow;
let clock = Date.parse('2025-03-01T00:00:00Z');
let previousLog: typeof createDebug.log;

/** A fetch that remembers every credential sent or received, to look for them afterwards. */
const spyingFetch: FetchFunction = async (input, init) => {
  const headers = new Headers(init?.headers);
  const authorization = headers.get('authorization');
  if (authorization) {
    secrets.add(authorization);
    secrets.add(authorization.replace(/^\w+ /, ''));
  }
  const response = await globalThis.fetch(input, init);
  if (String(input).includes('/oauth_token.do')) {
    const body = (await response.clone().json()) as Record<string, unknown>;
    for (const key of ['access_token', 'refresh_token']) {
      if (typeof body[key] === 'string') secrets.add(body[key] as string);
    }
  }
  return response;
};

beforeAll(async () => {
  previousLog = createDebug.log;
  createDebug.log = (...args: unknown[]) => {
    debugLines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
  };
  createDebug.enable('servicenow-sync:*');
  mock = await startMock(60, { now: () => clock });
  secrets.add(mock.credentials.password);
  secrets.add(mock.oauthClient.clientSecret);
});

afterAll(async () => {
  createDebug.disable();
  createDebug.log = previousLog;
  await mock.close();
});

function client(auth: AuthOptions) {
  return new ServiceNowClient({
    instanceUrl: mock.url,
    auth,
    retry: { ...FAST_RETRY, maxAttempts: 2 },
    timeoutMs: 200,
    fetch: spyingFetch,
  });
}

describe('secrets never leak', () => {
  it('from errors, their causes, their serialization, or debug output', async () => {
    const errors: unknown[] = [];
    const wrongPassword = 'wr0ng-Passw0rd!';
    const wrongSecret = 'wr0ng-Cl1ent-Secret';
    secrets.add(wrongPassword);
    secrets.add(wrongSecret);
    const basic = client({ type: 'basic', ...mock.credentials });
    const oauth = client({ type: 'oauth', ...mock.oauthClient, ...mock.credentials });

    // Successful traffic with debug on.
    await collect(basic.records('incident', { pageSize: 20 }));
    await oauth.count('incident');
    // Failures of every kind.
    errors.push(
      await rejectionOf(
        client({
          type: 'basic',
          username: mock.credentials.username,
          password: wrongPassword,
        }).count('incident'),
      ),
    );
    errors.push(
      await rejectionOf(
        client({
          type: 'oauth',
          clientId: mock.oauthClient.clientId,
          clientSecret: wrongSecret,
        }).count('incident'),
      ),
    );
    errors.push(
      await rejectionOf(
        client({ type: 'oauth', ...mock.oauthClient, refreshToken: 'r3fresh-t0ken-value' }).count(
          'incident',
        ),
      ),
    );
    secrets.add('r3fresh-t0ken-value');
    clock += 3600_000; // token expired on the instance: 401, renewal
    await oauth.count('incident');
    errors.push(
      await rejectionOf(client({ type: 'bearer', token: 'b3arer-t0ken-value' }).count('incident')),
    );
    secrets.add('b3arer-t0ken-value');
    for (const faults of [
      { hibernate: true as const },
      { rateLimit: { retryAfterSeconds: 3600 } },
      { serverErrors: { status: 503 as const } },
      { truncateJson: true as const },
      { quotaCancel: true as const },
      { hangMs: 2000 },
    ]) {
      mock.setFaults(faults);
      errors.push(await rejectionOf(collect(oauth.records('incident', { pageSize: 20 }))));
      errors.push(await rejectionOf(collect(basic.records('incident', { pageSize: 20 }))));
    }
    mock.setFaults({ serverErrors: { status: 503 } });
    errors.push(await rejectionOf(basic.count('incident')));
    mock.setFaults({});
    errors.push(
      await rejectionOf(basic.count('incident', 'active=true', { signal: AbortSignal.abort() })),
    );
    errors.push(await rejectionOf(collect(oauth.records('incidnt'))));

    expect(errors.length).toBeGreaterThan(10);
    expect(debugLines.length).toBeGreaterThan(10);
    expect(
      [...secrets].filter((s) => s.startsWith('Bearer') || s.startsWith('Basic')).length,
    ).toBeGreaterThan(0);

    const texts: string[] = [
      ...debugLines,
      inspect(basic, { depth: 10 }),
      inspect(oauth, { depth: 10 }),
    ];
    for (const error of errors) {
      texts.push(
        String(error),
        inspect(error, { depth: 10, showHidden: true }),
        JSON.stringify(error),
      );
      let cause: unknown = error;
      while (cause instanceof Error) {
        texts.push(String(cause.stack), cause.message);
        cause = cause.cause;
      }
    }
    texts.push(JSON.stringify(basic.metrics), JSON.stringify(oauth.metrics));
    for (const text of texts) {
      for (const secret of secrets) {
        if (text.includes(secret)) throw new Error(`secret leaked in: ${text.slice(0, 500)}`);
      }
    }
    await Promise.all([basic.close(), oauth.close()]);
  });
});
