/**
 * The vocabulary of the request layer: what an executor is configured with, what one logical
 * request asks for, what a success gives, and what one attempt ends with.
 *
 * @module
 */
import type PQueue from 'p-queue';
import type { AuthProvider } from './auth-provider.js';
import type { CookieJarPool } from './cookie-jar.js';
import type { MetricsRecorder } from './metrics.js';
import type { RateGate } from './rate-gate.js';
import type { SecretRedactor } from './redact.js';
import type { BodyFailure } from './response-body.js';
import type { AttemptFailure, RetryPolicy } from './retry-policy.js';

/**
 * The options of one raw request: the body is left unread (`responseType: 'stream'`), and
 * neither retries, error statuses nor redirects are handled below the executor.
 */
export interface RawFetchOptions {
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly signal: AbortSignal;
  readonly responseType: 'stream';
  readonly retry: false;
  readonly ignoreResponseError: true;
  readonly redirect: 'manual';
}

/**
 * What the executor asks of ofetch (declared here, so the published types do not name
 * ofetch's, which need `undici`'s): one raw request resolving to its `Response`.
 */
export interface RawFetcher {
  raw(url: string, options: RawFetchOptions): Promise<Response>;
}

/** Everything the executor works with; the shareable parts come from the client. */
export interface ExecutorConfig {
  readonly origin: string;
  readonly fetcher: RawFetcher;
  readonly queue: PQueue;
  readonly gate: RateGate;
  /** `undefined` when session cookies are off. */
  readonly cookies: CookieJarPool | undefined;
  readonly auth: AuthProvider;
  readonly policy: RetryPolicy;
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly metrics: MetricsRecorder;
  readonly redactor: SecretRedactor;
  /** Aborted when the client is closed. */
  readonly lifetime: AbortSignal;
}

/** One logical request. */
export interface RequestSpec {
  readonly method: 'GET' | 'POST';
  /** Path below the instance origin (`/api/now/table/incident`). */
  readonly path: string;
  /** Query parameters, evaluated for every attempt (so a page size can shrink between attempts). */
  readonly params?: () => Readonly<Record<string, string>>;
  /** Form-encoded body (the OAuth token request). */
  readonly form?: URLSearchParams;
  readonly signal?: AbortSignal | undefined;
  /** `token`: no `Authorization`, no cookies, 400 means refused credentials. @default 'api' */
  readonly endpoint?: 'api' | 'token';
  /** Shape check of a successful body: returns the problem or `undefined`. */
  readonly validate?: (body: unknown) => string | undefined;
  /** A 404 with a JSON body resolves with `notFound: true` instead of throwing. */
  readonly allowNotFound?: boolean;
  /** Called before each retry (page-size adaptation). */
  readonly onRetry?: (failure: AttemptFailure) => void;
}

/** A successful request. */
export interface RequestResult {
  readonly body: unknown;
  readonly status: number;
  /** Body bytes of the successful response. */
  readonly bytes: number;
  readonly attempts: number;
  /** The URL of the successful attempt (not redacted: keep it out of logs). */
  readonly url: string;
  /** `true` for an allowed 404. */
  readonly notFound: boolean;
}

/** How one attempt ended: a usable body, or a failure with what the final error needs. */
export type AttemptOutcome =
  | { readonly ok: true; readonly body: unknown; readonly status: number; readonly bytes: number }
  | FailedAttempt;

/** A failed attempt. */
export type FailedAttempt = BodyFailure & {
  readonly statusText?: string;
  readonly cause?: unknown;
};

/** Builds `origin + path + ?k=v`, percent-encoding values (`^` as `%5E`, space as `%20`). */
export function buildUrl(
  origin: string,
  path: string,
  params: Readonly<Record<string, string>>,
): string {
  let query = '';
  for (const key in params) {
    const value = params[key];
    if (value === undefined) continue;
    query += `${query ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
  }
  return origin + path + query;
}
