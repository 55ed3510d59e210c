/**
 * The auth modes whose header never changes: Basic and a bearer token obtained elsewhere.
 *
 * @module
 */
import type { AuthProvider } from '../transport/index.js';
import type { BasicAuthOptions, BearerAuthOptions } from './auth-options.js';

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
