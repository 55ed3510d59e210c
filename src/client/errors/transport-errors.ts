/**
 * Errors for failures that are not an HTTP error status: timeouts, an unreachable or
 * hibernating instance, and bodies that are not the JSON the endpoint promises.
 *
 * @module
 */
import { type RequestErrorOptions, ServiceNowRequestError } from './request-error.js';

/** Options of {@link TimeoutError}. */
export interface TimeoutErrorOptions extends RequestErrorOptions {
  /** The per-attempt timeout that expired, in milliseconds. */
  readonly timeoutMs: number;
}

/** No complete response within `timeoutMs`, on every attempt allowed. */
export class TimeoutError extends ServiceNowRequestError {
  override readonly code: string = 'TIMEOUT';
  /** The per-attempt timeout, in milliseconds. */
  readonly timeoutMs: number;

  constructor(options: TimeoutErrorOptions) {
    super(`no response within ${options.timeoutMs} ms`, options);
    this.timeoutMs = options.timeoutMs;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { timeoutMs: this.timeoutMs };
  }
}

/** Why an instance counts as unavailable. */
export type UnavailableReason =
  /** An HTML page instead of JSON: hibernating developer instance, login or maintenance page, proxy. */
  | 'html'
  /** A redirect (3xx), typically to a login page; the client never follows redirects. */
  | 'redirect'
  /** 502, 503 or 504 after the retries allowed. */
  | 'status'
  /** No HTTP response: DNS, connection refused or reset, TLS failure. */
  | 'network';

/** Options of {@link InstanceUnavailableError}. */
export interface InstanceUnavailableErrorOptions extends RequestErrorOptions {
  readonly reason: UnavailableReason;
  /** Short description used in the message. */
  readonly detail: string;
}

/**
 * The instance could not serve the request: unreachable, hibernating (HTML page), behind a
 * login redirect, or answering 502/503/504 on every attempt.
 */
export class InstanceUnavailableError extends ServiceNowRequestError {
  override readonly code: string = 'INSTANCE_UNAVAILABLE';
  /** What the client saw. */
  readonly reason: UnavailableReason;

  constructor(options: InstanceUnavailableErrorOptions) {
    super(options.detail, options);
    this.reason = options.reason;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { reason: this.reason };
  }
}

/** Why a body was rejected. */
export type InvalidResponseReason =
  /** The body is not parsable JSON (often a body truncated by a cancelled transaction). */
  | 'invalid-json'
  /** A 2xx whose body carries a top-level `error` (`Transaction cancelled: maximum execution time exceeded`). */
  | 'error-body'
  /** JSON, but not the shape the endpoint promises (no `result` array, a row that is not an object). */
  | 'unexpected-shape';

/** Options of {@link InvalidResponseError}. */
export interface InvalidResponseErrorOptions extends RequestErrorOptions {
  readonly reason: InvalidResponseReason;
  readonly detail: string;
  /** ServiceNow's `error.message` for `error-body`. */
  readonly serviceNowMessage?: string | undefined;
  /** ServiceNow's `error.detail` for `error-body`. */
  readonly serviceNowDetail?: string | undefined;
}

/**
 * The response is not the JSON the endpoint promises: unparsable or truncated, a 2xx carrying a
 * top-level `error` (the quota cancel), or the wrong shape. Never read as zero rows.
 */
export class InvalidResponseError extends ServiceNowRequestError {
  override readonly code: string = 'INVALID_RESPONSE';
  readonly reason: InvalidResponseReason;
  /** ServiceNow's `error.message`, for `error-body`. */
  readonly serviceNowMessage: string | undefined;
  /** ServiceNow's `error.detail`, for `error-body`. */
  readonly serviceNowDetail: string | undefined;

  constructor(options: InvalidResponseErrorOptions) {
    super(options.detail, options);
    this.reason = options.reason;
    this.serviceNowMessage = options.serviceNowMessage;
    this.serviceNowDetail = options.serviceNowDetail;
  }

  protected override jsonFields(): Record<string, unknown> {
    return {
      reason: this.reason,
      serviceNowMessage: this.serviceNowMessage,
      serviceNowDetail: this.serviceNowDetail,
    };
  }
}
