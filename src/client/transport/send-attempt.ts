/**
 * One attempt of a request: headers (authorization, a borrowed session cookie jar), the
 * per-attempt timeout combined with the caller's signal, the body read as bytes, and the
 * response classified. A failed attempt is returned, not thrown, so the executor can decide on
 * a retry; only an abort by the caller's signal throws.
 *
 * @module
 */
import createDebug from 'debug';
import type { CookieJar } from './cookie-jar.js';
import { redactUrl } from './redact.js';
import type { AttemptOutcome, ExecutorConfig, FailedAttempt, RequestSpec } from './request-spec.js';
import { classifyResponse } from './response-body.js';
import { parseRetryAfter } from './retry-policy.js';

const log = createDebug('servicenow-sync:http');

/** Decodes bodies as `Response.text()` does (UTF-8, a BOM dropped, bad bytes replaced). */
const UTF8 = new TextDecoder();

/** What one attempt sends. */
export interface AttemptRequest {
  readonly spec: RequestSpec;
  /** The full URL (not redacted). */
  readonly url: string;
  /** The `Authorization` header, `undefined` for token requests. */
  readonly authorization: string | undefined;
  /** The caller's signal combined with the client's lifetime. */
  readonly signal: AbortSignal;
  /** 1 for the first attempt. */
  readonly attempt: number;
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

function requestHeaders(
  config: ExecutorConfig,
  request: AttemptRequest,
  jar: CookieJar | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-encoding': 'gzip, deflate',
    'user-agent': config.userAgent,
  };
  if (request.authorization !== undefined) headers.authorization = request.authorization;
  const cookie = jar?.header();
  if (cookie !== undefined) headers.cookie = cookie;
  if (request.spec.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return headers;
}

/** Reads and classifies a response; counts its bytes, keeps its cookies. */
async function readResponse(
  config: ExecutorConfig,
  request: AttemptRequest,
  response: Response,
  jar: CookieJar | undefined,
  started: number,
): Promise<AttemptOutcome> {
  const buffer = await response.arrayBuffer();
  const bytes = buffer.byteLength;
  const text = UTF8.decode(buffer);
  config.metrics.add('bytesReceived', bytes);
  if (response.status === 429) config.metrics.add('rateLimited');
  if (jar !== undefined) config.redactor.add(...jar.store(response.headers.getSetCookie()));
  if (log.enabled) {
    log(
      '%s %s -> %d in %d ms, %d B (attempt %d)',
      request.spec.method,
      redactUrl(request.url),
      response.status,
      Math.round(performance.now() - started),
      bytes,
      request.attempt,
    );
  }
  const outcome = classifyResponse({
    status: response.status,
    contentType: response.headers.get('content-type'),
    text,
    retryAfterMs: response.status === 429 ? parseRetryAfter(response.headers) : undefined,
    validate: request.spec.validate,
  });
  if (outcome.ok) return { ok: true, body: outcome.body, status: response.status, bytes };
  return { ...outcome, statusText: response.statusText };
}

/** The failure of an attempt that got no response: the timeout, or the network. */
function noResponse(
  config: ExecutorConfig,
  request: AttemptRequest,
  error: unknown,
  timedOut: boolean,
): FailedAttempt {
  const { spec, url } = request;
  if (timedOut) {
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
}

/** Sends one attempt; throws only the signal's reason when the caller aborts. */
export async function sendAttempt(
  config: ExecutorConfig,
  request: AttemptRequest,
): Promise<AttemptOutcome> {
  const { spec, signal } = request;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), config.timeoutMs);
  const jar = spec.endpoint === 'token' ? undefined : config.cookies?.acquire();
  const headers = requestHeaders(config, request, jar);
  const started = performance.now();
  config.metrics.add('requests');
  try {
    // 'stream': ofetch leaves the body unread and it is read here, so the text is never stored
    // on the Response (ofetch's `_data`). A Response outlives the attempt for a while (the
    // fetch's abort listener, suspended frames), long enough for a text kept on it to survive
    // young-generation collections: profiled, every page's text was promoted and full
    // collections ran every few pages. The byte count comes with the buffer.
    const response = await config.fetcher.raw(request.url, {
      method: spec.method,
      headers,
      ...(spec.form === undefined ? {} : { body: spec.form.toString() }),
      signal: AbortSignal.any([signal, timeout.signal]),
      responseType: 'stream',
      retry: false,
      ignoreResponseError: true,
      redirect: 'manual',
    });
    return await readResponse(config, request, response, jar, started);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    return noResponse(config, request, error, timeout.signal.aborted);
  } finally {
    clearTimeout(timer);
    if (jar !== undefined) config.cookies?.release(jar);
  }
}
