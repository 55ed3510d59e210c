/**
 * Encoded-query text to {@link EncodedQuery}, strictly (refuse anything a real instance would
 * silently drop) or leniently (drop it, as a real instance does).
 *
 * @module
 */
import createDebug from 'debug';
import { ConfigurationError } from '../core/index.js';
import type { EncodedQuery, QueryOrder } from './ast.js';
import { GroupAssembler } from './group-assembler.js';
import { type Issue, parseSegment } from './parse-segment.js';
import { splitSegments } from './query-segments.js';
import { QuerySyntaxError } from './query-syntax-error.js';
import { readSubquery, startsSubquery } from './subquery-blocks.js';

const debug = createDebug('servicenow-sync:query');

/** How {@link parseQuery} treats an invalid term. */
export type QueryParseMode = 'strict' | 'lenient';

/** Options of {@link parseQuery}. */
export interface ParseQueryOptions {
  /**
   * `'strict'` throws a {@link QuerySyntaxError} for the first invalid term; use it for anything
   * sent to a real instance, which would silently drop the term and widen the selection.
   * `'lenient'` never throws and drops invalid terms, imitating a real instance (the mock server).
   * @default 'strict'
   */
  readonly mode?: QueryParseMode;
  /**
   * Lenient mode: what to do with a term a real instance would evaluate but this parser cannot
   * read: an operator of the ServiceNow reference that is not in `QUERY_OPERATORS`
   * (`ON`, `DATEPART`, `RELATIVEGT`...), a text search (`123TEXTQUERY321=`), a malformed or
   * OR'ed JOIN / RLQUERY. `'drop'` drops it like any invalid term (the selection widens);
   * `'throw'` throws a {@link QuerySyntaxError}, so that a mock can refuse the query instead.
   * Invalid field names, miscased keywords and empty values are dropped either way. Strict
   * mode always throws.
   * @default 'drop'
   */
  readonly unsupported?: 'drop' | 'throw';
}

/**
 * Parses a ServiceNow encoded query (`sysparm_query`).
 *
 * - `^` is AND, `^OR` is OR and binds tighter (`a^b^ORc` = `a AND (b OR c)`), `^NQ` starts a new
 *   OR'ed group, `ORDERBY<field>` / `ORDERBYDESC<field>` anywhere at top level go to `orderBy`
 *   in order, and a final `^EQ` is ignored. `''` selects everything.
 * - `^^` is an escaped caret: scanning left to right, two carets are always one literal `^`
 *   inside a value, so `a=1^^NQb=2` is the single condition `a = "1^NQb=2"`, and `a=x^^^b=1`
 *   is `a = "x^"` AND `b = 1`.
 * - Strict mode throws {@link QuerySyntaxError} for: a leading or trailing `^`; a keyword in the
 *   wrong case (`^Or`, `^nq`, `^orderby`, and `^or` unless the field plainly starts with "or",
 *   like `order` or `origin`) or any other unknown uppercase keyword (`GROUPBY`);
 *   `^OR` with no condition right before it (an `ORDERBY` term in between counts); `^NQ` after
 *   a group with no condition; `^EQ` before the end; a missing or bad field name; a missing or unknown operator (`ON`, `DATEPART`...); an empty value after a binary
 *   operator; a value after a unary one; `BETWEEN` without exactly one `@` or with an empty
 *   bound; an `IN` list with an empty element; `ORDERBY` without a valid field.
 *   `javascript:` values are kept verbatim.
 * - `CONTAINS` / `DOES NOT CONTAIN` read as `LIKE` / `NOT LIKE`.
 * - `JOIN<table>.<field>=<other>.<other_field>!<condition>` and
 *   `RLQUERY<related>.<reference_field>,<count>[,m2m][^<condition>]^ENDRLQUERY` go to their
 *   group's `subqueries` (see `JoinSubquery`, `RelatedListSubquery`); their
 *   conditions are parsed with the same mode. A JOIN's condition runs to the next `JOIN`,
 *   `^NQ`, `ORDERBY` or the end. Strict mode refuses a malformed header, an `^OR` before or
 *   after one, an RLQUERY without its `^ENDRLQUERY` (or a stray one), an ORDERBY inside one.
 * - Lenient mode drops each invalid condition; a `^NQ` group whose every term was dropped
 *   matches every record, so the whole query does (`groups: []`). Empty `^NQ` groups are ignored.
 *
 * @param text - The encoded query, not URL-encoded.
 * @param options - {@link ParseQueryOptions}.
 * @returns The query's AST.
 * @throws {@link QuerySyntaxError} in strict mode, for the first invalid term.
 *
 * @example
 * ```ts
 * const q = parseQuery('active=true^priority=1^ORpriority=2^ORDERBYnumber');
 * // q.groups[0].terms: [[active=true], [priority=1, priority=2]]
 * ```
 */
export function parseQuery(text: string, options: ParseQueryOptions = {}): EncodedQuery {
  const mode = options.mode ?? 'strict';
  if (mode !== 'strict' && mode !== 'lenient') {
    throw new ConfigurationError(
      `parseQuery: option "mode" must be 'strict' or 'lenient', got ${JSON.stringify(mode)}`,
      { option: 'mode' },
    );
  }
  if (typeof text !== 'string') {
    throw new ConfigurationError(`parseQuery: the query must be a string, got ${typeof text}`);
  }
  if (text === '') return { groups: [], orderBy: [] };
  const strict = mode === 'strict';
  const refuse = strict || options.unsupported === 'throw';
  const groups = new GroupAssembler(text, strict, refuse);
  const orderBy: QueryOrder[] = [];
  const segments = splitSegments(text);
  let afterOrder = false;
  const inner = (part: string, offset: number): EncodedQuery => {
    try {
      return parseQuery(part, options);
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      const problem = error.message.replace(/^Invalid encoded query at position \d+: /, '');
      throw new QuerySyntaxError(`${problem} (inside a subquery)`, {
        query: text,
        position: offset + error.position,
      });
    }
  };
  for (let index = 0; index < segments.length; ) {
    const segment = segments[index] as (typeof segments)[number];
    if (startsSubquery(segment)) {
      const read = readSubquery(text, segments, index, inner);
      index = read.next;
      const follows = afterOrder;
      afterOrder = false;
      if (read.kind === 'subquery') {
        groups.addSubquery(read.join, read.subquery, segment, follows);
        continue;
      }
      if (refuse)
        throw new QuerySyntaxError(read.message, { query: text, position: read.position });
      debug('dropped an invalid subquery of %j: %s', text, read.message);
      const dropped: Issue = { ...read, kind: 'issue', condition: true, unsupported: true };
      groups.drop(dropped);
      continue;
    }
    index += 1;
    const parsed = parseSegment(segment);
    const follows = afterOrder;
    afterOrder = parsed.kind === 'order';
    if (parsed.kind === 'issue') {
      if (strict || (refuse && parsed.unsupported === true)) {
        throw new QuerySyntaxError(parsed.message, { query: text, position: parsed.position });
      }
      debug('dropped an invalid term of %j: %s', text, parsed.message);
      groups.drop(parsed);
    } else if (parsed.kind === 'order') {
      orderBy.push(parsed.order);
    } else if (parsed.kind === 'end') {
      if (strict && !segment.last) {
        throw new QuerySyntaxError('"^EQ" must end the query', {
          query: text,
          position: segment.start - 1,
        });
      }
    } else {
      groups.add(parsed.join, parsed.condition, segment, follows);
    }
  }
  return groups.finish(orderBy);
}
