/** Shared set-up for the client's tests against the mock ServiceNow server. */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ServiceNowClient, type ServiceNowClientOptions } from '../../src/client/index.js';
import {
  createMockServiceNow,
  type MockRequestLogEntry,
  type MockServiceNow,
  type MockServiceNowOptions,
} from '../../src/mock/index.js';

/** Retries with tiny delays, so fault tests stay fast. */
export const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 } as const;

/** A small mock instance (`incidents` incidents). */
export function startMock(
  incidents = 300,
  options: MockServiceNowOptions = {},
): Promise<MockServiceNow> {
  return createMockServiceNow({ seed: 7, scale: incidents, ...options });
}

/** A Basic-auth client for the mock, with fast retries. */
export function basicClient(
  mock: MockServiceNow,
  overrides: Partial<ServiceNowClientOptions> = {},
): ServiceNowClient {
  return new ServiceNowClient({
    instanceUrl: mock.url,
    auth: { type: 'basic', ...mock.credentials },
    retry: FAST_RETRY,
    ...overrides,
  });
}

/** An OAuth client for the mock (password grant unless `grant` says otherwise). */
export function oauthClient(
  mock: MockServiceNow,
  grant: 'password' | 'client_credentials' = 'password',
  overrides: Partial<ServiceNowClientOptions> = {},
): ServiceNowClient {
  return new ServiceNowClient({
    instanceUrl: mock.url,
    auth:
      grant === 'password'
        ? { type: 'oauth', ...mock.oauthClient, ...mock.credentials }
        : { type: 'oauth', ...mock.oauthClient },
    retry: FAST_RETRY,
    ...overrides,
  });
}

/**
 * Registers the usual hooks of a test file: one mock for the file (`incidents` incidents), and
 * before each test no faults, an empty request log and a fresh Basic-auth client, all closed at
 * the end. `use` receives the mock, the current client, and `keep`, which closes any other
 * client a test makes at the end of the file.
 */
export function useMockClient(
  incidents: number,
  use: (current: {
    mock: MockServiceNow;
    client: ServiceNowClient;
    keep: (other: ServiceNowClient) => void;
  }) => void,
): void {
  let mock: MockServiceNow | undefined;
  const clients: ServiceNowClient[] = [];
  beforeAll(async () => {
    mock = await startMock(incidents);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await mock?.close();
  });
  beforeEach(() => {
    if (mock === undefined) throw new Error('the mock did not start');
    mock.setFaults({});
    mock.clearRequests();
    const client = basicClient(mock);
    clients.push(client);
    use({ mock, client, keep: (other) => clients.push(other) });
  });
}

/** Requests to one table's list endpoint. */
export function listRequests(mock: MockServiceNow, table = 'incident'): MockRequestLogEntry[] {
  return mock.requests.filter((r) => r.path === `/api/now/table/${table}`);
}

/** Token requests. */
export function tokenRequests(mock: MockServiceNow): MockRequestLogEntry[] {
  return mock.requests.filter((r) => r.path === '/oauth_token.do');
}

/** Every sys_id of a table, sorted. */
export function allSysIds(mock: MockServiceNow, table = 'incident'): string[] {
  return [...mock.data.rows(table)].map((row) => row.sys_id ?? '').sort();
}

/** Resolves after `ms` milliseconds. */
export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Collects an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** The rejection of a promise (fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
