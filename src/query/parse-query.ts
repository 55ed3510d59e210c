/**
 * Encoded-query text to {@link EncodedQuery}, strictly (refuse anything a real instance would
 * silently drop) or leniently (drop it, as a real instance does).
 *
 * @module
 */
import createDebug from 'debug';
import { ConfigurationError } from '../core/index.js';
import type { EncodedQuery, QueryCondition, QueryGroup, QueryOrder, QueryTerm } from './ast.js';
import { fieldNameProblem, valueProblem } from './condition-rules.js';
import { matchOperator } from './operators.js';
import { QuerySyntaxError } from './query-syntax-error.js';

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
}

interface Segment {
  /** The text between two separators, `^^` still escaped. */
  readonly raw: string;
  /** Offset of `raw` in the query. */
  readonly start: number;
  readonly first: boolean;
  readonly last: boolean;
}

interface Issue {
  readonly kind: 'issue';
  readonly message: string;
  readonly position: number;
  /** How the term would have joined, when its keyword was valid. */
  readonly join: Join;
  /** The term was meant as a condition (not empty text nor a sort), so dropping it widens. */
  readonly condition: boolean;
}

type Join = 'and' | 'or' | 'group';

type Parsed =
  | { readonly kind: 'condition'; readonly join: Join; readonly condition: QueryCondition }
  | { readonly kind: 'order'; readonly order: QueryOrder }
  | { readonly kind: 'end' }
  | Issue;

interface GroupDraft {
  readonly terms: QueryCondition[][];
  /** A term of this group was dropped (lenient mode). */
  dropped: boolean;
}

const KEYWORDS = ['ORDERBYDESC', 'ORDERBY', 'NQ', 'OR', 'EQ'] as const;
/** Real field names that begin with "or", so `^order=1` is not read as a mistyped `^OR`. */
const OR_FIELD_PREFIX = /^or(?:der|dinal|gani[sz]ation|ig|ient|phan)/;

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
 *   like `order` or `origin`) or any other unknown uppercase keyword (`GROUPBY`, `RLQUERY`);
 *   `^OR` with no condition right before it (an `ORDERBY` term in between counts); `^NQ` after
 *   a group with no condition; `^EQ` before the end; a missing or bad field name; a missing or unknown operator (`ON`, `DATEPART`...); an empty value after a binary
 *   operator; a value after a unary one; `BETWEEN` without exactly one `@` or with an empty
 *   bound; an `IN` list with an empty element; `ORDERBY` without a valid field.
 *   `javascript:` values are kept verbatim.
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
  const strict = mode === 'strict';
  const groups: GroupDraft[] = [{ terms: [], dropped: false }];
  const orderBy: QueryOrder[] = [];
  if (text === '') return { groups: [], orderBy: [] };

  let afterOrder = false;
  /** `false` once the last condition was dropped: an `^OR` then has nothing valid to join. */
  let canJoin = true;
  for (const segment of splitSegments(text)) {
    let current = groups[groups.length - 1]!;
    const parsed = parseSegment(segment);
    const follows = afterOrder;
    afterOrder = parsed.kind === 'order';
    if (parsed.kind === 'issue') {
      if (strict)
        throw new QuerySyntaxError(parsed.message, { query: text, position: parsed.position });
      debug('dropped an invalid term of %j: %s', text, parsed.message);
      if (parsed.join === 'group' && current.terms.length > 0) {
        current = { terms: [], dropped: false };
        groups.push(current);
      }
      if (parsed.condition) {
        current.dropped = true;
        if (parsed.join !== 'or') canJoin = false;
      }
      continue;
    }
    if (parsed.kind === 'order') {
      orderBy.push(parsed.order);
      continue;
    }
    if (parsed.kind === 'end') {
      if (strict && !segment.last) {
        throw new QuerySyntaxError('"^EQ" must end the query', {
          query: text,
          position: segment.start - 1,
        });
      }
      continue;
    }
    const { join, condition } = parsed;
    const joinable = canJoin;
    canJoin = true;
    if (join === 'group') {
      if (strict && current.terms.length === 0) throw noConditionBefore('^NQ', text, segment);
      if (current.terms.length > 0 || current.dropped) {
        current = { terms: [], dropped: false };
        groups.push(current);
      }
      current.terms.push([condition]);
      continue;
    }
    const lastTerm = current.terms[current.terms.length - 1];
    if (join === 'or') {
      if (strict && follows) throw noConditionBefore('^OR', text, segment);
      if (lastTerm !== undefined && joinable) {
        lastTerm.push(condition);
        continue;
      }
      if (strict) throw noConditionBefore('^OR', text, segment);
    }
    current.terms.push([condition]);
  }

  if (groups.some((group) => group.terms.length === 0 && group.dropped)) {
    // An OR'ed group with no condition left matches every record, and so does the query.
    return { groups: [], orderBy };
  }
  const finished: QueryGroup[] = groups
    .filter((group) => group.terms.length > 0)
    .map((group) => ({ terms: group.terms.map((term): QueryTerm => term) }));
  return { groups: finished, orderBy };
}

function noConditionBefore(keyword: string, text: string, segment: Segment): QuerySyntaxError {
  return new QuerySyntaxError(
    `"${keyword}" has no condition before it in term ${JSON.stringify(`^${segment.raw}`)}`,
    { query: text, position: segment.start - 1 },
  );
}

/** Splits on single `^`; `^^` is a literal caret and never a separator. */
function splitSegments(text: string): Segment[] {
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

function parseSegment(segment: Segment): Parsed {
  const { raw, start, first } = segment;
  const term = JSON.stringify(first ? raw : `^${raw}`);
  const issue = (
    message: string,
    position: number,
    join: Join = 'and',
    condition = true,
  ): Issue => ({
    kind: 'issue',
    message,
    position,
    join,
    condition,
  });
  if (raw === '') {
    // Only the first or the last segment can be empty: `^^` is always an escaped caret.
    return first
      ? issue('empty term: the query starts with "^"', 0, 'and', false)
      : issue('empty term: the query ends with "^"', start - 1, 'and', false);
  }
  if (raw.startsWith('ORDERBYDESC')) return parseOrder(raw, 'ORDERBYDESC', start, term);
  if (raw.startsWith('ORDERBY')) return parseOrder(raw, 'ORDERBY', start, term);
  if (!first && raw === 'EQ') return { kind: 'end' };
  for (const [keyword, join] of [
    ['NQ', 'group'],
    ['OR', 'or'],
  ] as const) {
    if (!raw.startsWith(keyword)) continue;
    if (first) return issue(`the query cannot start with "${keyword}" in term ${term}`, 0);
    if (raw.length === keyword.length) {
      return issue(`empty condition after "^${keyword}"`, start + raw.length, join, false);
    }
    return parseCondition(raw.slice(keyword.length), start + keyword.length, term, join);
  }
  const miscased = miscasedKeyword(raw, first);
  if (miscased !== undefined) {
    const written = raw.slice(0, miscased.length);
    const caret = first || miscased.startsWith('ORDERBY') ? '' : '^';
    return issue(
      `unknown keyword "${caret}${written}" in term ${term} (keywords are case-sensitive; did you mean "${caret}${miscased}"?)`,
      first ? start : start - 1,
    );
  }
  if (/^[A-Z]/.test(raw)) {
    return issue(
      `unknown keyword in term ${term} (field names are lowercase; keywords are ^OR, ^NQ, ^EQ, ORDERBY, ORDERBYDESC)`,
      first ? start : start - 1,
    );
  }
  return parseCondition(raw, start, term, 'and');
}

/** The keyword `raw` starts with in the wrong case, if it plainly does. */
function miscasedKeyword(raw: string, first: boolean): string | undefined {
  for (const keyword of KEYWORDS) {
    const head = raw.slice(0, keyword.length);
    if (head.toUpperCase() !== keyword || head === keyword) continue;
    if (/^[A-Z]/.test(head)) return keyword;
    // Lowercase: only where no real field name can start that way.
    if (keyword.startsWith('ORDERBY')) return keyword;
    if (first) continue;
    if (keyword === 'NQ') return keyword;
    if (keyword === 'OR' && !OR_FIELD_PREFIX.test(raw)) return keyword;
  }
  return undefined;
}

function parseOrder(raw: string, keyword: string, start: number, term: string): Parsed {
  const field = raw.slice(keyword.length);
  const problem = fieldNameProblem(field);
  if (problem !== undefined) {
    return {
      kind: 'issue',
      message: `${keyword} needs a field: ${problem} in term ${term}`,
      position: start + keyword.length,
      join: 'and',
      condition: false,
    };
  }
  return {
    kind: 'order',
    order: { field, direction: keyword === 'ORDERBYDESC' ? 'desc' : 'asc' },
  };
}

function parseCondition(text: string, start: number, term: string, join: Join): Parsed {
  const issue = (message: string, position: number): Issue => ({
    kind: 'issue',
    message: `${message} in term ${term}`,
    position,
    join,
    condition: true,
  });
  const field = /^[a-z0-9_.]*/.exec(text)?.[0] ?? '';
  const fieldProblem = fieldNameProblem(field);
  if (fieldProblem !== undefined) return issue(fieldProblem, start);
  const match = matchOperator(text, field.length);
  if (match === undefined) {
    const rest = text.slice(field.length);
    return rest === ''
      ? issue(`missing operator after field "${field}"`, start + field.length)
      : issue(`unknown operator at ${JSON.stringify(rest.slice(0, 12))}`, start + field.length);
  }
  const valueStart = field.length + match.length;
  const value = text.slice(valueStart).replaceAll('^^', '^');
  const problem = valueProblem(match.operator, value);
  if (problem !== undefined) return issue(problem.message, start + valueStart + problem.offset);
  return { kind: 'condition', join, condition: { field, operator: match.operator, value } };
}
