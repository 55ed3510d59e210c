/**
 * One HTTP request through the mock: log entry, fault decisions (taken synchronously in
 * arrival order), authentication, session, delays, the route, and the written answer. The
 * items of a Batch API call come through here too, as the outer request's user and session.
 *
 * @module
 */
import createDebug from 'debug';
import { sleep } from './abortable-sleep.js';
import { maybeTruncated, terminalFault } from './answer-faults.js';
import { type Answer, errorAnswer, hibernatingPage, notAuthenticated } from './answers.js';
import { authenticate } from './authenticate.js';
import { answerBatch } from './batch-route.js';
import { echoAnswer } from './echo-answer.js';
import type { MockEchoRequestFault } from './faults.js';
import type { HandlerState } from './handler-state.js';
import type { MockHttpRequest, MockHttpResponse } from './http-exchange.js';
import { type Incoming, readIncoming } from './incoming-request.js';
import { type MutableLogEntry, preciseNow } from './request-log.js';
import { responseFormat } from './response-format.js';
import { routeAnswer } from './route-answer.js';
import type { SessionBinding } from './sessions.js';
import { writeAnswer } from './write-answer.js';
import { xmlAnswer } from './xml-answer.js';

const debug = createDebug('servicenow-sync:mock');

/** What an item of a Batch API call takes from the batch request. */
interface BatchOrigin {
  /** The log id of the batch request. */
  readonly batchId: number;
  readonly user: string;
  readonly binding: SessionBinding | undefined;
}

/** One request and its response, with its log entry and lifetime. */
interface Exchange {
  readonly req: MockHttpRequest;
  readonly res: MockHttpResponse;
  /** Set for an item of a Batch API call. */
  readonly origin: BatchOrigin | undefined;
  readonly incoming: Incoming;
  readonly entry: MutableLogEntry;
  /** Aborted when the client goes away or the mock closes: pending delays end at once. */
  readonly signal: AbortSignal;
  /** Ends the request's time in flight (once). */
  readonly finish: () => void;
}

/** What was decided about a request before any delay, in arrival order. */
interface Decisions {
  readonly latencyMs: number;
  readonly hangMs: number;
  /** The answer a fault or a failed authentication gives, before any route. */
  readonly answer: Answer | undefined;
  /** Set when the `echoRequest` fault fired: the request is answered back, before all else. */
  readonly echo: MockEchoRequestFault | undefined;
  readonly user: string | undefined;
  readonly binding: SessionBinding | undefined;
}

/** Logs a request and follows its connection until it is answered or closed. */
function openExchange(
  state: HandlerState,
  req: MockHttpRequest,
  res: MockHttpResponse,
  incoming: Incoming,
  origin: BatchOrigin | undefined,
): Exchange {
  state.inFlight += 1;
  state.nextId += 1;
  const entry: MutableLogEntry = {
    id: state.nextId,
    method: incoming.method,
    path: incoming.path,
    query: Object.fromEntries(incoming.params),
    table: incoming.target.table,
    status: 0,
    startedAt: preciseNow(),
    endedAt: undefined,
    inFlight: state.inFlight,
    session: undefined,
    user: undefined,
    fault: undefined,
  };
  if (origin !== undefined) entry.batch = origin.batchId;
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
  return { req, res, origin, incoming, entry, signal, finish };
}

/** Fires the faults, authenticates and binds the session, synchronously and in arrival order. */
function decide(state: HandlerState, exchange: Exchange): Decisions {
  const { faults } = state;
  const { req, incoming, entry, origin } = exchange;
  const { target } = incoming;
  const latency = faults.fire('latencyMs', target);
  const latencyMs = latency === undefined ? 0 : faults.delayOf(latency);
  const hang = faults.fire('hangMs', target);
  const hangMs = hang === undefined ? 0 : faults.delayOf(hang);
  const echo = faults.fire('echoRequest', target);
  let answer: Answer | undefined;
  let user: string | undefined;
  if (echo !== undefined) answer = undefined;
  else if (faults.fire('hibernate', target) !== undefined) answer = hibernatingPage();
  else if (origin !== undefined) user = origin.user;
  else if (incoming.route.kind !== 'oauth') {
    user = authenticate(state, req);
    if (user === undefined) answer = notAuthenticated();
  }
  if (echo === undefined) answer ??= terminalFault(state, target);
  let binding: SessionBinding | undefined;
  if (origin !== undefined) {
    binding = origin.binding && { session: origin.binding.session, setCookies: [] };
    entry.user = origin.user;
    entry.session = binding?.session.id;
  } else if (user !== undefined) {
    binding = state.sessions.bind(req.headers.cookie, user);
    entry.user = user;
    entry.session = binding.session.id;
  }
  return { latencyMs, hangMs, answer, echo, user, binding };
}

/** Waits the decided delays, answers by route (unless decided), and writes the answer. */
async function respond(
  state: HandlerState,
  exchange: Exchange,
  decisions: Decisions,
  sessionWaitMs: number,
): Promise<void> {
  const { req, res, incoming, entry, signal } = exchange;
  const { method, path, target } = incoming;
  const { latencyMs, hangMs, user } = decisions;
  if (latencyMs > 0 && !(await sleep(latencyMs, signal))) return;
  if (hangMs > 0 && !(await sleep(hangMs, signal))) return;
  let answer = decisions.answer;
  try {
    if (decisions.echo !== undefined) answer = await echoAnswer(req, decisions.echo);
    answer ??= await routeOrBatch(state, exchange, decisions);
  } catch (error) {
    debug('%s %s failed: %O', method, path, error);
    answer = errorAnswer(500, 'Internal Server Error', String(error));
  }
  if (incoming.route.kind !== 'oauth' && responseFormat(req.headers.accept) === 'xml') {
    answer = xmlAnswer(answer);
  }
  answer = maybeTruncated(state, target, answer);
  if (signal.aborted) return;
  entry.status = answer.status;
  entry.fault = answer.fault ?? (hangMs > 0 ? 'hangMs' : latencyMs > 0 ? 'latencyMs' : undefined);
  await writeAnswer(req, res, answer, {
    loggedIn: user !== undefined,
    setCookies: decisions.binding?.setCookies ?? [],
    sessionWaitMs,
  });
  exchange.finish();
  debug('%s %s -> %d', method, target.target, answer.status);
}

/** The route's answer; a Batch API call runs each of its items through {@link handleRequest}. */
async function routeOrBatch(
  state: HandlerState,
  exchange: Exchange,
  decisions: Decisions,
): Promise<Answer> {
  const { req, incoming, entry, origin, signal } = exchange;
  const { user, binding } = decisions;
  if (incoming.route.kind !== 'batch' || user === undefined) {
    return routeAnswer(state, req, incoming, user);
  }
  if (origin !== undefined) {
    return errorAnswer(400, 'Invalid batch request', 'A batch item cannot be a batch request');
  }
  const itemOrigin: BatchOrigin = { batchId: entry.id, user, binding };
  return answerBatch(req, (item, res) => handleRequest(state, item, res, itemOrigin), signal);
}

/**
 * Answers one request; never rejects. `origin` is set for an item of a Batch API call: it
 * runs as the batch's user, in the batch's session (whose lock the batch already holds).
 * @internal
 */
export async function handleRequest(
  state: HandlerState,
  req: MockHttpRequest,
  res: MockHttpResponse,
  origin?: BatchOrigin,
): Promise<void> {
  const exchange = openExchange(state, req, res, readIncoming(req), origin);
  const decisions = decide(state, exchange);
  const { binding } = decisions;
  let release = () => {};
  let sessionWaitMs = 0;
  try {
    if (binding !== undefined && state.options.serializeSessions && origin === undefined) {
      ({ release, waitedMs: sessionWaitMs } = await state.sessions.acquire(binding.session));
    }
    await respond(state, exchange, decisions, sessionWaitMs);
  } catch (error) {
    const { method, path } = exchange.incoming;
    debug('%s %s: answer not written: %O', method, path, error);
    res.destroy();
  } finally {
    release();
  }
}
