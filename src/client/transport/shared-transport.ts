/**
 * The transport parts a client shares with the clients derived from it while the options that
 * shape them did not change: the request queue (so the in-flight cap stays global), the rate
 * gate, session cookie jars, and the fetch with its agent.
 *
 * @module
 */
import { createFetch } from 'ofetch';
import PQueue from 'p-queue';
import { CookieJarPool } from './cookie-jar.js';
import { createNodeFetch, type FetchFunction, type TlsOptions } from './node-fetch.js';
import { RateGate } from './rate-gate.js';
import type { RawFetcher } from './request-spec.js';
import { Shared } from './shared.js';

/** Request slots and the 429 pause. */
export interface Scheduler {
  /** The in-flight cap and the request budget. */
  readonly queue: PQueue;
  /** The pause asked by the last rate-limit answer. */
  readonly gate: RateGate;
}

/** Session cookie jars (absent when `sessionCookies` is off). */
export interface Sessions {
  /** `undefined` when session cookies are off. */
  readonly cookies: CookieJarPool | undefined;
}

/** The resolved `rateLimit` option. */
export interface RateLimitSettings {
  /** Requests in flight at once. */
  readonly maxInFlight: number;
  /** Requests that may start per `interval`; `undefined`: unlimited. */
  readonly intervalCap: number | undefined;
  /** Length of the `intervalCap` window, in milliseconds. */
  readonly interval: number | undefined;
}

/** What the fetch is made of: the user's `fetch`, or extra CAs for a node fetch of its own. */
export interface FetchSettings {
  readonly fetch: FetchFunction | undefined;
  readonly tls: TlsOptions | undefined;
}

/** Creates the scheduler of `rateLimit`. */
export function createScheduler(rateLimit: RateLimitSettings): Shared<Scheduler> {
  const { maxInFlight, intervalCap, interval } = rateLimit;
  const queue = new PQueue({
    concurrency: maxInFlight,
    ...(intervalCap === undefined ? {} : { intervalCap, interval: interval ?? 0 }),
  });
  return new Shared({ queue, gate: new RateGate() });
}

/** Creates the cookie jar pool (none when `sessionCookies` is off). */
export function createSessions(sessionCookies: boolean): Shared<Sessions> {
  return new Shared({ cookies: sessionCookies ? new CookieJarPool() : undefined });
}

/** Creates the ofetch instance over the user's fetch, a CA-aware node fetch, or global fetch. */
export function createFetcher(settings: FetchSettings): Shared<RawFetcher> {
  let fetchImpl: FetchFunction;
  let close: () => void = () => {};
  if (settings.fetch !== undefined) {
    fetchImpl = settings.fetch;
  } else if (settings.tls !== undefined) {
    const nodeFetch = createNodeFetch(settings.tls);
    fetchImpl = nodeFetch.fetch;
    close = nodeFetch.close;
  } else {
    fetchImpl = (input, init) => globalThis.fetch(input, init);
  }
  const fetcher: RawFetcher = createFetch({ fetch: fetchImpl as typeof globalThis.fetch });
  return new Shared(fetcher, close);
}
