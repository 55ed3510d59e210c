/**
 * Reference counting for the parts that clients derived with `withOptions()` share.
 *
 * @module
 */

/** A resource shared by reference count; disposed when the last holder releases it. */
export class Shared<T> {
  #refs = 1;
  /** The shared resource. */
  readonly value: T;
  readonly #dispose: (value: T) => void;

  /** Holds `value` with one reference; `dispose` runs when the last one is released. */
  constructor(value: T, dispose: (value: T) => void = () => {}) {
    this.value = value;
    this.#dispose = dispose;
  }

  /** Takes one more reference. */
  retain(): this {
    this.#refs++;
    return this;
  }

  /** Drops one reference; disposes the value with the last one. */
  release(): void {
    this.#refs--;
    if (this.#refs === 0) this.#dispose(this.value);
  }
}
