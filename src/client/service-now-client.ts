/**
 * `ServiceNowClient`: the one object every task uses to read an instance.
 *
 * @module
 */
import type { $Fetch } from 'ofetch';
import { ConfigurationError } from '../core/index.js';
import { type QueryInput, toQueryString } from '../query/index.js';
import type { ResolvedClientOptions, ServiceNowClientOptions } from './client-options.js';
import { resolveClientOptions } from './client-options.js';
import { authUserName, readIntegrationUser } from './integration-user.js';
import { type ClientMetrics, MetricsRecorder } from './metrics.js';
import { checkTokenResponse } from './oauth-token-source.js';
import type {
  CountOptions,
  GetOptions,
  IntegrationUser,
  IntegrationUserOptions,
  Page,
  PaginateOptions,
  TableRecord,
} from './page.js';
import { type PaginateContext, planPagination, runPagination } from './paginate.js';
import { recordIterator } from './record-iterator.js';
import { type ExecutorConfig, RequestExecutor } from './request-executor.js';
import { RetryPolicy } from './retry-policy.js';
import {
  type Credentials,
  createCredentials,
  createFetcher,
  createScheduler,
  createSessions,
  type Scheduler,
  type Sessions,
  type Shared,
  sameAuth,
} from './shared-transport.js';
import { checkSysId, checkTable, displayParams, fieldsParam } from './table-params.js';

/** Shared parts handed from a client to the one `withOptions()` derives. */
interface Derivation {
  readonly resolved: ResolvedClientOptions;
  readonly scheduler: Shared<Scheduler>;
  readonly sessions: Shared<Sessions>;
  readonly fetcher: Shared<$Fetch>;
  /** `undefined`: the auth changed, the new client creates its own. */
  readonly credentials: Shared<Credentials> | undefined;
  readonly metrics: MetricsRecorder;
}

function checkStatsBody(body: unknown): string | undefined {
  const count = (body as { result?: { stats?: { count?: unknown } } } | null)?.result?.stats?.count;
  if (typeof count !== 'string' && typeof count !== 'number') return 'stats response has no count';
  return Number.isFinite(Number(count))
    ? undefined
    : `stats count ${JSON.stringify(count)} is not a number`;
}

function checkRecordBody(body: unknown): string | undefined {
  const result = (body as { result?: unknown } | null)?.result;
  return typeof result === 'object' && result !== null && !Array.isArray(result)
    ? undefined
    : 'record response has no result object';
}

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
  static #deriving: Derivation | undefined;

  readonly #options: ServiceNowClientOptions;
  readonly #resolved: ResolvedClientOptions;
  readonly #scheduler: Shared<Scheduler>;
  readonly #sessions: Shared<Sessions>;
  readonly #fetcher: Shared<$Fetch>;
  readonly #credentials: Shared<Credentials>;
  readonly #metrics: MetricsRecorder;
  readonly #lifetime = new AbortController();
  readonly #executor: RequestExecutor;
  /** The answer of `integrationUser()`, once one came. */
  #integrationUser: { readonly user: IntegrationUser | undefined } | undefined;
  #closed = false;

  /**
   * @throws {@link ConfigurationError} when an option is invalid (the message names it).
   */
  constructor(options: ServiceNowClientOptions) {
    const derivation = ServiceNowClient.#deriving;
    ServiceNowClient.#deriving = undefined;
    this.#options = options;
    this.#resolved = derivation?.resolved ?? resolveClientOptions(options);
    const resolved = this.#resolved;
    this.#scheduler = derivation?.scheduler ?? createScheduler(resolved);
    this.#sessions = derivation?.sessions ?? createSessions(resolved);
    this.#fetcher = derivation?.fetcher ?? createFetcher(resolved);
    this.#metrics = new MetricsRecorder(derivation?.metrics);
    const credentials =
      derivation?.credentials ??
      createCredentials(resolved.auth, async (form, signal) => {
        const result = await tokenExecutor.execute({
          method: 'POST',
          path: '/oauth_token.do',
          form,
          signal,
          endpoint: 'token',
          validate: checkTokenResponse,
        });
        return result.body;
      });
    this.#credentials = credentials;
    const config: ExecutorConfig = {
      origin: resolved.origin,
      fetcher: this.#fetcher.value,
      queue: this.#scheduler.value.queue,
      gate: this.#scheduler.value.gate,
      cookies: this.#sessions.value.cookies,
      auth: credentials.value.provider,
      policy: resolved.retry,
      timeoutMs: resolved.timeoutMs,
      userAgent: resolved.userAgent,
      metrics: this.#metrics,
      redactor: credentials.value.redactor,
      lifetime: this.#lifetime.signal,
    };
    this.#executor = new RequestExecutor(config);
    // Token requests outlive this client when derived clients share the token: they are
    // cancelled by the token source's own lifetime, not by this client's close().
    const tokenExecutor = new RequestExecutor({
      ...config,
      lifetime: new AbortController().signal,
    });
  }

  /** The instance origin, normalised (`https://acme.service-now.com`). */
  get instanceUrl(): string {
    return this.#resolved.origin;
  }

  /** The options after defaults (auth omitted). */
  get settings(): Omit<ResolvedClientOptions, 'auth' | 'fetch' | 'tls'> {
    const { auth: _auth, fetch: _fetch, tls: _tls, ...rest } = this.#resolved;
    return rest;
  }

  /**
   * A snapshot of the counters: requests, retries, 429s, bytes, errors, time waiting, pages,
   * records, blank rows. A derived client counts its own traffic, which also adds to its parent's.
   */
  get metrics(): ClientMetrics {
    return this.#metrics.snapshot();
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
    const base = this.#options;
    const retry =
      overrides.retry === undefined
        ? base.retry
        : overrides.retry instanceof RetryPolicy
          ? overrides.retry
          : { ...this.#resolved.retry.toOptions(), ...overrides.retry };
    const merged: ServiceNowClientOptions = {
      ...base,
      ...overrides,
      ...(retry === undefined ? {} : { retry }),
      ...(overrides.rateLimit === undefined
        ? {}
        : { rateLimit: { ...base.rateLimit, ...overrides.rateLimit } }),
    };
    const next = resolveClientOptions(merged);
    const current = this.#resolved;
    const sameOrigin = next.origin === current.origin;
    const sameLimit =
      next.rateLimit.maxInFlight === current.rateLimit.maxInFlight &&
      next.rateLimit.intervalCap === current.rateLimit.intervalCap &&
      next.rateLimit.interval === current.rateLimit.interval;
    const sameCredentials = sameOrigin && sameAuth(next.auth, current.auth);
    const sameFetch = next.fetch === current.fetch && next.tls === current.tls;
    ServiceNowClient.#deriving = {
      resolved: next,
      scheduler: sameOrigin && sameLimit ? this.#scheduler.retain() : createScheduler(next),
      sessions:
        sameCredentials && sameLimit && next.sessionCookies === current.sessionCookies
          ? this.#sessions.retain()
          : createSessions(next),
      fetcher: sameFetch ? this.#fetcher.retain() : createFetcher(next),
      credentials: sameCredentials ? this.#credentials.retain() : undefined,
      metrics: this.#metrics,
    };
    return new ServiceNowClient(merged);
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
    const context: PaginateContext = { executor: this.#executor, metrics: this.#metrics };
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
    const params: Record<string, string> = {
      ...displayParams(options.displayValue, options.excludeReferenceLink),
    };
    if (options.fields !== undefined) params.sysparm_fields = fieldsParam(options.fields);
    const path = `/api/now/table/${checkTable(table)}/${encodeURIComponent(checkSysId(sysId))}`;
    const result = await this.#executor.execute({
      method: 'GET',
      path,
      params: () => params,
      signal: options.signal,
      validate: checkRecordBody,
      allowNotFound: true,
    });
    if (result.notFound) return undefined;
    return (result.body as { result: T }).result;
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
    const params: Record<string, string> = { sysparm_count: 'true' };
    if (query !== undefined) {
      const text = toQueryString(query);
      if (text !== '') params.sysparm_query = text;
    }
    const result = await this.#executor.execute({
      method: 'GET',
      path: `/api/now/stats/${checkTable(table)}`,
      params: () => params,
      signal: options.signal,
      validate: checkStatsBody,
    });
    return Number((result.body as { result: { stats: { count: string } } }).result.stats.count);
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
    const userName = authUserName(this.#resolved.auth);
    const user =
      userName === undefined
        ? undefined
        : await readIntegrationUser(this.#executor, userName, options.signal);
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
    this.#scheduler.release();
    this.#sessions.release();
    this.#fetcher.release();
    this.#credentials.release();
  }

  /** Same as {@link close}, for `await using client = new ServiceNowClient(...)`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw new ConfigurationError('The ServiceNowClient was closed');
  }
}
