/**
 * OAuth 2 access tokens from `/oauth_token.do`: cached, renewed before expiry, fetched once for
 * all the requests that need one at the same moment, renewed once after a 401.
 *
 * @module
 */
import createDebug from 'debug';
import { AuthenticationError } from '../errors/index.js';
import type { AuthProvider, SecretRedactor } from '../transport/index.js';
import { raceSignal } from '../transport/index.js';
import type { OAuthOptions } from './auth-options.js';

const log = createDebug('servicenow-sync:auth');

/** Sends a form-encoded token request and returns the parsed JSON body. */
export type TokenRequester = (form: URLSearchParams, signal: AbortSignal) => Promise<unknown>;

/** Share of a token's lifetime after which it is renewed. */
const RENEW_AT_SHARE = 0.8;
/** `expires_in` assumed when the server sends none (ServiceNow's default), in seconds. */
const DEFAULT_EXPIRES_IN_S = 1800;

interface CachedToken {
  readonly header: string;
  readonly renewAt: number;
}

/** The problem with a token response, or `undefined` when it is usable. */
export function checkTokenResponse(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'token response is not a JSON object';
  const { access_token: accessToken } = body as { access_token?: unknown };
  if (typeof accessToken !== 'string' || accessToken === '') {
    return 'token response has no access_token';
  }
  return undefined;
}

/** Token cache and renewal for the `oauth` auth mode. */
export class OAuthTokenSource implements AuthProvider {
  readonly #options: OAuthOptions;
  readonly #request: TokenRequester;
  readonly #redactor: SecretRedactor;
  readonly #now: () => number;
  readonly #lifetime = new AbortController();
  #token: CachedToken | undefined;
  #pending: Promise<string> | undefined;
  #refreshToken: string | undefined;

  constructor(
    options: OAuthOptions,
    request: TokenRequester,
    redactor: SecretRedactor,
    now: () => number = Date.now,
  ) {
    this.#options = options;
    this.#request = request;
    this.#redactor = redactor;
    this.#now = now;
    this.#refreshToken = options.refreshToken;
    redactor.add(options.clientSecret, options.password, options.refreshToken);
  }

  authorization(signal?: AbortSignal): string | Promise<string> {
    const token = this.#token;
    if (token !== undefined && this.#now() < token.renewAt) return token.header;
    if (this.#pending === undefined) {
      const pending = this.#fetch().finally(() => {
        this.#pending = undefined;
      });
      pending.catch(() => {});
      this.#pending = pending;
    }
    return raceSignal(this.#pending, signal);
  }

  renew(refused: string): boolean {
    if (this.#token?.header === refused) {
      log('access token refused (401); renewing');
      this.#token = undefined;
    }
    return true;
  }

  close(): void {
    this.#lifetime.abort(new Error('client closed'));
  }

  async #fetch(): Promise<string> {
    const options = this.#options;
    const refreshToken = this.#refreshToken;
    const hasPassword = options.username !== undefined && options.password !== undefined;
    if (refreshToken !== undefined) {
      try {
        return await this.#grant('refresh_token', { refresh_token: refreshToken });
      } catch (error) {
        if (!(error instanceof AuthenticationError) || !hasPassword) throw error;
        log('refresh_token grant refused; falling back to the password grant');
        this.#refreshToken = undefined;
      }
    }
    if (hasPassword) {
      return this.#grant('password', {
        username: options.username ?? '',
        password: options.password ?? '',
      });
    }
    return this.#grant('client_credentials', {});
  }

  async #grant(grantType: string, fields: Record<string, string>): Promise<string> {
    const form = new URLSearchParams({
      grant_type: grantType,
      client_id: this.#options.clientId,
      client_secret: this.#options.clientSecret,
      ...fields,
    });
    if (this.#options.scope !== undefined) form.set('scope', this.#options.scope);
    log('requesting an access token (grant %s)', grantType);
    const body = (await this.#request(form, this.#lifetime.signal)) as {
      access_token: string;
      expires_in?: unknown;
      refresh_token?: unknown;
    };
    const expiresIn = Number(body.expires_in ?? DEFAULT_EXPIRES_IN_S);
    const lifetimeS =
      Number.isFinite(expiresIn) && expiresIn >= 0 ? expiresIn : DEFAULT_EXPIRES_IN_S;
    this.#redactor.add(body.access_token);
    if (typeof body.refresh_token === 'string' && body.refresh_token !== '') {
      this.#redactor.add(body.refresh_token);
      this.#refreshToken = body.refresh_token;
    }
    const header = `Bearer ${body.access_token}`;
    this.#token = { header, renewAt: this.#now() + lifetimeS * 1000 * RENEW_AT_SHARE };
    log('access token obtained (grant %s, expires in %d s)', grantType, lifetimeS);
    return header;
  }
}
