/**
 * JOIN and RLQUERY terms read from the segments of an encoded query (servicenow-api.md
 * section 11). Both span several `^` segments: an RLQUERY block runs to its matching
 * `^ENDRLQUERY`; the condition of a JOIN runs from its `!` up to the next `JOIN`, `^NQ`,
 * `ORDERBY`, final `^EQ` or the end of the query (an empty condition ends at the `!`).
 *
 * @module
 */
import type { EncodedQuery, QuerySubquery, RelatedCount } from './ast.js';
import type { Join } from './parse-segment.js';
import type { Segment } from './query-segments.js';

/** A subquery read, or why it cannot be; `next` is the index of the segment after it. */
export type SubqueryRead =
  | {
      readonly kind: 'subquery';
      readonly join: Join;
      readonly subquery: QuerySubquery;
      readonly next: number;
    }
  | {
      readonly kind: 'issue';
      readonly join: Join;
      readonly message: string;
      readonly position: number;
      readonly next: number;
    };

/** Parses the condition of a subquery; `offset` is where `text` starts in the whole query. */
export type InnerParser = (text: string, offset: number) => EncodedQuery;

const NAME = '[a-z][a-z0-9_]*';
const JOIN_HEAD = new RegExp(`^JOIN(${NAME})\\.(${NAME})=(${NAME})\\.(${NAME})!`);
const RL_HEAD = new RegExp(`^RLQUERY(${NAME})\\.(${NAME}),(!=|>=|<=|=|>|<)(\\d+)(,m2m)?$`);

/** The join prefix of a segment (`NQ`, `OR` or none) and the text after it. */
function unprefixed(raw: string): {
  readonly join: Join;
  readonly rest: string;
  readonly skip: number;
} {
  if (raw.startsWith('NQ')) return { join: 'group', rest: raw.slice(2), skip: 2 };
  if (raw.startsWith('OR') && !raw.startsWith('ORDERBY'))
    return { join: 'or', rest: raw.slice(2), skip: 2 };
  return { join: 'and', rest: raw, skip: 0 };
}

/**
 * `true` when the segment begins a JOIN or RLQUERY term (after an optional `NQ`/`OR`), or is a
 * stray `ENDRLQUERY`.
 */
export function startsSubquery(segment: Segment): boolean {
  const { rest } = unprefixed(segment.raw);
  return rest.startsWith('JOIN') || rest.startsWith('RLQUERY') || rest === 'ENDRLQUERY';
}

/**
 * Reads the subquery that starts at `segments[index]` (see {@link startsSubquery}).
 *
 * @param text - The whole query, for the condition's text and error positions.
 * @param parseInner - Parses the condition (with the caller's mode).
 */
export function readSubquery(
  text: string,
  segments: readonly Segment[],
  index: number,
  parseInner: InnerParser,
): SubqueryRead {
  const segment = segments[index] as Segment;
  const { join, rest, skip } = unprefixed(segment.raw);
  const at = segment.start + skip;
  const term = JSON.stringify(rest.slice(0, 60));
  const issue = (message: string, next: number, position = at): SubqueryRead => ({
    kind: 'issue',
    join,
    message,
    position,
    next,
  });
  if (rest === 'ENDRLQUERY') {
    return issue('"^ENDRLQUERY" without an RLQUERY before it', index + 1, segment.start - 1);
  }
  const keyword = rest.startsWith('JOIN') ? 'JOIN' : 'RLQUERY';
  const next = keyword === 'JOIN' ? joinEnd(segments, index) : blockEnd(segments, index);
  if (join === 'or') {
    return issue(`a ${keyword} term cannot be OR'ed ("^OR${keyword}") in term ${term}`, next);
  }
  if (keyword === 'JOIN') {
    const head = JOIN_HEAD.exec(rest);
    if (head === null) {
      return issue(
        `malformed JOIN term ${term} (write JOIN<table>.<field>=<other_table>.<other_field>!<condition>)`,
        next,
      );
    }
    const innerStart = at + head[0].length;
    const last = segments[next - 1] as Segment;
    const inner = text.slice(innerStart, last.start + last.raw.length);
    const [, table, field, joinTable, joinField] = head as unknown as readonly string[];
    return {
      kind: 'subquery',
      join,
      next,
      subquery: {
        kind: 'join',
        table: table as string,
        field: field as string,
        joinTable: joinTable as string,
        joinField: joinField as string,
        query: parseInner(inner, innerStart),
      },
    };
  }
  const head = RL_HEAD.exec(rest);
  if (head === null) {
    return issue(
      `malformed RLQUERY term ${term} (write RLQUERY<related_table>.<reference_field>,<count condition>[,m2m])`,
      next,
    );
  }
  const close = segments[next - 1] as Segment;
  if (next - 1 === index || close.raw !== 'ENDRLQUERY') {
    return issue(`RLQUERY term ${term} has no matching "^ENDRLQUERY"`, next);
  }
  const innerStart = segment.start + segment.raw.length + 1;
  const inner = next - 1 === index + 1 ? '' : text.slice(innerStart, close.start - 1);
  const query = parseInner(inner, innerStart);
  if (query.orderBy.length > 0) {
    return issue(`ORDERBY inside RLQUERY term ${term} has no meaning`, next);
  }
  const [, table, field, operator, value, m2m] = head as unknown as readonly (string | undefined)[];
  return {
    kind: 'subquery',
    join,
    next,
    subquery: {
      kind: 'related',
      table: table as string,
      field: field as string,
      count: { operator: operator as RelatedCount['operator'], value: Number(value) },
      manyToMany: m2m !== undefined,
      query,
    },
  };
}

/** RLQUERY depth change of a segment: +1 for a block start, -1 for `ENDRLQUERY`. */
function depthChange(segment: Segment): number {
  if (segment.raw === 'ENDRLQUERY') return -1;
  return unprefixed(segment.raw).rest.startsWith('RLQUERY') ? 1 : 0;
}

/** The index after the `ENDRLQUERY` closing the block at `index` (or the end). */
function blockEnd(segments: readonly Segment[], index: number): number {
  let depth = 1;
  for (let j = index + 1; j < segments.length; j++) {
    depth += depthChange(segments[j] as Segment);
    if (depth === 0) return j + 1;
  }
  return segments.length;
}

/** The index after the last segment of the JOIN condition starting at `index`. */
function joinEnd(segments: readonly Segment[], index: number): number {
  const rest = unprefixed((segments[index] as Segment).raw).rest;
  const head = JOIN_HEAD.exec(rest);
  // An empty condition ends at the `!`: what follows belongs to the outer query.
  if (head !== null && head[0].length === rest.length) return index + 1;
  // The condition may itself start with an RLQUERY block.
  let depth = head !== null && rest.startsWith('RLQUERY', head[0].length) ? 1 : 0;
  let j = index + 1;
  for (; j < segments.length; j++) {
    const segment = segments[j] as Segment;
    if (depth === 0) {
      const raw = segment.raw;
      const { rest } = unprefixed(raw);
      if (rest.startsWith('JOIN') || raw.startsWith('NQ') || raw.startsWith('ORDERBY')) break;
      if (raw === 'EQ' && segment.last) break;
      if (raw === 'ENDRLQUERY') break;
    }
    depth += depthChange(segment);
  }
  return j;
}
