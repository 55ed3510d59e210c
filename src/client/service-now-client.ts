/**
 * `ServiceNowClient`: the one object every task uses to read an instance.
 *
 * @module
 */
import { ConfigurationError } from '../core/index.js';
import type { QueryInput } from '../query/index.js';
import {
  mergeClientOptions,
  type ResolvedClientOptions,
  resolveClientOptions,
  type ServiceNowClientOptions,
} from './client-options.js';
import {
  assembleParts,
  type ClientParts,
  derivedParts,
  freshParts,
  type HeldParts,
  releaseParts,
} from './client-parts.js';
import {
  authUserName,
  type IntegrationUser,
  type IntegrationUserOptions,
  readIntegrationUser,
} from './integration-user.js';
import {
  type Page,
  type PaginateContext,
  type PaginateOptions,
  planPagination,
  recordIterator,
  runPagination,
} from './pagination/index.js';
import { type PeekOptions, peekRecords } from './peek.js';
import type { TableRecord } from './table/index.js';
import { type CountOptions, countRecords, type GetOptions, readRecord } from './table-reads.js';
import type { ClientMetrics } from './transport/index.js';

/**
 * A client for one ServiceNow instance: authentication (Basic, OAuth 2, bearer), retries with
 * backoff, a shared in-flight cap, typed errors, session cookies, and keyset pagination with
 * read-ahead.
 *
 * @example
 * ```ts
 * const client = new ServiceNowClient({
 *   instanceUrl: 'https://acme.service-now.com',
 *   auth: { type: 'basic', username: 'sync.user', password: process.env.SN_PASSWORD ?? '' },
 * });
 * for await (const incident of client.records('incident', { query: 'active=true', fields: ['number'] })) {
 *   console.log(incident.number);
 * }
 * await client.close();
 * ```
 */
export class ServiceNowClient {
  readonly #options: ServiceNowClientOptions;
  readonly #lifetime = new AbortController();
  readonly #parts: HeldParts;
  /** The answer of `integrationUser()`, once one came. */
  #integrationUser: { readonly user: IntegrationUser | undefined } | undefined;
  #closed = false;

  /**
   * @throws {@link ConfigurationError} when an option is invalid (the message names it).
   */
  constructor(options: ServiceNowClientOptions);
  // The second parameter is private: only `withOptions()` passes it (through `deriveClient`),
  // with the parts the new client shares with this one.
  constructor(options: ServiceNowClientOptions, derived?: ClientParts) {
    this.#options = options;
    const parts = derived ?? freshParts(resolveClientOptions(options));
    this.#parts = assembleParts(parts, this.#lifetime.signal);
  }

  /** The instance origin, normalised (`https://acme.service-now.com`). */
  get instanceUrl(): string {
    return this.#parts.resolved.origin;
  }

  /**
   * The user name the credentials carry (Basic, the OAuth password grant), for messages;
   * `undefined` for a bearer token or the OAuth `client_credentials` grant.
   */
  get userName(): string | undefined {
    return authUserName(this.#parts.resolved.auth);
  }

  /** The options after defaults (auth omitted). */
  get settings(): Omit<ResolvedClientOptions, 'auth' | 'fetch' | 'tls'> {
    const { auth: _auth, fetch: _fetch, tls: _tls, ...rest } = this.#parts.resolved;
    return rest;
  }

  /**
   * A snapshot of the counters: requests, retries, 429s, bytes, errors, time waiting, pages,
   * records, blank rows. A derived client counts its own traffic, which also adds to its parent's.
   */
  get metrics(): ClientMetrics {
    return this.#parts.metrics.snapshot();
  }

  /**
   * A new client with some options changed. It shares this client's request queue (so the
   * in-flight cap stays global) unless `rateLimit` changed, its token and cookies unless
   * `auth` or `instanceUrl` changed, and its connections unless `fetch`/`tls` changed. It has
   * its own `metrics`, which also add up in this client's. `retry` and `rateLimit` are merged.
   *
   * @example
   * ```ts
   * const patient = client.withOptions({ timeoutMs: 120_000, retry: { maxAttempts: 8 } });
   * ```
   */
  withOptions(overrides: Partial<ServiceNowClientOptions>): ServiceNowClient {
    this.#assertOpen();
    const merged = mergeClientOptions(this.#options, this.#parts.resolved, overrides);
    return deriveClient(merged, derivedParts(this.#parts, resolveClientOptions(merged)));
  }

  /**
   * Pages of a table, lazily: keyset by sys_id unless `strategy: 'offset'`, with the next page
   * fetched while the caller handles the current one. Stop with `break`: in-flight requests are
   * aborted and no new one starts. Options are validated at the call.
   *
   * @throws {@link ConfigurationError} / `QuerySyntaxError` at once for bad options; request
   * errors (`ServiceNowRequestError` subclasses) while iterating.
   *
   * @example
   * ```ts
   * for await (const page of client.paginate('incident', { query: 'active=true', pageSize: 500 })) {
   *   await sink.write(page.records);
   * }
   * ```
   */
  paginate<T = TableRecord>(table: string, options: PaginateOptions = {}): AsyncIterable<Page<T>> {
    this.#assertOpen();
    const plan = planPagination(table, options);
    const context: PaginateContext = {
      executor: this.#parts.executor,
      metrics: this.#parts.metrics,
    };
    return { [Symbol.asyncIterator]: () => runPagination<T>(context, plan) };
  }

  /**
   * The records of a table, one by one, over {@link paginate} (same options and guarantees).
   *
   * @example
   * ```ts
   * let open = 0;
   * for await (const row of client.records('incident', { query: 'active=true', fields: ['number'] })) open++;
   * ```
   */
  records<T = TableRecord>(table: string, options: PaginateOptions = {}): AsyncIterable<T> {
    const pages = this.paginate<T>(table, options);
    return { [Symbol.asyncIterator]: () => recordIterator(pages[Symbol.asyncIterator]()) };
  }

  /**
   * One record by sys_id, or `undefined` when the instance answers 404 (missing, or hidden by
   * an ACL: ServiceNow does not tell them apart).
   *
   * @example
   * ```ts
   * const incident = await client.get('incident', '1c741bd70b2322007518478d83673af3', { fields: ['number'] });
   * ```
   */
  async get<T = TableRecord>(
    table: string,
    sysId: string,
    options: GetOptions = {},
  ): Promise<T | undefined> {
    this.#assertOpen();
    return readRecord<T>(this.#parts.executor, table, sysId, options);
  }

  /**
   * The number of rows matching `query`, from the Aggregate API
   * (`/api/now/stats/{table}?sysparm_count=true`).
   *
   * @example
   * ```ts
   * const open = await client.count('incident', 'active=true');
   * ```
   */
  async count(table: string, query?: QueryInput, options: CountOptions = {}): Promise<number> {
    this.#assertOpen();
    return countRecords(this.#parts.executor, table, query, options);
  }

  /**
   * Up to `limit` records (default 1) of a table in one quick request: one attempt whatever the
   * retry policy, its own timeout (default 10 s), no further page. For checks before a run: does
   * the instance answer, are the credentials accepted, which fields does a table have (without
   * `fields`, a record holds every field the user may read).
   *
   * @throws {@link ConfigurationError} for bad options; the request's typed error otherwise
   * (`AuthenticationError`, `InstanceUnavailableError`, `TimeoutError`, ...), never retried.
   *
   * @example
   * ```ts
   * const [sample] = await client.peek('incident', { timeoutMs: 5000 });
   * const fields = sample === undefined ? [] : Object.keys(sample);
   * ```
   */
  async peek<T = TableRecord>(table: string, options: PeekOptions = {}): Promise<T[]> {
    this.#assertOpen();
    return (await peekRecords(this.#parts.executor, table, options)) as T[];
  }

  /**
   * The user the client authenticates as, read from `sys_user` by `user_name` (fields
   * `user_name,time_zone`): lets a sync warn when that user's time zone is not GMT, since
   * display values and `gs.dateGenerate()` are read in it. `undefined` when the credentials
   * carry no user name (bearer token, OAuth `client_credentials`) or when the row cannot be read
   * (403, 404, no row, a `{}` row). The first answer is kept for the client's lifetime.
   *
   * @throws request errors other than those (network, 5xx after retries, 401).
   *
   * @example
   * ```ts
   * const user = await client.integrationUser();
   * if (user && user.timeZone !== 'GMT') console.warn(`dates are read in ${user.timeZone || 'the instance zone'}`);
   * ```
   */
  async integrationUser(
    options: IntegrationUserOptions = {},
  ): Promise<IntegrationUser | undefined> {
    this.#assertOpen();
    if (this.#integrationUser !== undefined) return this.#integrationUser.user;
    const userName = authUserName(this.#parts.resolved.auth);
    const user =
      userName === undefined
        ? undefined
        : await readIntegrationUser(this.#parts.executor, userName, options.signal);
    this.#integrationUser ??= { user };
    return this.#integrationUser.user;
  }

  /**
   * Aborts this client's in-flight requests and releases what it holds (sockets of a `tls`
   * agent, a pending token request) once no derived client uses them. Idempotent.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#lifetime.abort(new ConfigurationError('The ServiceNowClient was closed'));
    releaseParts(this.#parts);
  }

  /** Same as {@link close}, for `await using client = new ServiceNowClient(...)`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw new ConfigurationError('The ServiceNowClient was closed');
  }
}

/** The constructor with its private second parameter, as `withOptions()` calls it. */
type DerivingConstructor = new (
  options: ServiceNowClientOptions,
  derived: ClientParts,
) => ServiceNowClient;

/** A client made of `parts` (some retained from the client it derives from). */
function deriveClient(options: ServiceNowClientOptions, parts: ClientParts): ServiceNowClient {
  return new (ServiceNowClient as unknown as DerivingConstructor)(options, parts);
}
