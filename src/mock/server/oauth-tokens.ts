/**
 * `POST /oauth_token.do`: the password, refresh_token and client_credentials grants, with
 * RFC 6749 error bodies, and the access tokens Bearer auth checks (servicenow-api.md 6.2).
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { type Answer, jsonAnswer } from './answers.js';
import type { MockOAuthClient, MockUser } from './options.js';

interface IssuedToken {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly user: string;
  readonly expiresAt: number;
}

interface RefreshGrant {
  readonly clientId: string;
  readonly user: string;
  readonly expiresAt: number;
}

/** Settings of {@link OAuthTokens}. @internal */
export interface OAuthTokensOptions {
  readonly users: readonly MockUser[];
  readonly clients: readonly MockOAuthClient[];
  readonly now: () => number;
  readonly tokenLifetimeSeconds: number;
  readonly refreshTokenLifetimeSeconds: number;
}

function oauthError(status: number, error: string, description: string): Answer {
  return {
    ...jsonAnswer(status, { error, error_description: description }),
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function newToken(): string {
  return randomBytes(48).toString('base64url');
}

/** The token endpoint and its token store. @internal */
export class OAuthTokens {
  readonly #options: OAuthTokensOptions;
  readonly #access = new Map<string, IssuedToken>();
  readonly #refresh = new Map<string, RefreshGrant>();
  /** The current token per grant, client and user ("the same token within its lifetime"). */
  readonly #current = new Map<string, IssuedToken>();

  constructor(options: OAuthTokensOptions) {
    this.#options = options;
  }

  /** The user name an access token acts as, or `undefined` when unknown or expired. */
  userOf(accessToken: string): string | undefined {
    const issued = this.#access.get(accessToken);
    if (issued === undefined) return undefined;
    if (this.#options.now() >= issued.expiresAt) {
      this.#access.delete(accessToken);
      return undefined;
    }
    return issued.user;
  }

  /** Answers a token request. `authorization` may carry the client as HTTP Basic. */
  handle(contentType: string | undefined, body: string, authorization: string | undefined): Answer {
    const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/x-www-form-urlencoded') {
      return oauthError(
        400,
        'invalid_request',
        'The token endpoint accepts application/x-www-form-urlencoded bodies only',
      );
    }
    const form = new URLSearchParams(body);
    let clientId = form.get('client_id') ?? '';
    let clientSecret = form.get('client_secret') ?? '';
    if (clientId === '' && authorization?.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = safeDecode(decoded.slice(0, Math.max(colon, 0)));
      clientSecret = safeDecode(decoded.slice(colon + 1));
    }
    const grantType = form.get('grant_type');
    if (!grantType) return oauthError(400, 'invalid_request', 'Missing grant_type');
    const client = this.#options.clients.find((c) => c.clientId === clientId);
    if (client === undefined || client.clientSecret !== clientSecret) {
      return oauthError(401, 'invalid_client', 'Client authentication failed');
    }
    switch (grantType) {
      case 'password':
        return this.#passwordGrant(client, form);
      case 'refresh_token':
        return this.#refreshGrant(client, form);
      case 'client_credentials':
        if (client.clientCredentialsUser === undefined) {
          return oauthError(
            400,
            'unauthorized_client',
            'The client_credentials grant is not enabled for this client',
          );
        }
        return this.#issue('client_credentials', client.clientId, client.clientCredentialsUser);
      default:
        return oauthError(400, 'unsupported_grant_type', `Unsupported grant_type ${grantType}`);
    }
  }

  #passwordGrant(client: MockOAuthClient, form: URLSearchParams): Answer {
    const username = form.get('username');
    const password = form.get('password');
    if (!username || !password) {
      return oauthError(400, 'invalid_request', 'The password grant needs username and password');
    }
    const user = this.#options.users.find((u) => u.username === username);
    if (user === undefined || user.password !== password) {
      return oauthError(400, 'invalid_grant', 'Invalid resource owner credentials');
    }
    return this.#issue('password', client.clientId, user.username);
  }

  #refreshGrant(client: MockOAuthClient, form: URLSearchParams): Answer {
    const token = form.get('refresh_token') ?? '';
    const grant = this.#refresh.get(token);
    if (
      grant === undefined ||
      grant.clientId !== client.clientId ||
      this.#options.now() >= grant.expiresAt
    ) {
      return oauthError(400, 'invalid_grant', 'Invalid or expired refresh token');
    }
    return this.#respond(this.#newAccess('password', client.clientId, grant.user, token));
  }

  #issue(grant: string, clientId: string, user: string): Answer {
    const current = this.#current.get(`${grant}\n${clientId}\n${user}`);
    if (current !== undefined && this.userOf(current.accessToken) !== undefined) {
      return this.#respond(current);
    }
    let refreshToken: string | undefined;
    if (grant === 'password') {
      refreshToken = newToken();
      this.#refresh.set(refreshToken, {
        clientId,
        user,
        expiresAt: this.#options.now() + this.#options.refreshTokenLifetimeSeconds * 1000,
      });
    }
    return this.#respond(this.#newAccess(grant, clientId, user, refreshToken));
  }

  #newAccess(
    grant: string,
    clientId: string,
    user: string,
    refreshToken: string | undefined,
  ): IssuedToken {
    const issued: IssuedToken = {
      accessToken: newToken(),
      refreshToken,
      user,
      expiresAt: this.#options.now() + this.#options.tokenLifetimeSeconds * 1000,
    };
    this.#access.set(issued.accessToken, issued);
    this.#current.set(`${grant}\n${clientId}\n${user}`, issued);
    return issued;
  }

  #respond(issued: IssuedToken): Answer {
    const remaining = Math.floor((issued.expiresAt - this.#options.now()) / 1000) - 1;
    const body: Record<string, string | number> = {
      access_token: issued.accessToken,
      scope: 'useraccount',
      token_type: 'Bearer',
      expires_in: Math.max(0, remaining),
    };
    if (issued.refreshToken !== undefined) body.refresh_token = issued.refreshToken;
    return {
      ...jsonAnswer(200, body),
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    };
  }
}
