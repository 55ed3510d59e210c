/**
 * Glide sessions: `JSESSIONID` / `glide_session_store` cookies, and the per-session lock that
 * makes requests sharing a session run one at a time (servicenow-api.md section 5.6).
 *
 * @module
 */
import { randomBytes } from 'node:crypto';

/** One session. @internal */
export interface MockSession {
  readonly id: string;
  readonly user: string;
  /** Settles when the last queued request of this session is done. */
  tail: Promise<void>;
}

/** The session a request runs in. @internal */
export interface SessionBinding {
  readonly session: MockSession;
  /** `Set-Cookie` values to send, when the session was created by this request. */
  readonly setCookies: readonly string[];
}

/** Cookie values by name from a `Cookie` header. @internal */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

function sessionToken(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/** All sessions of one mock server. @internal */
export class SessionRegistry {
  readonly #sessions = new Map<string, MockSession>();

  /** Sessions created so far. */
  get created(): number {
    return this.#sessions.size;
  }

  /** The session named by the request's `JSESSIONID`, if it exists. */
  find(cookieHeader: string | undefined): MockSession | undefined {
    const id = parseCookies(cookieHeader).get('JSESSIONID');
    return id === undefined ? undefined : this.#sessions.get(id);
  }

  /** The request's session when its cookie names one of `user`'s, else a new one with cookies. */
  bind(cookieHeader: string | undefined, user: string): SessionBinding {
    const existing = this.find(cookieHeader);
    if (existing !== undefined && existing.user === user)
      return { session: existing, setCookies: [] };
    const session: MockSession = { id: sessionToken(), user, tail: Promise.resolve() };
    this.#sessions.set(session.id, session);
    return {
      session,
      setCookies: [
        `JSESSIONID=${session.id}; Path=/; HttpOnly`,
        `glide_user_route=glide.${randomBytes(16).toString('hex')}; Max-Age=2147483647; Path=/; HttpOnly`,
        `glide_session_store=${sessionToken()}; Max-Age=1800; Path=/; HttpOnly`,
      ],
    };
  }

  /**
   * Waits for the session's earlier requests, then holds it; call `release` when done.
   * `waitedMs` feeds `Server-Timing: sesh_wait`.
   */
  async acquire(session: MockSession): Promise<{ release: () => void; waitedMs: number }> {
    const before = session.tail;
    let release: () => void = () => {};
    session.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started = performance.now();
    await before;
    return { release, waitedMs: Math.round(performance.now() - started) };
  }
}
