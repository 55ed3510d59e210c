/**
 * The factory that turns an HTTP error response into the right error class.
 *
 * @module
 */
import {
  AuthenticationError,
  HttpError,
  type HttpErrorOptions,
  InvalidTableError,
  NotFoundError,
  PermissionError,
  QueryRejectedError,
  RateLimitError,
} from './http-errors.js';
import type { ServiceNowRequestError } from './request-error.js';
import { InstanceUnavailableError } from './transport-errors.js';

/** What {@link createHttpError} needs to know about a failed response. */
export interface HttpErrorInput {
  readonly method: string;
  /** Request URL, already redacted. */
  readonly url: string;
  readonly status: number;
  readonly statusText?: string | undefined;
  /** The parsed JSON body, when the body was JSON. */
  readonly body?: unknown;
  readonly attempts?: number;
  /** Wait asked by `Retry-After` / `X-RateLimit-Reset`, in milliseconds (429). */
  readonly retryAfterMs?: number | undefined;
  readonly cause?: unknown;
  /** `token` for the OAuth endpoint, where a 400 means refused credentials. @default 'api' */
  readonly endpoint?: 'api' | 'token';
}

/** ServiceNow's `error.message` / `error.detail`, or an OAuth `error` / `error_description`. */
export interface ErrorBodyText {
  readonly message: string | undefined;
  readonly detail: string | undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * Reads `{"error":{"message","detail"},"status":"failure"}` (Table API) or
 * `{"error":"invalid_grant","error_description":"..."}` (OAuth, RFC 6749).
 */
export function readErrorBody(body: unknown): ErrorBodyText {
  if (typeof body !== 'object' || body === null) return { message: undefined, detail: undefined };
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'string') {
    const description = text((body as { error_description?: unknown }).error_description);
    return description === undefined
      ? { message: error, detail: undefined }
      : { message: description, detail: error };
  }
  if (typeof error === 'object' && error !== null) {
    const { message, detail } = error as { message?: unknown; detail?: unknown };
    return { message: text(message), detail: text(detail) };
  }
  return { message: undefined, detail: undefined };
}

const QUERY_REJECTED = /insufficient rights to query records/i;
const INVALID_TABLE = /^invalid table\b/i;
const UNAVAILABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * Builds the error for an HTTP error status: {@link AuthenticationError} (401, or 400/401 from
 * the token endpoint), {@link QueryRejectedError} / {@link PermissionError} (403),
 * {@link NotFoundError} (404), {@link InvalidTableError} (400 `Invalid table`),
 * {@link RateLimitError} (429), {@link InstanceUnavailableError} (502/503/504), else
 * {@link HttpError}.
 *
 * @example
 * ```ts
 * const error = createHttpError({
 *   method: 'GET',
 *   url: 'https://acme.service-now.com/api/now/table/incidnt',
 *   status: 400,
 *   body: { error: { message: 'Invalid table incidnt', detail: null }, status: 'failure' },
 * });
 * error instanceof InvalidTableError; // true
 * ```
 */
export function createHttpError(input: HttpErrorInput): ServiceNowRequestError {
  const { message, detail } = readErrorBody(input.body);
  const options: HttpErrorOptions = {
    method: input.method,
    url: input.url,
    status: input.status,
    statusText: input.statusText,
    serviceNowMessage: message,
    serviceNowDetail: detail,
    attempts: input.attempts ?? 1,
    cause: input.cause,
  };
  const status = input.status;
  if (status === 401 || (input.endpoint === 'token' && status === 400)) {
    return new AuthenticationError(options);
  }
  if (status === 403) {
    return message !== undefined && QUERY_REJECTED.test(message)
      ? new QueryRejectedError(options)
      : new PermissionError(options);
  }
  if (status === 404) return new NotFoundError(options);
  if (status === 400 && message !== undefined && INVALID_TABLE.test(message)) {
    return new InvalidTableError(options);
  }
  if (status === 429) return new RateLimitError({ ...options, retryAfterMs: input.retryAfterMs });
  if (UNAVAILABLE_STATUSES.has(status)) {
    const reason = message ?? input.statusText ?? '';
    return new InstanceUnavailableError({
      ...options,
      reason: 'status',
      detail: reason ? `${status} ${reason}` : String(status),
    });
  }
  return new HttpError(options);
}
