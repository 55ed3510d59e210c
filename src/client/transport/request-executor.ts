/**
 * Sends one logical request: waits for the rate gate and a queue slot, authenticates, applies
 * the timeout, classifies the response, retries by the policy, renews OAuth once on a 401, and
 * turns the last failure into a typed error with secrets redacted.
 *
 * @module
 */
import createDebug from 'debug';
import type { $Fetch } from 'ofetch';
import type PQueue from 'p-queue';
import type { ServiceNowRequestError } from '../errors/index.js';
import {
  createHttpError,
  InstanceUnavailableError,
  InvalidResponseError,
  readErrorBody,
  TimeoutError,
} from '../errors/index.js';
import { sleep, throwIfAborted } from './abort.js';
import type { AuthProvider } from './auth-provider.js';
import type { CookieJarPool } from './cookie-jar.js';
import type { MetricsRecorder } from './metrics.js';
import type { RateGate } from './rate-gate.js';
import { redactUrl, type SecretRedactor } from './redact.js';
import { type BodyFailure, classifyResponse } from './response-body.js';
import { type AttemptFailure, parseRetryAfter, type RetryPolicy } from './retry-policy.js';

const log = createDebug('servicenow-sync:http');

/** Decodes bodies as `Response.text()` does (UTF-8, a BOM dropped, bad bytes replaced). */
const UTF8 = new TextDecoder();

/** Everything the executor works with; the shareable parts come from the client. */
export interface ExecutorConfig {
  readonly origin: string;
  readonly fetcher: $Fetch;
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

type AttemptOutcome =
  | { readonly ok: true; readonly body: unknown; readonly status: number; readonly bytes: number }
  | (BodyFailure & { readonly statusText?: string; readonly cause?: unknown });

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

function failureCause(error: unknown): unknown {
  // ofetch wraps transport errors in a FetchError whose getters expose the request options
  // (headers included): keep only the underlying error.
  if (error instanceof Error && error.name === 'FetchError' && error.cause !== undefined) {
    return error.cause;
  }
  return error;
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
  return `${cause.message}${inner}`;
}

/** Runs requests for one client. */
export class RequestExecutor {
  readonly #config: ExecutorConfig;

  constructor(config: ExecutorConfig) {
    this.#config = config;
  }

  /** The configuration (shared by the client's helpers). */
  get config(): ExecutorConfig {
    return this.#config;
  }

  /** Sends the request, retrying as the policy allows; throws a typed error on failure. */
  async execute(spec: RequestSpec): Promise<RequestResult> {
    const config = this.#config;
    const signal =
      spec.signal === undefined ? config.lifetime : AbortSignal.any([spec.signal, config.lifetime]);
    const isToken = spec.endpoint === 'token';
    let attempts = 0;
    let renewed = false;
    for (;;) {
      throwIfAborted(signal);
      const gateWait = await config.gate.wait(signal);
      if (gateWait > 0) config.metrics.add('waitMs', gateWait);
      const authorization = isToken ? undefined : await config.auth.authorization(signal);
      const url = buildUrl(config.origin, spec.path, spec.params?.() ?? {});
      attempts++;
      const queuedAt = performance.now();
      const outcome = await config.queue.add(
        () => {
          config.metrics.add('waitMs', performance.now() - queuedAt);
          return this.#attempt(spec, url, authorization, signal, attempts);
        },
        { signal },
      );
      if (outcome.ok) {
        return {
          body: outcome.body,
          status: outcome.status,
          bytes: outcome.bytes,
          attempts,
          url,
          notFound: false,
        };
      }
      const { failure } = outcome;
      if (failure.status === 401 && !isToken) {
        config.cookies?.clear();
        if (!renewed && authorization !== undefined && config.auth.renew(authorization)) {
          renewed = true;
          config.metrics.add('retries');
          continue;
        }
      }
      if (failure.status === 404 && spec.allowNotFound && outcome.body !== undefined) {
        return { body: outcome.body, status: 404, bytes: 0, attempts, url, notFound: true };
      }
      if (!config.policy.shouldRetry(failure, attempts)) {
        config.metrics.add('errors');
        throw this.#toError(spec, url, outcome, attempts);
      }
      const delay = config.policy.delayMs(failure, attempts);
      if (failure.retryAfterMs !== undefined) config.gate.block(delay);
      spec.onRetry?.(failure);
      config.metrics.add('retries');
      if (log.enabled) {
        log(
          'retry %d/%d of %s %s in %d ms after %s',
          attempts,
          config.policy.maxAttempts - 1,
          spec.method,
          redactUrl(url),
          delay,
          failure.status === undefined ? failure.kind : `${failure.kind} ${failure.status}`,
        );
      }
      await sleep(delay, signal);
      config.metrics.add('waitMs', delay);
    }
  }

  async #attempt(
    spec: RequestSpec,
    url: string,
    authorization: string | undefined,
    signal: AbortSignal,
    attempt: number,
  ): Promise<AttemptOutcome> {
    const config = this.#config;
    const isToken = spec.endpoint === 'token';
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), config.timeoutMs);
    const jar = isToken ? undefined : config.cookies?.acquire();
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate',
      'user-agent': config.userAgent,
    };
    if (authorization !== undefined) headers.authorization = authorization;
    const cookie = jar?.header();
    if (cookie !== undefined) headers.cookie = cookie;
    if (spec.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const started = performance.now();
    config.metrics.add('requests');
    try {
      // 'stream': ofetch leaves the body unread and it is read here, so the text is never stored
      // on the Response (ofetch's `_data`). A Response outlives the attempt for a while (the
      // fetch's abort listener, suspended frames), long enough for a text kept on it to survive
      // young-generation collections: profiled, every page's text was promoted and full
      // collections ran every few pages. The byte count comes with the buffer.
      const response = await config.fetcher.raw(url, {
        method: spec.method,
        headers,
        ...(spec.form === undefined ? {} : { body: spec.form.toString() }),
        signal: AbortSignal.any([signal, timeout.signal]),
        responseType: 'stream',
        retry: false,
        ignoreResponseError: true,
        redirect: 'manual',
      });
      const buffer = await response.arrayBuffer();
      const bytes = buffer.byteLength;
      const text = UTF8.decode(buffer);
      config.metrics.add('bytesReceived', bytes);
      if (response.status === 429) config.metrics.add('rateLimited');
      if (jar !== undefined) jar.store(response.headers.getSetCookie());
      if (log.enabled) {
        log(
          '%s %s -> %d in %d ms, %d B (attempt %d)',
          spec.method,
          redactUrl(url),
          response.status,
          Math.round(performance.now() - started),
          bytes,
          attempt,
        );
      }
      const outcome = classifyResponse({
        status: response.status,
        contentType: response.headers.get('content-type'),
        text,
        retryAfterMs: response.status === 429 ? parseRetryAfter(response.headers) : undefined,
        validate: spec.validate,
      });
      if (outcome.ok) return { ok: true, body: outcome.body, status: response.status, bytes };
      return { ...outcome, statusText: response.statusText };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (timeout.signal.aborted) {
        log('%s %s -> timeout after %d ms', spec.method, redactUrl(url), config.timeoutMs);
        return { ok: false, failure: { kind: 'timeout' }, detail: 'timeout' };
      }
      const cause = failureCause(error);
      log('%s %s -> no response: %s', spec.method, redactUrl(url), describeCause(cause));
      return {
        ok: false,
        failure: { kind: 'network' },
        detail: `no response (${describeCause(cause)})`,
        cause,
        unavailableReason: 'network',
      };
    } finally {
      clearTimeout(timer);
      if (jar !== undefined) config.cookies?.release(jar);
    }
  }

  #toError(
    spec: RequestSpec,
    url: string,
    outcome: Exclude<AttemptOutcome, { ok: true }>,
    attempts: number,
  ): ServiceNowRequestError {
    const { redactor, timeoutMs } = this.#config;
    const base = {
      method: spec.method,
      url: redactor.redact(redactUrl(url)),
      status: outcome.failure.status,
      attempts,
      cause: outcome.cause,
    };
    const text = readErrorBody(outcome.body);
    const message = redactor.redactOptional(text.message);
    const detail = redactor.redactOptional(text.detail);
    switch (outcome.failure.kind) {
      case 'status':
        return createHttpError({
          ...base,
          status: outcome.failure.status ?? 0,
          statusText: outcome.statusText,
          body: { error: { message, detail } },
          retryAfterMs: outcome.failure.retryAfterMs,
          endpoint: spec.endpoint ?? 'api',
        });
      case 'timeout':
        return new TimeoutError({ ...base, timeoutMs });
      case 'network':
      case 'unavailable':
        return new InstanceUnavailableError({
          ...base,
          reason: outcome.unavailableReason ?? 'network',
          detail: redactor.redact(outcome.detail),
        });
      default:
        return new InvalidResponseError({
          ...base,
          reason: outcome.invalidReason ?? 'invalid-json',
          detail: redactor.redact(outcome.detail),
          serviceNowMessage: message,
          serviceNowDetail: detail,
        });
    }
  }
}
