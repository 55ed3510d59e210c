/**
 * The credentials of a client: its auth provider and the secrets it knows, shared with derived
 * clients while `auth` and `instanceUrl` do not change.
 *
 * @module
 */
import { type AuthProvider, SecretRedactor, Shared } from '../transport/index.js';
import type { AuthOptions } from './auth-options.js';
import { BasicAuthProvider, BearerAuthProvider } from './fixed-header-providers.js';
import { OAuthTokenSource, type TokenRequester } from './oauth-token-source.js';

/** Authentication and the secrets it knows. */
export interface Credentials {
  /** Supplies the `Authorization` header. */
  readonly provider: AuthProvider;
  /** Removes the secrets from messages. */
  readonly redactor: SecretRedactor;
}

/** Creates the auth provider; `requestToken` sends OAuth token requests. */
export function createCredentials(
  auth: AuthOptions,
  requestToken: TokenRequester,
): Shared<Credentials> {
  const redactor = new SecretRedactor();
  let provider: AuthProvider;
  if (auth.type === 'basic') {
    const basic = new BasicAuthProvider(auth);
    redactor.add(auth.password, basic.header.slice('Basic '.length));
    provider = basic;
  } else if (auth.type === 'bearer') {
    redactor.add(auth.token);
    provider = new BearerAuthProvider(auth);
  } else {
    provider = new OAuthTokenSource(auth, requestToken, redactor);
  }
  return new Shared({ provider, redactor }, (value) => value.provider.close());
}

/** Whether two auth options are the same credentials. */
export function sameAuth(a: AuthOptions, b: AuthOptions): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (
      (a as unknown as Record<string, unknown>)[key] !==
      (b as unknown as Record<string, unknown>)[key]
    ) {
      return false;
    }
  }
  return true;
}
