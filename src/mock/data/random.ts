/**
 * Deterministic, allocation-light pseudo-randomness for procedural rows: a 32-bit mixing hash,
 * a keyed 32-bit bijection (used for sys_ids, so a sys_id maps back to its row), and per-row
 * draws addressed by slot, so any field of any row is computed on its own.
 *
 * @module
 */

const MIX_1 = 0x7feb352d;
const MIX_2 = 0x846ca68b;
const GOLDEN = 0x9e3779b1;
const SLOT = 0x85ebca6b;
const TWO_32 = 4294967296;

/**
 * Mixes 32 bits into 32 well-spread bits (a bijection on unsigned 32-bit integers).
 * @internal
 */
export function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, MIX_1);
  x ^= x >>> 15;
  x = Math.imul(x, MIX_2);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * A 32-bit hash of a string (FNV-1a, then mixed).
 * @internal
 */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** The multiplicative inverse of an odd number modulo 2^32 (Newton's iteration). */
function inverseOdd(value: number): number {
  let inv = value;
  for (let i = 0; i < 5; i++) inv = Math.imul(inv, 2 - Math.imul(value, inv));
  return inv >>> 0;
}

const MIX_1_INV = inverseOdd(MIX_1);
const MIX_2_INV = inverseOdd(MIX_2);

/**
 * A keyed bijection of unsigned 32-bit integers with its inverse: `inverse(forward(x)) === x`.
 * @internal
 */
export class Permutation32 {
  private readonly k0: number;
  private readonly k1: number;

  constructor(key: number) {
    this.k0 = mix32(key ^ 0x5bd1e995);
    this.k1 = mix32(key ^ 0x27d4eb2f);
  }

  /** The image of `value`. */
  forward(value: number): number {
    let x = (value + this.k0) >>> 0;
    x ^= x >>> 16;
    x = Math.imul(x, MIX_1) >>> 0;
    x ^= x >>> 16;
    x = Math.imul(x, MIX_2) >>> 0;
    x ^= x >>> 16;
    return (x ^ this.k1) >>> 0;
  }

  /** The pre-image of `value`. */
  inverse(value: number): number {
    let x = (value ^ this.k1) >>> 0;
    x ^= x >>> 16;
    x = Math.imul(x, MIX_2_INV) >>> 0;
    x ^= x >>> 16;
    x = Math.imul(x, MIX_1_INV) >>> 0;
    x ^= x >>> 16;
    return (x - this.k0) >>> 0;
  }
}

/**
 * The draws of one row: `u32(slot)` is a pure function of (table seed, row, slot).
 * @internal
 */
export class RowRandom {
  private readonly base: number;

  constructor(tableSeed: number, row: number) {
    this.base = mix32(tableSeed ^ Math.imul(row + 1, GOLDEN));
  }

  /** 32 random bits for `slot`. */
  u32(slot: number): number {
    return mix32(this.base ^ Math.imul(slot + 1, SLOT));
  }

  /** A uniform number in [0, 1). */
  unit(slot: number): number {
    return this.u32(slot) / TWO_32;
  }

  /** A uniform integer in [0, n). */
  int(slot: number, n: number): number {
    return Math.floor(this.unit(slot) * n);
  }

  /** An integer in [min, max], both included. */
  between(slot: number, min: number, max: number): number {
    return min + this.int(slot, max - min + 1);
  }

  /** `true` with probability `p`. */
  chance(slot: number, p: number): boolean {
    return this.unit(slot) < p;
  }

  /** One element of a non-empty array. */
  pick<T>(slot: number, items: readonly T[]): T {
    return items[this.int(slot, items.length)] as T;
  }

  /** An index drawn with the given (non-negative) weights. */
  weighted(slot: number, weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let target = this.unit(slot) * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i] as number;
      if (target < 0) return i;
    }
    return weights.length - 1;
  }

  /** A standard normal draw (Box-Muller over two slots). */
  normal(slot: number): number {
    const u = 1 - this.unit(slot);
    const v = this.unit(slot + 1000);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A log-normal draw with the given median and spread (sigma of the log). */
  logNormal(slot: number, median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal(slot));
  }
}
