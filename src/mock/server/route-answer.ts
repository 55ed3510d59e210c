/**
 * The answer of the route a request addresses: the OAuth token endpoint, the Table API, the
 * Stats API, or an error for an unknown path, method or `Accept` (neither JSON nor XML).
 *
 * @module
 */
import { deniedRead } from './access-faults.js';
import { type Answer, methodNotAllowed, noSuchResource, notAcceptable } from './answers.js';
import type { HandlerState } from './handler-state.js';
import type { MockHttpRequest } from './http-exchange.js';
import type { Incoming } from './incoming-request.js';
import { isWriteMethod } from './read-only.js';
import { readBodyText } from './request-body.js';
import { responseFormat } from './response-format.js';
import { answerStats } from './stats-route.js';
import { answerTableList, answerTableRecord } from './table-route.js';
import { answerTableWrite, MAX_WRITE_BYTES } from './write-route.js';

const MAX_FORM_BYTES = 1 << 20;

async function readBody(req: MockHttpRequest): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Answers a request that passed authentication and faults, by its route (the Batch API is
 * answered by the request handler, which runs its inner requests). @internal
 */
export async function routeAnswer(
  state: HandlerState,
  req: MockHttpRequest,
  incoming: Incoming,
  user: string | undefined,
): Promise<Answer> {
  const { route, method } = incoming;
  if (route.kind === 'oauth') {
    const body = await readBody(req);
    return state.oauth.handle(req.headers['content-type'], body, req.headers.authorization);
  }
  if (route.kind === 'unknown' || route.kind === 'batch') return noSuchResource();
  const writing = route.kind === 'table' && isWriteMethod(method);
  if (!writing && method !== 'GET' && method !== 'HEAD') return methodNotAllowed(method);
  if (responseFormat(req.headers.accept) === undefined) return notAcceptable();
  const denied = writing ? undefined : deniedRead(state.store, state.faults.faults, route.table);
  if (denied !== undefined) return denied;
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
  if (isWriteMethod(method)) {
    const body = await readBodyText(req, MAX_WRITE_BYTES);
    const write = { ...request, method, user: user ?? '', body };
    return answerTableWrite(write, route.version, route.table, route.sysId);
  }
  return route.sysId === undefined
    ? answerTableList(request, route.version, route.table)
    : answerTableRecord(request, route.version, route.table, route.sysId);
}
