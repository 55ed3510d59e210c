/**
 * What the request layer needs from an authentication mode: a header, and a way to renew it
 * after a 401.
 *
 * @module
 */

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
