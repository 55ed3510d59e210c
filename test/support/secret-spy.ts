/**
 * Remembers every secret a client sends or receives (the Authorization header and its value,
 * session cookies, the secret fields of an OAuth form, issued tokens) in every spelling an echo
 * may carry it in (raw, URL-encoded, form-encoded, base64), and finds them in texts.
 */
import type { FetchFunction } from '../../src/client/index.js';

/** Every spelling of a secret an echo may carry. */
export function spellings(secret: string): string[] {
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  return [secret, encodeURIComponent(secret), form, Buffer.from(secret).toString('base64')];
}

/** A set of secrets and a fetch that adds to it what goes over the wire. */
export class SecretSpy {
  readonly secrets = new Set<string>();

  /** Adds a secret (values under 4 characters are ignored, as the client's redactor does). */
  remember(secret: string | null | undefined): void {
    if (secret && secret.length >= 4) for (const s of spellings(secret)) this.secrets.add(s);
  }

  /** A fetch that remembers what it sends and receives, around `globalThis.fetch`. */
  readonly fetch: FetchFunction = async (input, init) => {
    const headers = new Headers(init?.headers);
    const authorization = headers.get('authorization');
    this.remember(authorization);
    this.remember(authorization?.replace(/^\w+ /, ''));
    for (const pair of (headers.get('cookie') ?? '').split(/;\s*/)) {
      this.remember(pair.slice(pair.indexOf('=') + 1));
    }
    if (typeof init?.body === 'string' && init.body.includes('grant_type=')) {
      for (const [name, value] of new URLSearchParams(init.body)) {
        if (/password|secret|token/.test(name)) this.remember(value);
      }
    }
    const response = await globalThis.fetch(input, init);
    for (const cookie of response.headers.getSetCookie()) {
      this.remember(cookie.slice(cookie.indexOf('=') + 1, cookie.indexOf(';')));
    }
    if (String(input).includes('/oauth_token.do') && response.ok) {
      const body = (await response.clone().json()) as Record<string, unknown>;
      for (const key of ['access_token', 'refresh_token']) {
        if (typeof body[key] === 'string') this.remember(body[key] as string);
      }
    }
    return response;
  };

  /** Each secret found, with the start of the text it was found in. */
  leaks(texts: readonly string[]): string[] {
    const found: string[] = [];
    for (const text of texts) {
      for (const secret of this.secrets) {
        if (text.includes(secret)) found.push(`${secret} in ${text.slice(0, 300)}`);
      }
    }
    return found;
  }
}
