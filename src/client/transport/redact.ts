/**
 * Redaction of secrets from URLs, headers and free text, used for error messages, serialized
 * errors and `debug` lines.
 *
 * @module
 */

/** What replaces a secret. */
export const REDACTED = '[REDACTED]';

/** Query parameters whose values are secrets (`x-sn-apikey`, `access_token`, `client_secret`...). */
const SECRET_PARAM = /(token|secret|password|passwd|apikey|api[-_]key|auth|signature|sig$|^code$)/i;

/** Headers whose values are secrets. */
const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-sn-apikey',
  'x-user-token',
]);

/**
 * The URL with any user-info removed, the values of token-like query parameters replaced
 * by `[REDACTED]` and any fragment replaced by `#[REDACTED]` (a fragment can carry an
 * `access_token`). Other parameters (`sysparm_query`) are kept. Text that is not a URL gets
 * the same treatment as far as it can be recognised.
 *
 * @example
 * ```ts
 * redactUrl('https://u:p@acme.service-now.com/api/now/table/incident?x-sn-apikey=abc');
 * // 'https://acme.service-now.com/api/now/table/incident?x-sn-apikey=%5BREDACTED%5D'
 * ```
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return redactUnparsed(String(url));
  }
  parsed.username = '';
  parsed.password = '';
  const secretNames = [...parsed.searchParams.keys()].filter((name) => SECRET_PARAM.test(name));
  for (const name of new Set(secretNames)) parsed.searchParams.set(name, REDACTED);
  // A fragment never reaches a server, yet OAuth implicit flows put `access_token=` there:
  // it is dropped whole, whatever it holds.
  if (parsed.hash !== '') parsed.hash = REDACTED;
  return parsed.href;
}

/** Text that is not a URL: user-info, the fragment and secret-named query values removed. */
function redactUnparsed(text: string): string {
  const hash = text.indexOf('#');
  const head = hash === -1 ? text : `${text.slice(0, hash)}#${REDACTED}`;
  return head
    .replace(/\/\/[^/@]*@/, '//')
    .replace(/([?&;])([^=&#;]*)=([^&#;]*)/g, (pair, separator: string, name: string) =>
      SECRET_PARAM.test(name) ? `${separator}${name}=${REDACTED}` : pair,
    );
}

/** Headers as a plain object with secret values replaced, for debug output. */
export function redactHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  }
  return out;
}

/**
 * Remembers the secret values a client holds (passwords, tokens, client secrets, the Basic
 * header) and removes them from any text. A second line of defence for messages that echo
 * input (an OAuth `error_description`, a proxy's error page).
 */
export class SecretRedactor {
  readonly #secrets = new Set<string>();

  /** Adds secrets; values shorter than 4 characters are ignored (they would mangle text). */
  add(...secrets: readonly (string | undefined)[]): void {
    for (const secret of secrets) {
      if (secret !== undefined && secret.length >= 4) {
        this.#secrets.add(secret);
        // As it travels in a URL, and in a form body (`+` for a space, `!` encoded).
        const encoded = encodeURIComponent(secret);
        if (encoded !== secret) this.#secrets.add(encoded);
        const form = new URLSearchParams({ s: secret }).toString().slice(2);
        if (form !== secret) this.#secrets.add(form);
      }
    }
  }

  /** The text with every known secret replaced by `[REDACTED]`. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  /** `undefined` stays `undefined`; strings are redacted. */
  redactOptional(text: string | undefined): string | undefined {
    return text === undefined ? undefined : this.redact(text);
  }
}
