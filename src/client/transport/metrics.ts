/**
 * Counters of a client's traffic.
 *
 * @module
 */

/** A snapshot of a client's counters. */
export interface ClientMetrics {
  /** HTTP requests sent (every attempt, token requests included). */
  readonly requests: number;
  /** Attempts that were retried after a failure. */
  readonly retries: number;
  /** 429 responses received. */
  readonly rateLimited: number;
  /** Response body bytes received, after decompression. */
  readonly bytesReceived: number;
  /** Errors thrown to callers (after retries). */
  readonly errors: number;
  /** Milliseconds spent waiting: for a request slot, for backoff, for `Retry-After`. */
  readonly waitMs: number;
  /** Pages yielded by `paginate()` / `records()`. */
  readonly pages: number;
  /** Records yielded by `paginate()` / `records()`. */
  readonly records: number;
  /** `{}` rows (rows the user may see but not read) counted and skipped. */
  readonly blankRows: number;
  /** Times paging stopped because the cursor could not advance (a page of blank rows). */
  readonly stalls: number;
  /** Times a page size was halved after a quota cancel, a timeout or a truncated body. */
  readonly pageSizeReductions: number;
}

type Counter = keyof ClientMetrics;

/** Mutable counters; increments also reach the parent recorder (the client this one was derived from). */
export class MetricsRecorder {
  readonly #values: { -readonly [K in Counter]: number } = {
    requests: 0,
    retries: 0,
    rateLimited: 0,
    bytesReceived: 0,
    errors: 0,
    waitMs: 0,
    pages: 0,
    records: 0,
    blankRows: 0,
    stalls: 0,
    pageSizeReductions: 0,
  };
  readonly #parent: MetricsRecorder | undefined;

  constructor(parent?: MetricsRecorder) {
    this.#parent = parent;
  }

  /** Adds `amount` (default 1) to a counter. */
  add(counter: Counter, amount = 1): void {
    this.#values[counter] += amount;
    this.#parent?.add(counter, amount);
  }

  /** A frozen copy of the counters. */
  snapshot(): ClientMetrics {
    return Object.freeze({ ...this.#values, waitMs: Math.round(this.#values.waitMs) });
  }
}
