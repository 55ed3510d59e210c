/**
 * The error a request ends with when its last attempt failed: the class follows the failure
 * (HTTP status, timeout, unreachable instance, invalid body), and every text it carries has
 * the client's secrets redacted.
 *
 * @module
 */
import {
  createHttpError,
  InstanceUnavailableError,
  InvalidResponseError,
  readErrorBody,
  type ServiceNowRequestError,
  TimeoutError,
} from '../errors/index.js';
import { redactUrl, type SecretRedactor } from './redact.js';
import type { FailedAttempt, RequestSpec } from './request-spec.js';

/** What the error of a failed request is built from. */
export interface RequestFailure {
  readonly spec: RequestSpec;
  /** The URL of the last attempt (redacted here). */
  readonly url: string;
  readonly outcome: FailedAttempt;
  readonly attempts: number;
  /** The per-attempt timeout, in milliseconds. */
  readonly timeoutMs: number;
}

/** The typed error of a failed request. */
export function toRequestError(
  { spec, url, outcome, attempts, timeoutMs }: RequestFailure,
  redactor: SecretRedactor,
): ServiceNowRequestError {
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
