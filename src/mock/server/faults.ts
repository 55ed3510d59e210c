/**
 * Failure-injection switches of the mock ServiceNow server (servicenow-api.md sections 1.6, 4.3,
 * 4.5, 5). Every switch is optional; `MockServiceNow.setFaults` replaces the whole set
 * and restarts every counter.
 *
 * @module
 */
import type { MockDataStore, MockRecord } from '../types.js';

/**
 * Which requests a fault applies to. Every field is optional: a fault with an empty scope hits
 * every request.
 *
 * @example
 * ```ts
 * // The 2nd and 3rd incident requests answer 503, then the instance recovers.
 * const scope: MockFaultScope = { table: 'incident', skip: 1, times: 2 };
 * ```
 */
export interface MockFaultScope {
  /** Only requests for this table (or one of these tables), on the Table and Stats APIs. */
  readonly table?: string | readonly string[];
  /** Only requests whose target (path plus query string, as sent) matches this pattern. */
  readonly path?: RegExp;
  /** Let this many matching requests through untouched before the fault starts. @default 0 */
  readonly skip?: number;
  /** Hit at most this many requests (after `skip`), then stop. @default unlimited */
  readonly times?: number;
  /**
   * Chance (0 to 1) that a matching request is hit, drawn from a random generator seeded by
   * {@link MockFaults.seed}, so a run is repeatable. @default 1
   */
  readonly probability?: number;
}

/** A delay: `ms` milliseconds plus a uniform random `0..jitterMs`. */
export interface MockDelayFault extends MockFaultScope {
  /** Delay in milliseconds. */
  readonly ms: number;
  /** Extra random delay, uniform in `0..jitterMs` milliseconds. @default 0 */
  readonly jitterMs?: number;
}

/** A 429 from a ServiceNow rate-limit rule, with its headers (section 5.4). */
export interface MockRateLimitFault extends MockFaultScope {
  /** `Retry-After` in seconds; `X-RateLimit-Reset` is now plus this. @default 1 */
  readonly retryAfterSeconds?: number;
  /** `X-RateLimit-Limit`, requests per hour. @default 100 */
  readonly limit?: number;
  /** `X-RateLimit-Rule`, the sys_id of the rule. @default a fixed 32-hex id */
  readonly rule?: string;
}

/** 5xx statuses the mock can inject. */
export type MockServerErrorStatus = 500 | 502 | 503 | 504;

/** A burst of server errors. */
export interface MockServerErrorFault extends MockFaultScope {
  /** Status, or statuses used in turn across the burst. @default 503 */
  readonly status?: MockServerErrorStatus | readonly MockServerErrorStatus[];
  /**
   * Answer 502/503/504 with a proxy's `text/html` page instead of ServiceNow's JSON error body
   * (500 always carries the JSON body). @default false
   */
  readonly html?: boolean;
}

/** A 200 `application/json` body cut in the middle. */
export interface MockTruncateFault extends MockFaultScope {
  /** Share of the body kept, between 0 and 1. @default 0.5 */
  readonly fraction?: number;
}

/** A transaction cancelled by a quota rule, answered with a partial result (section 4.5). */
export interface MockQuotaCancelFault extends MockFaultScope {
  /** Rows of the page kept in `result` before the `error` object. @default half the page */
  readonly partialRows?: number;
  /** HTTP status of the answer. @default 200 */
  readonly status?: number;
}

/** A cap on requests per second; the excess is answered 429. */
export interface MockRequestsPerSecondFault extends Pick<MockFaultScope, 'table' | 'path'> {
  /** Requests accepted in any sliding second (measured on the real clock). */
  readonly limit: number;
  /** Send `Retry-After` and the `X-RateLimit-*` headers on the 429 (else a bare 429). @default false */
  readonly withHeaders?: boolean;
}

/** Settings of the `shuffleTies` fault. */
export interface MockShuffleTiesFault {
  /** Seed of the order of ties. @default {@link MockFaults.seed}, else the server's `seed` */
  readonly seed?: number;
}

/** Where the `readOnly` fault refuses writes. */
export interface MockReadOnlyFault {
  /** Only writes to this table (or one of these tables), as named in the URL. @default every table */
  readonly table?: string | readonly string[];
}

/**
 * Settings of the `echoRequest` fault: an error answer that carries the request back, as a
 * careless proxy or a misconfigured scripted endpoint may, to prove a client redacts what it
 * sent.
 */
export interface MockEchoRequestFault extends MockFaultScope {
  /** HTTP status of the echo. @default 400 (a client does not retry it) */
  readonly status?: number;
}

/** What a simulated row ACL makes of one row. */
export type MockRowVisibility = 'visible' | 'hidden' | 'blank';

/** What {@link MockFaults.mutateBetweenPages} learns about the list request being answered. */
export interface MockListRequestInfo {
  /** The table in the URL. */
  readonly table: string;
  /** The request path (`/api/now/table/incident`). */
  readonly path: string;
  /** The query parameters as received. */
  readonly params: Readonly<Record<string, string>>;
  /** `sysparm_limit` as applied. */
  readonly limit: number;
  /** `sysparm_offset` as applied. */
  readonly offset: number;
  /** 1 for the first list request since the faults were set, then 2, 3, ... */
  readonly sequence: number;
}

/** Names of the fault switches, as recorded in `MockRequestLogEntry.fault`. */
export type MockFaultName =
  | 'latencyMs'
  | 'hangMs'
  | 'hibernate'
  | 'requestsPerSecond'
  | 'rateLimit'
  | 'bare429'
  | 'readDenied'
  | 'serverErrors'
  | 'truncateJson'
  | 'quotaCancel'
  | 'aclHidden'
  | 'deniedTables'
  | 'hiddenFields'
  | 'shuffleTies'
  | 'readOnly'
  | 'echoRequest';

/**
 * The failure-injection switches. `true` means "every request"; an object narrows the fault to
 * a {@link MockFaultScope} and sets its parameters.
 *
 * @example
 * ```ts
 * mock.setFaults({
 *   seed: 7,
 *   latencyMs: 20,
 *   jitterMs: 10,
 *   rateLimit: { table: 'incident', times: 1, retryAfterSeconds: 1 },
 *   aclHidden: (table, row) => (row.number?.endsWith('7') ? 'blank' : 'visible'),
 * });
 * ```
 */
export interface MockFaults {
  /** Seed of the random generator behind `probability` and `jitterMs`. @default the server's `seed` */
  readonly seed?: number;
  /** Delay every answer by this many milliseconds (a number hits every request). */
  readonly latencyMs?: number | MockDelayFault;
  /** Random extra delay `0..jitterMs` added to a numeric `latencyMs`. @default 0 */
  readonly jitterMs?: number;
  /**
   * Hold the answer this long (longer than the client's timeout), then answer normally if the
   * client is still there.
   */
  readonly hangMs?: number | MockDelayFault;
  /**
   * Answer, before authentication and every other fault, the standard error body whose
   * `message` is `Echoed request: <METHOD> <path?query>` and whose `detail` is the JSON of
   * `{ method, url, headers, body }`: every header as received (`authorization`, `cookie`,
   * `x-sn-apikey`) and the body as text (an OAuth token request's `password`,
   * `client_secret`, `refresh_token`). Applies to the OAuth endpoint too. Logged as
   * `echoRequest`.
   *
   * @example
   * ```ts
   * mock.setFaults({ echoRequest: { status: 500, times: 1 } });
   * ```
   */
  readonly echoRequest?: true | MockEchoRequestFault;
  /** Answer 200 `text/html` with the hibernating-instance page (section 5.3), before auth. */
  readonly hibernate?: true | MockFaultScope;
  /** A cap on requests per second (a number: that many, bare 429 for the excess). */
  readonly requestsPerSecond?: number | MockRequestsPerSecondFault;
  /** 429 with `Retry-After`, `X-RateLimit-Limit`, `X-RateLimit-Reset`, `X-RateLimit-Rule`. */
  readonly rateLimit?: true | MockRateLimitFault;
  /** 429 without any rate-limit header (semaphore queue full). */
  readonly bare429?: true | MockFaultScope;
  /**
   * 403 `Insufficient rights to read records`: a table the user may not read at all (scope it
   * with `table`, e.g. `{ table: 'sys_audit_delete' }`).
   */
  readonly readDenied?: true | MockFaultScope;
  /** 500/502/503/504 answers. */
  readonly serverErrors?: true | MockServerErrorFault;
  /** Table/Stats answers sent as 200 `application/json` but cut mid-body. */
  readonly truncateJson?: true | MockTruncateFault;
  /** List answers with a partial `result` followed by a top-level quota-cancel `error`. */
  readonly quotaCancel?: true | MockQuotaCancelFault;
  /**
   * Called before each list request is answered, with the live store: insert, update or
   * delete rows here to simulate data changing between pages. May return a promise.
   */
  readonly mutateBetweenPages?: (
    store: MockDataStore,
    request: MockListRequestInfo,
  ) => void | Promise<void>;
  /**
   * A row ACL, applied after `sysparm_limit`/`sysparm_offset` and after `X-Total-Count` is
   * computed: `hidden` rows are left out (short pages), `blank` rows are sent as `{}`. On a
   * single-record GET, `hidden` answers 404 and `blank` answers `{"result":{}}`.
   */
  readonly aclHidden?: (table: string, record: MockRecord) => MockRowVisibility;
  /**
   * Tables the user lacks the role to read: every Table or Stats API read of one answers 403
   * `User Not Authorized`, with a detail naming the role (`personalize_dictionary` for
   * `sys_db_object`/`sys_dictionary`/`sys_choice`, `itil` for `task` tables, `admin` otherwise),
   * as a real instance refuses schema discovery to an integration user without those roles.
   *
   * @example
   * ```ts
   * mock.setFaults({ deniedTables: ['sys_dictionary'] });
   * ```
   */
  readonly deniedTables?: readonly string[];
  /**
   * Field-level ACLs: by table, fields left out of every record the Table API returns for that
   * table (the table in the URL), whatever `sysparm_fields` asks.
   *
   * @example
   * ```ts
   * mock.setFaults({ hiddenFields: { sys_user: ['email', 'phone'] } });
   * ```
   */
  readonly hiddenFields?: Readonly<Record<string, readonly string[]>>;
  /**
   * List answers sorted on keys that are not unique (`ORDERBYpriority`, `ORDERBYsys_updated_on`
   * without `^ORDERBYsys_id`) break ties in a seeded order that is not sys_id order and that
   * changes with `sysparm_offset`, as a real database promises nothing about ties: offset
   * paging then skips or repeats rows, keyset paging on sys_id does not. The same seed, query
   * and offset always give the same page. Logged as `shuffleTies` on list answers with an
   * `ORDERBY` that names no sys_id.
   *
   * @example
   * ```ts
   * mock.setFaults({ shuffleTies: { seed: 42 } });
   * ```
   */
  readonly shuffleTies?: true | MockShuffleTiesFault;
  /**
   * A user without write rights: every Table API `POST`/`PUT`/`PATCH`/`DELETE` (directly or
   * inside a Batch API request) on the scoped tables answers 403 `Operation Failed` with an
   * `ACL Exception Insert|Update|Delete Failed due to security constraints` detail, as a
   * write ACL refuses it, and changes nothing. Reads are not affected.
   *
   * @example
   * ```ts
   * mock.setFaults({ readOnly: { table: ['incident', 'sys_user'] } });
   * ```
   */
  readonly readOnly?: true | MockReadOnlyFault;
}
