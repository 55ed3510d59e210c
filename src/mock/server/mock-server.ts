/**
 * `createMockServiceNow()`: a local HTTP server that answers like a ServiceNow instance's
 * Table, Stats and OAuth endpoints, over a seeded data store, with failure injection.
 *
 * @module
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockData } from '../data/index.js';
import type { MockDataStore } from '../types.js';
import { FaultEngine } from './fault-engine.js';
import type { MockFaults } from './faults.js';
import type { HandlerState } from './handler-state.js';
import { OAuthTokens } from './oauth-tokens.js';
import {
  type MockServiceNowOptions,
  type ResolvedMockOptions,
  resolveMockOptions,
} from './options.js';
import { handleRequest } from './request-handler.js';
import type { MockRequestLogEntry } from './request-log.js';
import { SessionRegistry } from './sessions.js';
import { addUserRows } from './user-rows.js';

/**
 * A running mock instance. Close it with `close()` or `await using`.
 *
 * @example
 * ```ts
 * await using mock = await createMockServiceNow({ scale: 100 });
 * const auth = Buffer.from(`${mock.credentials.username}:${mock.credentials.password}`);
 * const res = await fetch(`${mock.url}/api/now/table/incident?sysparm_limit=5`, {
 *   headers: { Accept: 'application/json', Authorization: `Basic ${auth.toString('base64')}` },
 * });
 * ```
 */
export interface MockServiceNow {
  /** Base URL of the instance, no trailing slash (`http://127.0.0.1:49152`). */
  readonly url: string;
  /** The live data store: read it, or insert/update/delete rows between requests. */
  readonly data: MockDataStore;
  /** Every request received, in arrival order (append-only; see `clearRequests`). */
  readonly requests: readonly MockRequestLogEntry[];
  /** The first user's credentials (the generated integration user when `users` was not given). */
  readonly credentials: { readonly username: string; readonly password: string };
  /** The first OAuth client (generated when `oauthClients` was not given). */
  readonly oauthClient: { readonly clientId: string; readonly clientSecret: string };
  /** Number of sessions (`JSESSIONID`s) created so far. */
  readonly sessions: number;
  /** Replaces every fault switch (and restarts their counters); `{}` or no argument clears them. */
  setFaults(faults?: MockFaults): void;
  /** Empties `requests` in place (ids keep counting). */
  clearRequests(): void;
  /** Stops listening, drops keep-alive and in-flight connections, ends pending delays. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Starts a mock ServiceNow instance on a local port.
 *
 * @param options - data, users, OAuth clients, time zone, faults; all optional.
 * @returns the running instance, once it listens.
 * @throws ConfigurationError when an option is invalid.
 *
 * @example
 * ```ts
 * const mock = await createMockServiceNow({ seed: 42, scale: 500, faults: { latencyMs: 5 } });
 * try {
 *   // point a ServiceNowClient at mock.url with mock.credentials
 * } finally {
 *   await mock.close();
 * }
 * ```
 */
export async function createMockServiceNow(
  options: MockServiceNowOptions = {},
): Promise<MockServiceNow> {
  const resolved = resolveMockOptions(options);
  const store =
    resolved.data ??
    createMockData({
      seed: resolved.seed,
      ...(resolved.scale === undefined ? {} : { scale: resolved.scale }),
      ...(options.now === undefined ? {} : { now: resolved.now(), clock: resolved.now }),
    });
  addUserRows(store, resolved.users);
  const shutdown = new AbortController();
  const state = handlerState(resolved, store, shutdown.signal);
  const server = createServer((req, res) => {
    void handleRequest(state, req, res);
  });
  state.baseUrl = await listen(server, resolved.port, resolved.host);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      shutdown.abort();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return mockServiceNow(state, close);
}

/** The state the handler shares across the requests of one instance. */
function handlerState(
  resolved: ResolvedMockOptions,
  store: MockDataStore,
  shutdown: AbortSignal,
): HandlerState {
  return {
    options: resolved,
    store,
    faults: new FaultEngine(resolved.seed, resolved.faults),
    sessions: new SessionRegistry(),
    oauth: new OAuthTokens({
      users: resolved.users,
      clients: resolved.oauthClients,
      now: resolved.now,
      tokenLifetimeSeconds: resolved.tokenLifetimeSeconds,
      refreshTokenLifetimeSeconds: resolved.refreshTokenLifetimeSeconds,
    }),
    log: [],
    shutdown,
    baseUrl: '',
    nextId: 0,
    inFlight: 0,
  };
}

/** Starts listening; resolves with the base URL (`http://127.0.0.1:49152`). */
async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${address.port}`;
}

/** The handle of a running instance. */
function mockServiceNow(state: HandlerState, close: () => Promise<void>): MockServiceNow {
  const firstUser = state.options.users[0]!;
  const firstClient = state.options.oauthClients[0];
  return {
    url: state.baseUrl,
    data: state.store,
    requests: state.log,
    credentials: { username: firstUser.username, password: firstUser.password },
    oauthClient: {
      clientId: firstClient?.clientId ?? '',
      clientSecret: firstClient?.clientSecret ?? '',
    },
    get sessions() {
      return state.sessions.created;
    },
    setFaults: (faults) => state.faults.set(faults),
    clearRequests: () => {
      state.log.length = 0;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
