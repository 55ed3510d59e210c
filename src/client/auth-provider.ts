/**
 * What the request layer needs from an authentication mode: a header, and a way to renew it
 * after a 401.
 *
 * @module
 */
import type { BasicAuthOptions, BearerAuthOptions } from './auth-options.js';

/** Supplies the `Authorization` header of each request. */
export interface AuthProvider {
  /** The header value for the next request (may fetch a token). */
  authorization(signal?: AbortSignal): string | Promise<string>;
  /**
   * Called once after a 401 with the header the server refused. Returns `true` when the
   * credential was renewed and one more attempt is worthwhile (OAuth), `false` otherwise.
   */
  renew(refused: string): boolean;
  /** Stops background work (pending token requests). */
  close(): void;
}

/** `Authorization: Basic base64(user:password)`; never renewed. */
export class BasicAuthProvider implements AuthProvider {
  readonly #header: string;

  constructor(options: BasicAuthOptions) {
    this.#header = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  }

  /** The header value (a secret: never log it). */
  get header(): string {
    return this.#header;
  }

  authorization(): string {
    return this.#header;
  }

  renew(): boolean {
    return false;
  }

  close(): void {}
}

/** `Authorization: Bearer <token>`; never renewed. */
export class BearerAuthProvider implements AuthProvider {
  readonly #header: string;

  constructor(options: BearerAuthOptions) {
    this.#header = `Bearer ${options.token}`;
  }

  authorization(): string {
    return this.#header;
  }

  renew(): boolean {
    return false;
  }

  close(): void {}
}
