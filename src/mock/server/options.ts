/**
 * Options of {@link createMockServiceNow}, their defaults and their validation.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { ConfigurationError } from '../../core/index.js';
import type { MockScale } from '../data/mock-scale.js';
import type { MockDataStore } from '../types.js';
import type { MockFaults } from './faults.js';

/** A user the mock accepts with Basic auth and the OAuth password grant. */
export interface MockUser {
  readonly username: string;
  readonly password: string;
  /**
   * IANA time zone of the user: display values and `gs.dateGenerate()` are read in it.
   * @default the server's `timeZone`
   */
  readonly timeZone?: string;
}

/** An OAuth client (an Application Registry entry). */
export interface MockOAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * User name the `client_credentials` grant acts as ("OAuth Application User"). Without it
   * that grant is refused, as on an instance where it is not enabled.
   */
  readonly clientCredentialsUser?: string;
}

/**
 * Options of {@link createMockServiceNow}.
 *
 * @example
 * ```ts
 * const mock = await createMockServiceNow({ seed: 1, scale: 200, timeZone: 'America/Los_Angeles' });
 * ```
 */
export interface MockServiceNowOptions {
  /** Seed of the generated data (and of the fault random generator). @default 1 */
  readonly seed?: number;
  /**
   * Size of the generated data, passed to `createMockData`: a number of incidents (other tables
   * derive from it), or row counts per table. @default 2000 incidents
   */
  readonly scale?: number | Partial<MockScale>;
  /** A ready data store to serve instead of generating one (then `seed`/`scale` only seed faults). */
  readonly data?: MockDataStore;
  /**
   * Accepted users. @default one integration user with generated strong credentials, reported
   * in `credentials`
   */
  readonly users?: readonly MockUser[];
  /**
   * OAuth clients. @default one client with generated credentials, reported in `oauthClient`,
   * whose `client_credentials` grant acts as the first user
   */
  readonly oauthClients?: readonly MockOAuthClient[];
  /** IANA time zone of users that set none (display values, `gs.dateGenerate`). @default 'UTC' */
  readonly timeZone?: string;
  /** Failure injection from the start; change it later with `setFaults`. @default none */
  readonly faults?: MockFaults;
  /** TCP port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Lifetime of OAuth access tokens, in seconds. @default 1800 */
  readonly tokenLifetimeSeconds?: number;
  /** Lifetime of OAuth refresh tokens, in seconds. @default 8640000 (100 days) */
  readonly refreshTokenLifetimeSeconds?: number;
  /**
   * Answer 403 `Insufficient rights to query records` when `sysparm_query` names an unknown
   * field, instead of dropping the term as a default instance does. @default false
   */
  readonly strictQueryFields?: boolean;
  /** Run requests that share a `JSESSIONID` cookie one at a time, as one node does. @default false */
  readonly serializeSessions?: boolean;
  /**
   * The instance's clock, epoch milliseconds: token expiry, `X-RateLimit-Reset`, `gs.*` date
   * helpers in queries. Request-log times and `requestsPerSecond` use the real clock.
   * @default Date.now
   */
  readonly now?: () => number;
}

/** Options with defaults applied. @internal */
export interface ResolvedMockOptions {
  readonly seed: number;
  readonly scale: number | Partial<MockScale> | undefined;
  readonly data: MockDataStore | undefined;
  readonly users: readonly Required<MockUser>[];
  readonly oauthClients: readonly MockOAuthClient[];
  readonly timeZone: string;
  readonly faults: MockFaults;
  readonly port: number;
  readonly host: string;
  readonly tokenLifetimeSeconds: number;
  readonly refreshTokenLifetimeSeconds: number;
  readonly strictQueryFields: boolean;
  readonly serializeSessions: boolean;
  readonly now: () => number;
}

function fail(option: string, message: string, value: unknown): never {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  throw new ConfigurationError(
    `createMockServiceNow: option "${option}" ${message}, got ${shown}`,
    {
      option,
    },
  );
}

function checkTimeZone(option: string, zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    fail(option, 'must be an IANA time zone', zone);
  }
  return zone;
}

function checkPositive(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) fail(option, 'must be a positive number', value);
  return value;
}

function strongSecret(): string {
  // 24 random bytes in base64url, plus one of each character class some password rules demand.
  return `${randomBytes(24).toString('base64url')}-Aa1`;
}

/** Validates options and fills defaults (generated credentials included). @internal */
export function resolveMockOptions(options: MockServiceNowOptions = {}): ResolvedMockOptions {
  const timeZone = checkTimeZone('timeZone', options.timeZone ?? 'UTC');
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail('port', 'must be an integer from 0 to 65535', port);
  }
  const users = (options.users ?? [{ username: 'sn.integration', password: strongSecret() }]).map(
    (user, index) => {
      if (!user.username || user.username.includes(':')) {
        fail(`users[${index}].username`, 'must be non-empty and contain no ":"', user.username);
      }
      if (!user.password) fail(`users[${index}].password`, 'must be non-empty', '""');
      return {
        username: user.username,
        password: user.password,
        timeZone: checkTimeZone(`users[${index}].timeZone`, user.timeZone ?? timeZone),
      };
    },
  );
  if (users.length === 0) fail('users', 'must list at least one user', '[]');
  const oauthClients = options.oauthClients ?? [
    {
      clientId: randomBytes(16).toString('hex'),
      clientSecret: strongSecret(),
      clientCredentialsUser: users[0]!.username,
    },
  ];
  oauthClients.forEach((client, index) => {
    if (!client.clientId) fail(`oauthClients[${index}].clientId`, 'must be non-empty', '""');
    if (!client.clientSecret)
      fail(`oauthClients[${index}].clientSecret`, 'must be non-empty', '""');
    const ccUser = client.clientCredentialsUser;
    if (ccUser !== undefined && !users.some((user) => user.username === ccUser)) {
      fail(`oauthClients[${index}].clientCredentialsUser`, 'must name one of the users', ccUser);
    }
  });
  return {
    seed: options.seed ?? 1,
    scale: options.scale,
    data: options.data,
    users,
    oauthClients,
    timeZone,
    faults: options.faults ?? {},
    port,
    host: options.host ?? '127.0.0.1',
    tokenLifetimeSeconds: checkPositive('tokenLifetimeSeconds', options.tokenLifetimeSeconds, 1800),
    refreshTokenLifetimeSeconds: checkPositive(
      'refreshTokenLifetimeSeconds',
      options.refreshTokenLifetimeSeconds,
      8_640_000,
    ),
    strictQueryFields: options.strictQueryFields ?? false,
    serializeSessions: options.serializeSessions ?? false,
    now: options.now ?? Date.now,
  };
}
