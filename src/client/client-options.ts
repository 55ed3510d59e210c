/**
 * Options of `ServiceNowClient`: documented, defaulted in one place, validated once.
 *
 * @module
 */
import { z } from 'zod';
import { ConfigurationError } from '../core/index.js';
import type { AuthOptions } from './auth/index.js';
import { normalizeInstanceUrl } from './instance-url.js';
import type { FetchFunction, TlsOptions } from './transport/index.js';
import { DEFAULT_RETRY_OPTIONS, type RetryOptions, RetryPolicy } from './transport/index.js';

/** How many requests may run at once, and optionally how many may start per interval. */
export interface RateLimitOptions {
  /**
   * Requests in flight at once, across everything that shares the client (its paginators,
   * partitions, token requests, and clients derived with `withOptions` that keep this option).
   * 4 matches the instance's own per-node API semaphore.
   * @default 4
   */
  readonly maxInFlight?: number;
  /** Requests that may start per `interval` (p-queue's `intervalCap`). @default unlimited */
  readonly intervalCap?: number;
  /** Length of the `intervalCap` window, in milliseconds. Required with `intervalCap`. */
  readonly interval?: number;
}

/** Options of `new ServiceNowClient(options)`. */
export interface ServiceNowClientOptions {
  /**
   * The instance: `https://acme.service-now.com` (http and https only; no path, query,
   * fragment or credentials), or a bare instance name `acme`.
   */
  readonly instanceUrl: string;
  /** Basic, OAuth 2 or bearer authentication. */
  readonly auth: AuthOptions;
  /**
   * Time allowed for one attempt (connection, headers and the whole body), in milliseconds.
   * Matches ServiceNow's own 60 s REST transaction quota.
   * @default 60000
   */
  readonly timeoutMs?: number;
  /** Retry policy, as options or a `RetryPolicy`. @default new RetryPolicy() */
  readonly retry?: RetryOptions | RetryPolicy;
  /** In-flight cap and request budget. @default { maxInFlight: 4 } */
  readonly rateLimit?: RateLimitOptions;
  /** `User-Agent` header. @default 'servicenow-sync' */
  readonly userAgent?: string;
  /**
   * The `fetch` used for every request, e.g. one with its own undici dispatcher, or a stub in
   * tests. @default globalThis.fetch (keep-alive and gzip included)
   */
  readonly fetch?: FetchFunction;
  /**
   * Extra CA certificates trusted by this client only (a private CA in front of the instance).
   * Uses a keep-alive `node:https` agent of the client. Not combinable with `fetch`.
   */
  readonly tls?: TlsOptions;
  /**
   * Keep session cookies (one jar per in-flight slot), so a run reuses server sessions instead
   * of opening one per request. A 401 drops them.
   * @default true
   */
  readonly sessionCookies?: boolean;
}

/** The options after validation and defaults. */
export interface ResolvedClientOptions {
  readonly origin: string;
  readonly auth: AuthOptions;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly rateLimit: {
    readonly maxInFlight: number;
    readonly intervalCap: number | undefined;
    readonly interval: number | undefined;
  };
  readonly userAgent: string;
  readonly fetch: FetchFunction | undefined;
  readonly tls: TlsOptions | undefined;
  readonly sessionCookies: boolean;
}

/** The defaults, in one place. */
export const DEFAULT_CLIENT_OPTIONS = {
  timeoutMs: 60_000,
  maxInFlight: 4,
  userAgent: 'servicenow-sync',
  sessionCookies: true,
  retry: DEFAULT_RETRY_OPTIONS,
} as const;

const secret = z.string().min(1);
const positiveInt = z.number().int().min(1);

const authSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('basic'), username: z.string().min(1), password: secret }),
  z
    .strictObject({
      type: z.literal('oauth'),
      clientId: z.string().min(1),
      clientSecret: secret,
      username: z.string().min(1).optional(),
      password: secret.optional(),
      refreshToken: secret.optional(),
      scope: z.string().min(1).optional(),
    })
    .refine((auth) => (auth.username === undefined) === (auth.password === undefined), {
      message: 'username and password go together (password grant)',
      path: ['username'],
    }),
  z.strictObject({ type: z.literal('bearer'), token: secret }),
]);

const certificate = z.union([z.string().min(1), z.instanceof(Buffer)]);

const optionsSchema = z.strictObject({
  instanceUrl: z.string(),
  auth: authSchema,
  timeoutMs: positiveInt.optional(),
  retry: z
    .union([
      z.instanceof(RetryPolicy),
      z.strictObject({
        maxAttempts: positiveInt.optional(),
        baseDelayMs: z.number().min(0).optional(),
        maxDelayMs: z.number().min(0).optional(),
        maxRetryAfterMs: z.number().min(0).optional(),
        statuses: z.array(z.number().int().min(100).max(599)).optional(),
      }),
    ])
    .optional(),
  rateLimit: z
    .strictObject({
      maxInFlight: positiveInt.optional(),
      intervalCap: positiveInt.optional(),
      interval: z.number().min(0).finite().optional(),
    })
    .refine((limit) => limit.intervalCap === undefined || limit.interval !== undefined, {
      message: 'intervalCap needs interval (milliseconds)',
      path: ['interval'],
    })
    .optional(),
  userAgent: z.string().min(1).optional(),
  fetch: z
    .custom<FetchFunction>((value) => typeof value === 'function', 'expected a function')
    .optional(),
  tls: z.strictObject({ ca: z.union([certificate, z.array(certificate).min(1)]) }).optional(),
  sessionCookies: z.boolean().optional(),
});

/** Paths whose values are never echoed in messages. */
const SECRET_PATH = /^(auth|tls)(\.|$)|^fetch$/;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  return Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * Validates options and applies defaults. Throws a `ConfigurationError` whose message names each
 * bad option (`rateLimit.maxInFlight`) and the value received, except for secrets.
 */
export function resolveClientOptions(options: ServiceNowClientOptions): ResolvedClientOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        const names = issue.keys.map((key) => (path ? `${path}.${key}` : key));
        return `unknown option${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
      }
      const received = SECRET_PATH.test(path)
        ? ''
        : ` (received ${describeValue(valueAt(options, issue.path))})`;
      return `${path || '(options)'}: ${issue.message}${received}`;
    });
    const first = parsed.error.issues[0]?.path.map(String).join('.') ?? '';
    throw new ConfigurationError(`Invalid client options: ${issues.join('; ')}`, { option: first });
  }
  if (options.fetch !== undefined && options.tls !== undefined) {
    throw new ConfigurationError(
      'Invalid client options: tls cannot be combined with fetch (configure the CA in your fetch)',
      { option: 'tls' },
    );
  }
  const retry =
    options.retry instanceof RetryPolicy ? options.retry : new RetryPolicy(options.retry ?? {});
  return {
    origin: normalizeInstanceUrl(options.instanceUrl),
    auth: options.auth,
    timeoutMs: options.timeoutMs ?? DEFAULT_CLIENT_OPTIONS.timeoutMs,
    retry,
    rateLimit: {
      maxInFlight: options.rateLimit?.maxInFlight ?? DEFAULT_CLIENT_OPTIONS.maxInFlight,
      intervalCap: options.rateLimit?.intervalCap,
      interval: options.rateLimit?.interval,
    },
    userAgent: options.userAgent ?? DEFAULT_CLIENT_OPTIONS.userAgent,
    fetch: options.fetch,
    tls: options.tls,
    sessionCookies: options.sessionCookies ?? DEFAULT_CLIENT_OPTIONS.sessionCookies,
  };
}

/**
 * The options of a client derived with `withOptions(overrides)`: the overrides win; `retry`
 * options are merged over the current policy's (a `RetryPolicy` replaces it) and `rateLimit`
 * over the base's.
 */
export function mergeClientOptions(
  base: ServiceNowClientOptions,
  current: ResolvedClientOptions,
  overrides: Partial<ServiceNowClientOptions>,
): ServiceNowClientOptions {
  const retry =
    overrides.retry === undefined
      ? base.retry
      : overrides.retry instanceof RetryPolicy
        ? overrides.retry
        : { ...current.retry.toOptions(), ...overrides.retry };
  return {
    ...base,
    ...overrides,
    ...(retry === undefined ? {} : { retry }),
    ...(overrides.rateLimit === undefined
      ? {}
      : { rateLimit: { ...base.rateLimit, ...overrides.rateLimit } }),
  };
}
