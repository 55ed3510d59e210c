/**
 * The terms of an encoded query as written: the text between single `^` separators.
 *
 * @module
 */

/** One term of an encoded query as written, before it is read. */
export interface Segment {
  /** The text between two separators, `^^` still escaped. */
  readonly raw: string;
  /** Offset of `raw` in the query. */
  readonly start: number;
  readonly first: boolean;
  readonly last: boolean;
}

/** Splits on single `^`; `^^` is a literal caret and never a separator. */
export function splitSegments(text: string): Segment[] {
  const bounds: { raw: string; start: number }[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] === '^') {
      if (text[i + 1] === '^') {
        i += 2;
        continue;
      }
      bounds.push({ raw: text.slice(start, i), start });
      start = i + 1;
    }
    i += 1;
  }
  bounds.push({ raw: text.slice(start), start });
  return bounds.map((bound, index) => ({
    ...bound,
    first: index === 0,
    last: index === bounds.length - 1,
  }));
}
