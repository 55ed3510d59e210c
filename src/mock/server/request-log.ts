/**
 * The mock server's request log: one entry per HTTP request, appended when the request
 * arrives and completed when the answer is sent.
 *
 * @module
 */
import type { MockFaultName } from './faults.js';

/**
 * One request received by the mock server. Entries are appended in arrival order; `status`,
 * `endedAt` and `fault` are filled in when the answer has been sent.
 */
export interface MockRequestLogEntry {
  /** 1, 2, 3, ... in arrival order (not reset by `clearRequests()`). */
  readonly id: number;
  /** HTTP method (`GET`, `HEAD`, `POST`). */
  readonly method: string;
  /** Path without the query string (`/api/now/table/incident`). */
  readonly path: string;
  /** Query parameters (last value wins for a repeated name). The OAuth form body is not logged. */
  readonly query: Readonly<Record<string, string>>;
  /** The table named in a Table/Stats API path, when there is one. */
  readonly table: string | undefined;
  /** HTTP status sent; `0` while in flight, or when the client left before the answer. */
  readonly status: number;
  /** Arrival time, epoch milliseconds on the real clock (with sub-millisecond fraction). */
  readonly startedAt: number;
  /** Time the answer was finished or the client left; `undefined` while in flight. */
  readonly endedAt: number | undefined;
  /** Requests in flight when this one arrived, itself included. */
  readonly inFlight: number;
  /** The `JSESSIONID` of the session the request ran in (none for 401s and OAuth). */
  readonly session: string | undefined;
  /** The authenticated user name, when authentication succeeded. */
  readonly user: string | undefined;
  /**
   * The injected fault that shaped the answer, when one did (a delay is named only when no
   * other fault applied).
   */
  readonly fault: MockFaultName | undefined;
  /**
   * For a request that was an item of a Batch API call, the `id` of the batch request (its
   * items are logged after it, in the order they ran).
   */
  readonly batch?: number;
}

/** The writable form used inside the server. @internal */
export type MutableLogEntry = {
  -readonly [K in keyof MockRequestLogEntry]: MockRequestLogEntry[K];
};

/** Real wall-clock time with sub-millisecond precision. @internal */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
