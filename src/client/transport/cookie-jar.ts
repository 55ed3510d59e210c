/**
 * Session cookies. ServiceNow ties a session to `JSESSIONID` and friends; without cookies each
 * request opens a new server session, and one cookie jar shared by parallel requests serializes
 * them on one node (servicenow-api.md 5.6). So a client keeps one jar per in-flight slot: each
 * request borrows a free jar, which gives N sessions for N parallel requests.
 *
 * @module
 */

/** One jar: cookie name to value. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** The `Cookie` header value, or `undefined` when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    let out = '';
    for (const [name, value] of this.#cookies) out += `${out ? '; ' : ''}${name}=${value}`;
    return out;
  }

  /**
   * Applies `Set-Cookie` header values; expired or emptied cookies are removed. Returns the
   * values kept, so the client can redact them (a session cookie is a credential).
   */
  store(setCookies: readonly string[], now: number = Date.now()): string[] {
    const kept: string[] = [];
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || isExpired(attributes, now)) this.#cookies.delete(name);
      else {
        this.#cookies.set(name, value);
        kept.push(value);
      }
    }
    return kept;
  }

  /** Number of cookies held. */
  get size(): number {
    return this.#cookies.size;
  }

  /** Forgets every cookie. */
  clear(): void {
    this.#cookies.clear();
  }
}

function isExpired(attributes: readonly string[], now: number): boolean {
  for (const attribute of attributes) {
    const eq = attribute.indexOf('=');
    if (eq === -1) continue;
    const key = attribute.slice(0, eq).trim().toLowerCase();
    const value = attribute.slice(eq + 1).trim();
    if (key === 'max-age') return Number(value) <= 0;
    if (key === 'expires') {
      const time = Date.parse(value);
      if (!Number.isNaN(time) && time <= now) return true;
    }
  }
  return false;
}

/** Jars lent to in-flight requests, one per slot. */
export class CookieJarPool {
  readonly #free: CookieJar[] = [];
  readonly #all: CookieJar[] = [];

  /** A free jar (created when none is free). Give it back with {@link release}. */
  acquire(): CookieJar {
    const jar = this.#free.pop();
    if (jar) return jar;
    const created = new CookieJar();
    this.#all.push(created);
    return created;
  }

  /** Returns a jar to the pool. */
  release(jar: CookieJar): void {
    this.#free.push(jar);
  }

  /** Drops every cookie of every jar (after a 401). */
  clear(): void {
    for (const jar of this.#all) jar.clear();
  }
}
