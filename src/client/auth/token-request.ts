/**
 * How OAuth token requests are sent: through a client's request executor, to
 * `/oauth_token.do`, form-encoded, without `Authorization` or cookies.
 *
 * @module
 */
import type { RequestExecutor } from '../transport/index.js';
import { checkTokenResponse, type TokenRequester } from './oauth-token-source.js';

/** A {@link TokenRequester} over `executor` (looked up at each request, so it may come later). */
export function tokenRequester(executor: () => RequestExecutor): TokenRequester {
  return async (form, signal) => {
    const result = await executor().execute({
      method: 'POST',
      path: '/oauth_token.do',
      form,
      signal,
      endpoint: 'token',
      validate: checkTokenResponse,
    });
    return result.body;
  };
}
