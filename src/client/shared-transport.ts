/**
 * The parts of a client that clients derived with `withOptions()` share when the options that
 * shape them did not change: the request queue (so the in-flight cap stays global), the rate
 * gate, session cookie jars, the fetch with its agent, and the auth provider with its token.
 *
 * @module
 */
import { type $Fetch, createFetch } from 'ofetch';
import PQueue from 'p-queue';
import type { AuthOptions } from './auth-options.js';
import { type AuthProvider, BasicAuthProvider, BearerAuthProvider } from './auth-provider.js';
import type { ResolvedClientOptions } from './client-options.js';
import { CookieJarPool } from './cookie-jar.js';
import { createNodeFetch, type FetchFunction } from './node-fetch.js';
import { OAuthTokenSource, type TokenRequester } from './oauth-token-source.js';
import { RateGate } from './rate-gate.js';
import { SecretRedactor } from './redact.js';

/** A resource shared by reference count; disposed when the last holder releases it. */
export class Shared<T> {
  #refs = 1;
  readonly value: T;
  readonly #dispose: (value: T) => void;

  constructor(value: T, dispose: (value: T) => void = () => {}) {
    this.value = value;
    this.#dispose = dispose;
  }

  /** Takes one more reference. */
  retain(): this {
    this.#refs++;
    return this;
  }

  /** Drops one reference; disposes the value with the last one. */
  release(): void {
    this.#refs--;
    if (this.#refs === 0) this.#dispose(this.value);
  }
}

/** Request slots and the 429 pause. */
export interface Scheduler {
  readonly queue: PQueue;
  readonly gate: RateGate;
}

/** Session cookie jars (absent when `sessionCookies` is off). */
export interface Sessions {
  readonly cookies: CookieJarPool | undefined;
}

/** Authentication and the secrets it knows. */
export interface Credentials {
  readonly provider: AuthProvider;
  readonly redactor: SecretRedactor;
}

/** Creates the scheduler of `rateLimit`. */
export function createScheduler(options: ResolvedClientOptions): Shared<Scheduler> {
  const { maxInFlight, intervalCap, interval } = options.rateLimit;
  const queue = new PQueue({
    concurrency: maxInFlight,
    ...(intervalCap === undefined ? {} : { intervalCap, interval: interval ?? 0 }),
  });
  return new Shared({ queue, gate: new RateGate() });
}

/** Creates the cookie jar pool. */
export function createSessions(options: ResolvedClientOptions): Shared<Sessions> {
  return new Shared({ cookies: options.sessionCookies ? new CookieJarPool() : undefined });
}

/** Creates the ofetch instance over the user's fetch, a CA-aware node fetch, or global fetch. */
export function createFetcher(options: ResolvedClientOptions): Shared<$Fetch> {
  let fetchImpl: FetchFunction;
  let close: () => void = () => {};
  if (options.fetch !== undefined) {
    fetchImpl = options.fetch;
  } else if (options.tls !== undefined) {
    const nodeFetch = createNodeFetch(options.tls);
    fetchImpl = nodeFetch.fetch;
    close = nodeFetch.close;
  } else {
    fetchImpl = (input, init) => globalThis.fetch(input, init);
  }
  const fetcher = createFetch({ fetch: fetchImpl as typeof globalThis.fetch });
  return new Shared(fetcher, close);
}

/** Creates the auth provider; `requestToken` sends OAuth token requests. */
export function createCredentials(
  auth: AuthOptions,
  requestToken: TokenRequester,
): Shared<Credentials> {
  const redactor = new SecretRedactor();
  let provider: AuthProvider;
  if (auth.type === 'basic') {
    const basic = new BasicAuthProvider(auth);
    redactor.add(auth.password, basic.header.slice('Basic '.length));
    provider = basic;
  } else if (auth.type === 'bearer') {
    redactor.add(auth.token);
    provider = new BearerAuthProvider(auth);
  } else {
    provider = new OAuthTokenSource(auth, requestToken, redactor);
  }
  return new Shared({ provider, redactor }, (value) => value.provider.close());
}

/** Whether two auth options are the same credentials. */
export function sameAuth(a: AuthOptions, b: AuthOptions): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (
      (a as unknown as Record<string, unknown>)[key] !==
      (b as unknown as Record<string, unknown>)[key]
    ) {
      return false;
    }
  }
  return true;
}
