/**
 * What a client is made of, and what a client derived with `withOptions()` shares with it:
 * the request queue (so the in-flight cap stays global) unless `rateLimit` or the instance
 * changed, the cookies and the token unless `auth` or the instance changed, the fetch unless
 * `fetch`/`tls` changed. Shared parts are reference counted; the last client to close releases
 * them.
 *
 * @module
 */
import { type Credentials, createCredentials, sameAuth, tokenRequester } from './auth/index.js';
import type { ResolvedClientOptions } from './client-options.js';
import {
  createFetcher,
  createScheduler,
  createSessions,
  type ExecutorConfig,
  MetricsRecorder,
  type RawFetcher,
  RequestExecutor,
  type Scheduler,
  type Sessions,
  type Shared,
} from './transport/index.js';

/** The parts a new client starts from. */
export interface ClientParts {
  readonly resolved: ResolvedClientOptions;
  readonly scheduler: Shared<Scheduler>;
  readonly sessions: Shared<Sessions>;
  readonly fetcher: Shared<RawFetcher>;
  /** `undefined`: the client creates its own (its token requests then go through it). */
  readonly credentials: Shared<Credentials> | undefined;
  /** The counters the new client's counters also add to (the client it derives from). */
  readonly parentMetrics: MetricsRecorder | undefined;
}

/** The parts a live client holds. */
export interface HeldParts extends ClientParts {
  readonly credentials: Shared<Credentials>;
  readonly metrics: MetricsRecorder;
  /** Sends the client's requests; aborted with the client's lifetime. */
  readonly executor: RequestExecutor;
}

/** The parts of a client built from scratch. */
export function freshParts(resolved: ResolvedClientOptions): ClientParts {
  return {
    resolved,
    scheduler: createScheduler(resolved.rateLimit),
    sessions: createSessions(resolved.sessionCookies),
    fetcher: createFetcher(resolved),
    credentials: undefined,
    parentMetrics: undefined,
  };
}

function sameRateLimit(a: ResolvedClientOptions, b: ResolvedClientOptions): boolean {
  return (
    a.rateLimit.maxInFlight === b.rateLimit.maxInFlight &&
    a.rateLimit.intervalCap === b.rateLimit.intervalCap &&
    a.rateLimit.interval === b.rateLimit.interval
  );
}

/** The parts of a client derived with `next` options: what they did not change is retained. */
export function derivedParts(current: HeldParts, next: ResolvedClientOptions): ClientParts {
  const was = current.resolved;
  const sameOrigin = next.origin === was.origin;
  const sameLimit = sameRateLimit(next, was);
  const sameCredentials = sameOrigin && sameAuth(next.auth, was.auth);
  const sameSessions = sameCredentials && sameLimit && next.sessionCookies === was.sessionCookies;
  const sameFetch = next.fetch === was.fetch && next.tls === was.tls;
  return {
    resolved: next,
    scheduler:
      sameOrigin && sameLimit ? current.scheduler.retain() : createScheduler(next.rateLimit),
    sessions: sameSessions ? current.sessions.retain() : createSessions(next.sessionCookies),
    fetcher: sameFetch ? current.fetcher.retain() : createFetcher(next),
    credentials: sameCredentials ? current.credentials.retain() : undefined,
    parentMetrics: current.metrics,
  };
}

/**
 * Puts the parts together: the credentials (created when not shared) and the executor of the
 * client's requests, which `lifetime` aborts. Token requests go through an executor of their
 * own that the client's close does not abort: derived clients may share the token, and the
 * token source's own lifetime cancels them.
 */
export function assembleParts(parts: ClientParts, lifetime: AbortSignal): HeldParts {
  const { resolved } = parts;
  const metrics = new MetricsRecorder(parts.parentMetrics);
  const credentials =
    parts.credentials ??
    createCredentials(
      resolved.auth,
      tokenRequester(() => tokenExecutor),
    );
  const config: ExecutorConfig = {
    origin: resolved.origin,
    fetcher: parts.fetcher.value,
    queue: parts.scheduler.value.queue,
    gate: parts.scheduler.value.gate,
    cookies: parts.sessions.value.cookies,
    auth: credentials.value.provider,
    policy: resolved.retry,
    timeoutMs: resolved.timeoutMs,
    userAgent: resolved.userAgent,
    metrics,
    redactor: credentials.value.redactor,
    lifetime,
  };
  const tokenExecutor = new RequestExecutor({ ...config, lifetime: new AbortController().signal });
  return { ...parts, credentials, metrics, executor: new RequestExecutor(config) };
}

/** Releases the client's references to its shared parts. */
export function releaseParts(parts: HeldParts): void {
  parts.scheduler.release();
  parts.sessions.release();
  parts.fetcher.release();
  parts.credentials.release();
}
