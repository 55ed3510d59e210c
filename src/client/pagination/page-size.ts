/**
 * Page-size adaptation: halve after a quota cancel, a timeout or a truncated body (the
 * instance could not produce the page in time), grow back after successes.
 *
 * @module
 */
import type { AttemptFailure } from '../transport/index.js';

/** Options of {@link PageSizer}. */
export interface PageSizerOptions {
  /** The configured page size, never exceeded. */
  readonly max: number;
  /** The floor for halving. */
  readonly min: number;
  /** Consecutive successful pages after which a reduced size doubles (up to `max`). @default 3 */
  readonly growAfter?: number;
}

/** Failures that mean "the page was too expensive": the page size is halved. */
export function isPageTooLarge(failure: AttemptFailure): boolean {
  return (
    failure.kind === 'quota-cancel' || failure.kind === 'timeout' || failure.kind === 'invalid-json'
  );
}

/** The page size of one paginated read. */
export class PageSizer {
  readonly #max: number;
  readonly #min: number;
  readonly #growAfter: number;
  #current: number;
  #successes = 0;

  constructor(options: PageSizerOptions) {
    this.#max = options.max;
    this.#min = Math.min(options.min, options.max);
    this.#growAfter = options.growAfter ?? 3;
    this.#current = options.max;
  }

  /** The size to ask for now. */
  get current(): number {
    return this.#current;
  }

  /** Records a failed attempt; returns `true` when the size was halved. */
  onFailure(failure: AttemptFailure): boolean {
    if (!isPageTooLarge(failure)) return false;
    this.#successes = 0;
    const next = Math.max(this.#min, Math.floor(this.#current / 2));
    if (next === this.#current) return false;
    this.#current = next;
    return true;
  }

  /** Records a successful page; grows the size back after `growAfter` of them in a row. */
  onSuccess(): void {
    if (this.#current >= this.#max) return;
    this.#successes++;
    if (this.#successes >= this.#growAfter) {
      this.#successes = 0;
      this.#current = Math.min(this.#max, this.#current * 2);
    }
  }
}
