import { describe, expect, it } from 'vitest';
import { parseRetryAfter, RetryPolicy } from '../../src/client/transport/retry-policy.js';
import { ConfigurationError } from '../../src/core/errors.js';

const headers = (values: Record<string, string>) => new Headers(values);

describe('RetryPolicy', () => {
  const policy = new RetryPolicy({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 });

  it('retries the transient statuses and never 400/401/403/404 or 500 by default', () => {
    for (const status of [429, 502, 503, 504]) {
      expect(policy.shouldRetry({ kind: 'status', status }, 1)).toBe(true);
    }
    for (const status of [400, 401, 403, 404, 405, 500]) {
      expect(policy.shouldRetry({ kind: 'status', status }, 1)).toBe(false);
    }
  });

  it('never retries 400/401/403/404 even when listed in statuses', () => {
    const eager = new RetryPolicy({ statuses: [400, 401, 403, 404, 500] });
    expect(eager.shouldRetry({ kind: 'status', status: 500 }, 1)).toBe(true);
    for (const status of [400, 401, 403, 404]) {
      expect(eager.shouldRetry({ kind: 'status', status }, 1)).toBe(false);
    }
  });

  it('retries every transport-level failure kind', () => {
    for (const kind of [
      'timeout',
      'network',
      'unavailable',
      'invalid-json',
      'quota-cancel',
      'error-body',
    ] as const) {
      expect(policy.shouldRetry({ kind }, 1)).toBe(true);
    }
  });

  it('stops after maxAttempts attempts', () => {
    const failure = { kind: 'status', status: 503 } as const;
    expect(policy.shouldRetry(failure, 3)).toBe(true);
    expect(policy.shouldRetry(failure, 4)).toBe(false);
    expect(new RetryPolicy({ maxAttempts: 1 }).shouldRetry(failure, 1)).toBe(false);
  });

  it('computes full-jitter exponential backoff bounded by maxDelayMs', () => {
    const failure = { kind: 'timeout' } as const;
    expect([1, 2, 3, 4, 5].map((n) => policy.backoffCeilingMs(n))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(policy.delayMs(failure, 3, 0)).toBe(0);
    expect(policy.delayMs(failure, 3, 0.5)).toBe(200);
    expect(policy.delayMs(failure, 3, 0.999999)).toBeLessThan(400);
    expect(policy.delayMs(failure, 50, 0.999999)).toBeLessThan(1000);
  });

  it('honours Retry-After exactly, without jitter, and refuses waits beyond the cap', () => {
    const capped = new RetryPolicy({ maxRetryAfterMs: 5000 });
    const asked = { kind: 'status', status: 429, retryAfterMs: 3000 } as const;
    expect(capped.delayMs(asked, 1, 0)).toBe(3000);
    expect(capped.delayMs(asked, 1, 0.9)).toBe(3000);
    expect(capped.shouldRetry(asked, 1)).toBe(true);
    expect(capped.shouldRetry({ ...asked, retryAfterMs: 3_600_000 }, 1)).toBe(false);
  });

  it('rejects invalid options with a ConfigurationError naming the option', () => {
    expect(() => new RetryPolicy({ maxAttempts: 0 })).toThrow(ConfigurationError);
    expect(() => new RetryPolicy({ maxAttempts: 0 })).toThrow(/retry\.maxAttempts.*received 0/);
    expect(() => new RetryPolicy({ baseDelayMs: -1 })).toThrow(/retry\.baseDelayMs/);
    expect(() => new RetryPolicy({ statuses: [42] })).toThrow(/retry\.statuses/);
  });

  it('round-trips through toOptions', () => {
    const again = new RetryPolicy(policy.toOptions());
    expect(again.toOptions()).toEqual(policy.toOptions());
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads delta seconds', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(parseRetryAfter(headers({ 'retry-after': '0' }), now)).toBe(0);
  });

  it('reads an HTTP date', () => {
    const at = new Date(now + 12_000).toUTCString();
    expect(parseRetryAfter(headers({ 'retry-after': at }), now)).toBe(12_000);
  });

  it('falls back to X-RateLimit-Reset (epoch seconds)', () => {
    const reset = String(now / 1000 + 30);
    expect(parseRetryAfter(headers({ 'x-ratelimit-reset': reset }), now)).toBe(30_000);
    expect(parseRetryAfter(headers({ 'x-ratelimit-reset': String(now / 1000 - 5) }), now)).toBe(0);
  });

  it('prefers Retry-After over X-RateLimit-Reset', () => {
    const both = headers({ 'retry-after': '2', 'x-ratelimit-reset': String(now / 1000 + 60) });
    expect(parseRetryAfter(both, now)).toBe(2000);
  });

  it('returns undefined without a usable header (semaphore 429)', () => {
    expect(parseRetryAfter(headers({}), now)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
  });
});
