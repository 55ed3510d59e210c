/**
 * Which rows of a child table belong to which parent. Children are generated in parent order,
 * so the children of parent `p` are the contiguous rows `starts[p] .. starts[p+1]-1`: the array
 * is at once the reverse index (parent -> children) and, by binary search, the forward one.
 *
 * @module
 */

/** Parent/child row layout of a child table. @internal */
export class ChildLayout {
  /** `starts[p]` is the first child row of parent `p`; `starts[parents]` is the child count. */
  readonly starts: Int32Array;

  private constructor(starts: Int32Array) {
    this.starts = starts;
  }

  /** Each parent gets exactly `countOf(p)` children. */
  static fromCounts(parents: number, countOf: (parent: number) => number): ChildLayout {
    const starts = new Int32Array(parents + 1);
    let total = 0;
    for (let p = 0; p < parents; p++) {
      starts[p] = total;
      total += countOf(p);
    }
    starts[parents] = total;
    return new ChildLayout(starts);
  }

  /** Exactly `total` children, spread in proportion to `weightOf(p)` (at least one > 0). */
  static fromWeights(
    parents: number,
    total: number,
    weightOf: (parent: number) => number,
  ): ChildLayout {
    const cumulative = new Float64Array(parents + 1);
    for (let p = 0; p < parents; p++) cumulative[p + 1] = (cumulative[p] as number) + weightOf(p);
    const sum = cumulative[parents] as number;
    const starts = new Int32Array(parents + 1);
    if (sum > 0) {
      for (let p = 0; p <= parents; p++) {
        starts[p] = Math.round((total * (cumulative[p] as number)) / sum);
      }
    }
    return new ChildLayout(starts);
  }

  /** Number of parents. */
  get parents(): number {
    return this.starts.length - 1;
  }

  /** Number of child rows. */
  get size(): number {
    return this.starts[this.starts.length - 1] as number;
  }

  /** First child row of `parent`. */
  start(parent: number): number {
    return this.starts[parent] as number;
  }

  /** One past the last child row of `parent`. */
  end(parent: number): number {
    return this.starts[parent + 1] as number;
  }

  /** The parent of child row `row`. */
  parentOf(row: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.starts[mid] as number) <= row) lo = mid;
      else hi = mid - 1;
    }
    // Parents without children share a start; the last one with start <= row owns the row.
    return Math.min(lo, this.starts.length - 2);
  }
}
