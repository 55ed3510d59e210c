/**
 * The `auth` option of the client.
 *
 * @module
 */

/** HTTP Basic authentication with a (local, web-service-only) integration user. */
export interface BasicAuthOptions {
  readonly type: 'basic';
  readonly username: string;
  readonly password: string;
}

/**
 * OAuth 2 against `/oauth_token.do` (form-encoded). The grant follows from the fields given:
 * `refresh_token` when `refreshToken` is set, else `password` when `username` and `password`
 * are set, else `client_credentials`. Tokens are cached, renewed when 80% of their lifetime has
 * passed, fetched once for all concurrent requests, and renewed once after a 401.
 */
export interface OAuthOptions {
  readonly type: 'oauth';
  readonly clientId: string;
  readonly clientSecret: string;
  /** For the `password` grant. */
  readonly username?: string;
  /** For the `password` grant. */
  readonly password?: string;
  /** For the `refresh_token` grant. A `password` grant's refresh token is used automatically. */
  readonly refreshToken?: string;
  /** OAuth scope requested, when the registry entry needs one. */
  readonly scope?: string;
}

/** A bearer token obtained elsewhere; it is not renewed (a 401 is final). */
export interface BearerAuthOptions {
  readonly type: 'bearer';
  readonly token: string;
}

/** How the client authenticates. */
export type AuthOptions = BasicAuthOptions | OAuthOptions | BearerAuthOptions;
