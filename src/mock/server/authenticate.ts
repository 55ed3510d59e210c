/**
 * Who sends a request: Basic credentials of a mock user, an OAuth bearer token, or the session
 * cookie of an earlier request.
 *
 * @module
 */

import type { HandlerState } from './handler-state.js';
import type { MockHttpRequest } from './http-exchange.js';

/** The user name a request authenticates as, or `undefined` when it does not. @internal */
export function authenticate(state: HandlerState, req: MockHttpRequest): string | undefined {
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
