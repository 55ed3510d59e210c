/**
 * A shared pause: when the instance answers 429 with `Retry-After`, no request of the client
 * (or of clients sharing its queue) starts before the time it asked for.
 *
 * @module
 */
import { sleep } from './abort.js';

/** Holds every request until a time set by the last rate-limit answer. */
export class RateGate {
  #until = 0;

  /** Blocks new requests for `ms` milliseconds from now (extends, never shortens, a block). */
  block(ms: number, now: number = Date.now()): void {
    this.#until = Math.max(this.#until, now + ms);
  }

  /** Milliseconds until requests may start again (0 when open). */
  remainingMs(now: number = Date.now()): number {
    return Math.max(0, this.#until - now);
  }

  /** Waits until the gate opens; returns the milliseconds waited. */
  async wait(signal?: AbortSignal): Promise<number> {
    let waited = 0;
    for (let remaining = this.remainingMs(); remaining > 0; remaining = this.remainingMs()) {
      await sleep(remaining, signal);
      waited += remaining;
    }
    return waited;
  }
}
