/**
 * One HTTP request through the mock: log entry, fault decisions (taken synchronously in
 * arrival order), authentication, session, delays, the route, and the written answer.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import createDebug from 'debug';
import type { MockDataStore } from '../types.js';
import {
  type Answer,
  errorAnswer,
  hibernatingPage,
  insufficientReadRights,
  JSON_TYPE,
  methodNotAllowed,
  noSuchResource,
  notAcceptable,
  notAuthenticated,
  rateLimited,
  serverError,
  tooManyRequests,
} from './answers.js';
import type { FaultEngine, FaultTarget } from './fault-engine.js';
import type { OAuthTokens } from './oauth-tokens.js';
import type { ResolvedMockOptions } from './options.js';
import { type MutableLogEntry, preciseNow } from './request-log.js';
import { acceptsJson, type MockRoute, matchRoute } from './routes.js';
import type { SessionBinding, SessionRegistry } from './sessions.js';
import { answerStats } from './stats-route.js';
import { answerTableList, answerTableRecord } from './table-route.js';

const debug = createDebug('servicenow-sync:mock');
const gzipAsync = promisify(gzip);
const MAX_FORM_BYTES = 1 << 20;

/** Everything the handler shares across requests. @internal */
export interface HandlerState {
  readonly options: ResolvedMockOptions;
  readonly store: MockDataStore;
  readonly faults: FaultEngine;
  readonly sessions: SessionRegistry;
  readonly oauth: OAuthTokens;
  /** The public request log (append-only; cleared in place). */
  readonly log: MutableLogEntry[];
  /** Aborted by `close()`: pending delays end at once. */
  readonly shutdown: AbortSignal;
  baseUrl: string;
  nextId: number;
  inFlight: number;
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function authenticate(state: HandlerState, req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const users = state.options.users;
  if (header === undefined) return state.sessions.find(req.headers.cookie)?.user;
  const [scheme = '', credentials = ''] = header.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return undefined;
    const name = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    return users.find((u) => u.username === name && u.password === password)?.username;
  }
  if (scheme.toLowerCase() === 'bearer') return state.oauth.userOf(credentials);
  return undefined;
}

/** The rate cap, rate limit, bare 429 or 5xx answer for this request, if one fires. */
function terminalFault(state: HandlerState, target: FaultTarget): Answer | undefined {
  const { faults } = state;
  const cap = faults.overRateCap(target, preciseNow());
  if (cap !== undefined) {
    const answer = cap.withHeaders
      ? rateLimited(state.options.now(), { limit: cap.limit * 3600 })
      : tooManyRequests();
    return { ...answer, fault: 'requestsPerSecond' };
  }
  const limit = faults.fire('rateLimit', target);
  if (limit !== undefined)
    return { ...rateLimited(state.options.now(), limit), fault: 'rateLimit' };
  if (faults.fire('bare429', target) !== undefined)
    return { ...tooManyRequests(), fault: 'bare429' };
  if (faults.fire('readDenied', target) !== undefined)
    return { ...insufficientReadRights(), fault: 'readDenied' };
  const errors = faults.fire('serverErrors', target);
  if (errors === undefined) return undefined;
  const statuses = typeof errors.status === 'number' ? [errors.status] : (errors.status ?? [503]);
  const status = statuses[(faults.firedCount('serverErrors') - 1) % statuses.length] ?? 503;
  return serverError(status, errors.html ?? false);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The request line, parsed once. */
interface Incoming {
  readonly method: string;
  readonly path: string;
  /** Query string as sent, without `?`. */
  readonly rawQuery: string;
  readonly params: URLSearchParams;
  readonly route: MockRoute;
  readonly target: FaultTarget;
}

function readIncoming(req: IncomingMessage): Incoming {
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  const mark = rawUrl.indexOf('?');
  const path = mark < 0 ? rawUrl : rawUrl.slice(0, mark);
  const rawQuery = mark < 0 ? '' : rawUrl.slice(mark + 1);
  const route = matchRoute(method, path);
  const table = route.kind === 'table' || route.kind === 'stats' ? route.table : undefined;
  const target = { target: rawUrl, table };
  return { method, path, rawQuery, params: new URLSearchParams(rawQuery), route, target };
}

async function routeAnswer(
  state: HandlerState,
  req: IncomingMessage,
  incoming: Incoming,
  user: string | undefined,
): Promise<Answer> {
  const { route, method } = incoming;
  if (route.kind === 'oauth') {
    const body = await readBody(req);
    return state.oauth.handle(req.headers['content-type'], body, req.headers.authorization);
  }
  if (route.kind === 'unknown') return noSuchResource();
  if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(method);
  if (!acceptsJson(req.headers.accept)) return notAcceptable();
  const timeZone =
    state.options.users.find((u) => u.username === user)?.timeZone ?? state.options.timeZone;
  const request = {
    store: state.store,
    faults: state.faults,
    target: incoming.target,
    baseUrl: state.baseUrl,
    path: incoming.path,
    rawQuery: incoming.rawQuery,
    params: incoming.params,
    timeZone,
    now: state.options.now(),
    strictQueryFields: state.options.strictQueryFields,
  };
  if (route.kind === 'stats') return answerStats(request, route.table);
  return route.sysId === undefined
    ? answerTableList(request, route.version, route.table)
    : answerTableRecord(request, route.version, route.table, route.sysId);
}

function truncated(answer: Answer, fraction: number): Answer {
  const keep = Math.min(
    answer.body.length - 1,
    Math.max(1, Math.floor(answer.body.length * fraction)),
  );
  return { ...answer, body: answer.body.slice(0, keep), fault: 'truncateJson' };
}

async function write(
  req: IncomingMessage,
  res: ServerResponse,
  answer: Answer,
  extra: { loggedIn: boolean; setCookies: readonly string[]; sessionWaitMs: number },
): Promise<void> {
  const headers: Record<string, string | string[]> = {
    'Content-Type': answer.contentType ?? JSON_TYPE,
    'X-Transaction-ID': randomBytes(6).toString('hex'),
    'Server-Timing': `sem_wait;dur=0, sesh_wait;dur=${extra.sessionWaitMs}`,
    Pragma: 'no-store,no-cache',
    'Cache-Control': 'no-cache,no-store,must-revalidate,max-age=-1',
    Expires: '0',
    'X-Content-Type-Options': 'nosniff',
    Server: 'ServiceNow',
    ...answer.headers,
  };
  if (extra.loggedIn) headers['X-Is-Logged-In'] = 'true';
  if (extra.setCookies.length > 0) headers['Set-Cookie'] = [...extra.setCookies];
  const head = req.method === 'HEAD';
  let body = Buffer.from(answer.body, 'utf8');
  if (!head && body.length > 0 && /\bgzip\b/i.test(req.headers['accept-encoding'] ?? '')) {
    body = await gzipAsync(body);
    headers['Content-Encoding'] = 'gzip';
    headers.Vary = 'Accept-Encoding';
  }
  headers['Content-Length'] = String(body.length);
  if (res.destroyed) return;
  res.writeHead(answer.status, headers);
  res.end(head ? undefined : body);
}

/** Answers one request; never rejects. @internal */
export async function handleRequest(
  state: HandlerState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const incoming = readIncoming(req);
  const { method, path, target } = incoming;
  state.inFlight += 1;
  state.nextId += 1;
  const entry: MutableLogEntry = {
    id: state.nextId,
    method,
    path,
    query: Object.fromEntries(incoming.params),
    table: target.table,
    status: 0,
    startedAt: preciseNow(),
    endedAt: undefined,
    inFlight: state.inFlight,
    session: undefined,
    user: undefined,
    fault: undefined,
  };
  state.log.push(entry);
  const gone = new AbortController();
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    state.inFlight -= 1;
    entry.endedAt = preciseNow();
  };
  res.on('close', () => {
    if (!res.writableEnded) gone.abort();
    finish();
  });
  const signal = AbortSignal.any([state.shutdown, gone.signal]);

  // Decisions, synchronously and in arrival order.
  const { faults } = state;
  const latency = faults.fire('latencyMs', target);
  const latencyMs = latency === undefined ? 0 : faults.delayOf(latency);
  const hang = faults.fire('hangMs', target);
  const hangMs = hang === undefined ? 0 : faults.delayOf(hang);
  let answer: Answer | undefined;
  let user: string | undefined;
  if (faults.fire('hibernate', target) !== undefined) answer = hibernatingPage();
  else if (incoming.route.kind !== 'oauth') {
    user = authenticate(state, req);
    if (user === undefined) answer = notAuthenticated();
  }
  answer ??= terminalFault(state, target);
  let binding: SessionBinding | undefined;
  if (user !== undefined) {
    binding = state.sessions.bind(req.headers.cookie, user);
    entry.user = user;
    entry.session = binding.session.id;
  }

  let release = () => {};
  let sessionWaitMs = 0;
  try {
    if (binding !== undefined && state.options.serializeSessions) {
      ({ release, waitedMs: sessionWaitMs } = await state.sessions.acquire(binding.session));
    }
    if (latencyMs > 0 && !(await sleep(latencyMs, signal))) return;
    if (hangMs > 0 && !(await sleep(hangMs, signal))) return;
    try {
      answer ??= await routeAnswer(state, req, incoming, user);
    } catch (error) {
      debug('%s %s failed: %O', method, path, error);
      answer = errorAnswer(500, 'Internal Server Error', String(error));
    }
    if (answer.status === 200 && answer.contentType === undefined && target.table !== undefined) {
      const cut = faults.fire('truncateJson', target);
      if (cut !== undefined) answer = truncated(answer, cut.fraction ?? 0.5);
    }
    if (signal.aborted) return;
    entry.status = answer.status;
    entry.fault = answer.fault ?? (hangMs > 0 ? 'hangMs' : latencyMs > 0 ? 'latencyMs' : undefined);
    await write(req, res, answer, {
      loggedIn: user !== undefined,
      setCookies: binding?.setCookies ?? [],
      sessionWaitMs,
    });
    finish();
    debug('%s %s -> %d', method, target.target, answer.status);
  } catch (error) {
    debug('%s %s: answer not written: %O', method, path, error);
    res.destroy();
  } finally {
    release();
  }
}
