/**
 * The data of a mock instance as its users see it: the store plus how it was generated.
 *
 * @module
 */
import type { MockDataStore } from '../types.js';
import type { MockScale } from './mock-scale.js';

/**
 * The data of a mock instance: a {@link MockDataStore} plus what the server and tests may want
 * to know about how it was generated.
 */
export interface MockData extends MockDataStore {
  /** The seed the rows derive from. */
  readonly seed: number;
  /** The reference time the generated data ends at, epoch milliseconds. */
  readonly referenceTime: number;
  /** Generated row counts per table (before mutations and seeded deletes). */
  readonly scale: MockScale;
  /** The store's clock (epoch milliseconds), used for the stamps of mutations. */
  now(): number;
}
