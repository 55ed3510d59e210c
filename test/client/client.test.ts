import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetryPolicy, ServiceNowClient } from '../../src/client/index.js';
import { ConfigurationError } from '../../src/core/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import {
  basicClient,
  delay,
  oauthClient,
  rejectionOf,
  startMock,
  tokenRequests,
} from './mock-harness.js';

let mock: MockServiceNow;
beforeAll(async () => {
  mock = await startMock(20);
});
afterAll(async () => {
  await mock.close();
});

describe('ServiceNowClient lifecycle and derivation', () => {
  it('validates options at construction', () => {
    expect(
      () =>
        new ServiceNowClient({ instanceUrl: 'ftp://x', auth: { type: 'bearer', token: 'abcd' } }),
    ).toThrow(ConfigurationError);
    expect(
      () =>
        new ServiceNowClient({
          instanceUrl: mock.url,
          auth: { type: 'bearer', token: 'abcd' },
          timeoutMs: 0,
        }),
    ).toThrow(/timeoutMs/);
  });

  it('withOptions derives a client and leaves the original untouched', async () => {
    const client = basicClient(mock, { timeoutMs: 5000 });
    const derived = client.withOptions({ timeoutMs: 9000, retry: { maxAttempts: 2 } });
    expect(client.settings.timeoutMs).toBe(5000);
    expect(derived.settings.timeoutMs).toBe(9000);
    expect(derived.settings.retry.maxAttempts).toBe(2);
    expect(derived.settings.retry.baseDelayMs).toBe(client.settings.retry.baseDelayMs);
    const policy = new RetryPolicy({ maxAttempts: 3 });
    expect(client.withOptions({ retry: policy }).settings.retry).toBe(policy);
    expect(derived.instanceUrl).toBe(mock.url);
    await derived.count('incident');
    expect(derived.metrics.requests).toBe(1);
    expect(client.metrics.requests).toBe(1);
    await Promise.all([client.close(), derived.close()]);
  });

  it('derived clients share the OAuth token unless the auth changes', async () => {
    mock.clearRequests();
    const client = oauthClient(mock);
    const same = client.withOptions({ timeoutMs: 10_000 });
    await client.count('incident');
    await same.count('incident');
    expect(tokenRequests(mock)).toHaveLength(1);
    const other = client.withOptions({ auth: { type: 'oauth', ...mock.oauthClient } });
    await other.count('incident');
    expect(tokenRequests(mock)).toHaveLength(2);
    await Promise.all([client.close(), same.close(), other.close()]);
  });

  it('close() aborts in-flight requests and refuses new calls; a derived client lives on', async () => {
    const client = basicClient(mock);
    const derived = client.withOptions({});
    mock.setFaults({ latencyMs: 300 });
    const pending = client.count('incident');
    await delay(50);
    await client.close();
    const error = await rejectionOf(pending);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(() => client.paginate('incident')).toThrow(/closed/);
    await expect(client.count('incident')).rejects.toThrow(/closed/);
    mock.setFaults({});
    expect(await derived.count('incident')).toBe(mock.data.count('incident'));
    await client.close();
    await derived.close();
  });

  it('supports await using', async () => {
    let outer: ServiceNowClient | undefined;
    {
      await using client = basicClient(mock);
      outer = client;
      await client.count('incident');
    }
    await expect(outer.count('incident')).rejects.toThrow(ConfigurationError);
  });

  it('validates arguments before any request', async () => {
    const client = basicClient(mock);
    mock.clearRequests();
    expect(() => client.paginate('Incident; DROP')).toThrow(/Invalid table/);
    expect(() => client.paginate('incident', { pageSize: 0 })).toThrow(/pageSize/);
    expect(() => client.paginate('incident', { fields: ['bad field'] })).toThrow(/fields/);
    expect(() => client.paginate('incident', { strategy: 'offset', partitions: 2 })).toThrow(
      /partitions/,
    );
    expect(() => client.paginate('incident', { query: 'active=true^ORDERBYnumber' })).toThrow(
      /ORDERBY/,
    );
    await expect(client.get('incident', '../sys_user')).rejects.toThrow(/sysId/);
    expect(mock.requests).toHaveLength(0);
    await client.close();
  });
});
