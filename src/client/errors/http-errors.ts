/**
 * Errors for HTTP error statuses (4xx/5xx), one class per cause. Build them with
 * {@link createHttpError}.
 *
 * @module
 */
import { type RequestErrorOptions, ServiceNowRequestError } from './request-error.js';

/** Options of {@link HttpError}. */
export interface HttpErrorOptions extends RequestErrorOptions {
  readonly status: number;
  /** `error.message` of ServiceNow's error body (`Invalid table incidnt`). */
  readonly serviceNowMessage?: string | undefined;
  /** `error.detail` of ServiceNow's error body. */
  readonly serviceNowDetail?: string | undefined;
  /** Reason phrase used when the body carries no message (`Bad Gateway`). */
  readonly statusText?: string | undefined;
}

/**
 * The instance answered with an HTTP error status. `serviceNowMessage` and `serviceNowDetail`
 * hold ServiceNow's `{"error":{"message","detail"}}` when the body had one.
 *
 * @example
 * ```ts
 * try { await client.count('incidnt'); } catch (error) {
 *   if (error instanceof HttpError) console.error(error.status, error.serviceNowMessage);
 * }
 * ```
 */
export class HttpError extends ServiceNowRequestError {
  override readonly code: string = 'HTTP_ERROR';
  declare readonly status: number;
  /** ServiceNow's `error.message`, when the body had one. */
  readonly serviceNowMessage: string | undefined;
  /** ServiceNow's `error.detail`, when the body had one. */
  readonly serviceNowDetail: string | undefined;

  constructor(options: HttpErrorOptions) {
    const text = options.serviceNowMessage ?? options.statusText ?? '';
    super(text ? `${options.status} ${text}` : String(options.status), options);
    this.serviceNowMessage = options.serviceNowMessage;
    this.serviceNowDetail = options.serviceNowDetail;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { serviceNowMessage: this.serviceNowMessage, serviceNowDetail: this.serviceNowDetail };
  }
}

/**
 * 401, or a refused OAuth token request: the credentials are wrong, expired or missing. With
 * OAuth the client renews the token once before reporting this.
 */
export class AuthenticationError extends HttpError {
  override readonly code: string = 'AUTHENTICATION_ERROR';
}

/** 403: authenticated, but ACLs, business rules or data policies refuse the request. */
export class PermissionError extends HttpError {
  override readonly code: string = 'PERMISSION_ERROR';
}

/**
 * 403 `Insufficient rights to query records`: the query names a field the user may not read
 * (or, on strict instances, a field that does not exist).
 */
export class QueryRejectedError extends PermissionError {
  override readonly code: string = 'QUERY_REJECTED';
}

/** 404: no such record (or one hidden by ACLs: ServiceNow does not tell them apart), or no such API. */
export class NotFoundError extends HttpError {
  override readonly code: string = 'NOT_FOUND';
}

/** 400 `Invalid table <name>`: the table does not exist or is not exposed to web services. */
export class InvalidTableError extends HttpError {
  override readonly code: string = 'INVALID_TABLE';
}

/** Options of {@link RateLimitError}. */
export interface RateLimitErrorOptions extends HttpErrorOptions {
  /** Wait asked by `Retry-After` / `X-RateLimit-Reset`, in milliseconds. */
  readonly retryAfterMs?: number | undefined;
}

/**
 * 429 Too Many Requests, after the retries allowed (or at once, when the instance asks for a
 * wait longer than `retry.maxRetryAfterMs`). `retryAfterMs` is the wait the instance asked for;
 * `undefined` for a semaphore 429 that sends no header.
 */
export class RateLimitError extends HttpError {
  override readonly code: string = 'RATE_LIMITED';
  /** Milliseconds the instance asked to wait, when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(options: RateLimitErrorOptions) {
    super(options);
    this.retryAfterMs = options.retryAfterMs;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { ...super.jsonFields(), retryAfterMs: this.retryAfterMs };
  }
}
