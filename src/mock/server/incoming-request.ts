/**
 * The request line of one request, parsed once: method, path, query and route.
 *
 * @module
 */

import type { FaultTarget } from './fault-engine.js';
import type { MockHttpRequest } from './http-exchange.js';
import { type MockRoute, matchRoute } from './routes.js';

/** The request line, parsed once. @internal */
export interface Incoming {
  readonly method: string;
  readonly path: string;
  /** Query string as sent, without `?`. */
  readonly rawQuery: string;
  readonly params: URLSearchParams;
  readonly route: MockRoute;
  readonly target: FaultTarget;
}

/** Parses the request line of a request. @internal */
export function readIncoming(req: MockHttpRequest): Incoming {
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
