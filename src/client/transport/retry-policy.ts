/**
 * The retry policy: which failures are retried, how long to wait, and how many attempts.
 *
 * @module
 */
import { ConfigurationError } from '../../core/index.js';

/** How one attempt failed, as the retry policy sees it. */
export type AttemptFailureKind =
  /** An HTTP error status (see `status`). */
  | 'status'
  /** No complete response within `timeoutMs`. */
  | 'timeout'
  /** No HTTP response at all: DNS, connection refused or reset, TLS. */
  | 'network'
  /** An HTML page instead of JSON, or a redirect (hibernation, login page, proxy). */
  | 'unavailable'
  /** A body that does not parse as JSON or lacks the promised shape (truncated body). */
  | 'invalid-json'
  /** A transaction cancelled by a quota (`Transaction cancelled: ...`), any status. */
  | 'quota-cancel'
  /** A 2xx whose body carries a top-level `error` that is not a quota cancel. */
  | 'error-body';

/** One failed attempt. */
export interface AttemptFailure {
  readonly kind: AttemptFailureKind;
  /** HTTP status, when a response arrived. */
  readonly status?: number | undefined;
  /** Wait asked by `Retry-After` / `X-RateLimit-Reset`, in milliseconds. */
  readonly retryAfterMs?: number | undefined;
}

/** Options of {@link RetryPolicy}; every field is optional. */
export interface RetryOptions {
  /**
   * Attempts per request, the first one included (1 disables retries).
   * @default 5
   */
  readonly maxAttempts?: number;
  /**
   * Backoff base, in milliseconds: attempt n waits a random time in
   * `[0, min(maxDelayMs, baseDelayMs * 2^(n-1))]` (exponential backoff, full jitter).
   * @default 500
   */
  readonly baseDelayMs?: number;
  /**
   * Longest backoff between two attempts, in milliseconds.
   * @default 30000
   */
  readonly maxDelayMs?: number;
  /**
   * Longest wait the client accepts from `Retry-After` / `X-RateLimit-Reset`, in milliseconds.
   * Shorter waits are honoured exactly (no jitter); a 429 asking for longer fails at once with a
   * `RateLimitError` carrying `retryAfterMs`, so the caller can reschedule.
   * @default 120000
   */
  readonly maxRetryAfterMs?: number;
  /**
   * HTTP statuses that are retried. 500 is not retried by default (it usually reports a
   * deterministic server-side script error); a 500 that reports a cancelled transaction is
   * retried as a quota cancel anyway. 400, 401, 403 and 404 are never retried, whatever this says.
   * @default [429, 502, 503, 504]
   */
  readonly statuses?: readonly number[];
}

/** The defaults of {@link RetryOptions}. */
export const DEFAULT_RETRY_OPTIONS = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  statuses: [429, 502, 503, 504],
} as const satisfies Required<RetryOptions>;

/** Statuses that are never retried (401 is renewed once by OAuth, outside the policy). */
const NEVER_RETRIED: ReadonlySet<number> = new Set([400, 401, 403, 404]);

function checkNumber(name: string, value: number, min: number, integer: boolean): void {
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new ConfigurationError(
      `Invalid option retry.${name}: expected ${integer ? 'an integer' : 'a number'} >= ${min}, received ${String(value)}`,
      { option: `retry.${name}` },
    );
  }
}

/**
 * Decides whether a failed attempt is retried and how long to wait first. Retried: the
 * configured statuses, timeouts, network errors, HTML pages and redirects, unparsable or
 * truncated JSON, quota cancels and 2xx bodies carrying a top-level `error`.
 *
 * @example
 * ```ts
 * const policy = new RetryPolicy({ maxAttempts: 3, baseDelayMs: 200 });
 * policy.shouldRetry({ kind: 'status', status: 503 }, 1); // true
 * policy.shouldRetry({ kind: 'status', status: 404 }, 1); // false
 * ```
 */
export class RetryPolicy {
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
  /** Backoff base, in milliseconds. */
  readonly baseDelayMs: number;
  /** Longest backoff, in milliseconds. */
  readonly maxDelayMs: number;
  /** Longest `Retry-After` honoured, in milliseconds. */
  readonly maxRetryAfterMs: number;
  /** Retried statuses. */
  readonly statuses: ReadonlySet<number>;

  constructor(options: RetryOptions = {}) {
    const merged = { ...DEFAULT_RETRY_OPTIONS, ...options };
    checkNumber('maxAttempts', merged.maxAttempts, 1, true);
    checkNumber('baseDelayMs', merged.baseDelayMs, 0, false);
    checkNumber('maxDelayMs', merged.maxDelayMs, 0, false);
    checkNumber('maxRetryAfterMs', merged.maxRetryAfterMs, 0, false);
    for (const status of merged.statuses) {
      if (!Number.isInteger(status) || status < 100 || status > 599) {
        throw new ConfigurationError(
          `Invalid option retry.statuses: ${String(status)} is not an HTTP status`,
          { option: 'retry.statuses' },
        );
      }
    }
    this.maxAttempts = merged.maxAttempts;
    this.baseDelayMs = merged.baseDelayMs;
    this.maxDelayMs = merged.maxDelayMs;
    this.maxRetryAfterMs = merged.maxRetryAfterMs;
    this.statuses = new Set(merged.statuses);
  }

  /** The options that rebuild this policy. */
  toOptions(): Required<RetryOptions> {
    return {
      maxAttempts: this.maxAttempts,
      baseDelayMs: this.baseDelayMs,
      maxDelayMs: this.maxDelayMs,
      maxRetryAfterMs: this.maxRetryAfterMs,
      statuses: [...this.statuses],
    };
  }

  /** Whether the kind of failure is retryable at all, attempts aside. */
  isRetryable(failure: AttemptFailure): boolean {
    if (failure.kind !== 'status') return true;
    const status = failure.status ?? 0;
    if (NEVER_RETRIED.has(status) || !this.statuses.has(status)) return false;
    return failure.retryAfterMs === undefined || failure.retryAfterMs <= this.maxRetryAfterMs;
  }

  /**
   * Whether to try again after `attempts` attempts ended with `failure`.
   * @param attempts - attempts made so far, the failed one included (1 after the first).
   */
  shouldRetry(failure: AttemptFailure, attempts: number): boolean {
    return attempts < this.maxAttempts && this.isRetryable(failure);
  }

  /**
   * Milliseconds to wait before the next attempt: the server's `Retry-After` exactly when it
   * gave one, else a full-jitter exponential backoff.
   * @param attempts - attempts made so far (1 after the first).
   * @param random - a number in `[0, 1)`. @default Math.random()
   */
  delayMs(failure: AttemptFailure, attempts: number, random: number = Math.random()): number {
    if (failure.retryAfterMs !== undefined) {
      return Math.min(Math.max(0, failure.retryAfterMs), this.maxRetryAfterMs);
    }
    return Math.floor(random * this.backoffCeilingMs(attempts));
  }

  /** Upper bound of the jittered backoff after `attempts` attempts. */
  backoffCeilingMs(attempts: number): number {
    const exponent = Math.max(0, attempts - 1);
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(exponent, 30));
  }
}

/**
 * The wait a response asks for, in milliseconds: `Retry-After` (seconds or an HTTP date), else
 * `X-RateLimit-Reset` (UNIX seconds of the next reset). `undefined` when neither is usable.
 *
 * @param now - current time in epoch milliseconds. @default Date.now()
 */
export function parseRetryAfter(
  headers: { get(name: string): string | null },
  now: number = Date.now(),
): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const value = Number(reset);
    // Epoch seconds (documented); tolerate epoch milliseconds.
    const resetMs = value > 1e12 ? value : value * 1000;
    return Math.max(0, Math.ceil(resetMs - now));
  }
  return undefined;
}
