/**
 * How the generated rows of one `^NQ` group are found: a full scan, a position range of a date
 * index, or an explicit list of rows; and a candidate path with its cost.
 *
 * @module
 */
import type { CompiledTerm } from './compile-query.js';

/** How the generated rows of a group are found. @internal */
export type AccessPath =
  | { readonly kind: 'scan' }
  | { readonly kind: 'date'; readonly field: string; readonly from: number; readonly to: number }
  | {
      readonly kind: 'rows';
      readonly key: string;
      readonly rows: () => Int32Array;
      readonly estimate: number;
    };

/** An access path the planner may choose, with the rows it is expected to visit. @internal */
export interface PathCandidate {
  readonly path: AccessPath;
  readonly estimate: number;
  /** Terms the path answers exactly, so they are not re-tested on generated rows. */
  readonly consumed: readonly CompiledTerm[];
}
