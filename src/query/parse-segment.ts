/**
 * One term of an encoded query read on its own: a condition and how it joins, an `ORDERBY`, the
 * final `^EQ`, or the issue that makes it unreadable (a miscased keyword, a bad field name, an
 * unknown operator, a bad value).
 *
 * @module
 */
import type { QueryCondition, QueryOrder } from './ast.js';
import { fieldNameProblem, valueProblem } from './condition-rules.js';
import { matchOperator } from './operators.js';
import type { Segment } from './query-segments.js';

/** A term that cannot be read: why, where, and how it would have joined. */
export interface Issue {
  readonly kind: 'issue';
  readonly message: string;
  readonly position: number;
  /** How the term would have joined, when its keyword was valid. */
  readonly join: Join;
  /** The term was meant as a condition (not empty text nor a sort), so dropping it widens. */
  readonly condition: boolean;
  /**
   * A real instance would evaluate the term (an operator of the ServiceNow reference this
   * library does not implement, a text search, a JOIN or RLQUERY it cannot read), so dropping
   * it widens the selection where the instance would filter.
   */
  readonly unsupported?: boolean;
}

/** How a condition joins the ones before it: `^`, `^OR` or `^NQ`. */
export type Join = 'and' | 'or' | 'group';

/** What one term reads as. */
export type Parsed =
  | { readonly kind: 'condition'; readonly join: Join; readonly condition: QueryCondition }
  | { readonly kind: 'order'; readonly order: QueryOrder }
  | { readonly kind: 'end' }
  | Issue;

const KEYWORDS = ['ORDERBYDESC', 'ORDERBY', 'NQ', 'OR', 'EQ'] as const;
/** Real field names that begin with "or", so `^order=1` is not read as a mistyped `^OR`. */
const OR_FIELD_PREFIX = /^or(?:der|dinal|gani[sz]ation|ig|ient|phan)/;

/** Reads one term: a condition with its join, a sort, the final `^EQ`, or an issue. */
export function parseSegment(segment: Segment): Parsed {
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
  if (raw.startsWith('123TEXTQUERY321') || raw.startsWith('IR_')) {
    return {
      ...issue(`text search term ${term} is not supported`, first ? start : start - 1),
      unsupported: true,
    };
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
      : {
          ...issue(
            `unknown operator at ${JSON.stringify(rest.slice(0, 12))}`,
            start + field.length,
          ),
          unsupported: true,
        };
  }
  const valueStart = field.length + match.length;
  const value = text.slice(valueStart).replaceAll('^^', '^');
  const problem = valueProblem(match.operator, value);
  if (problem !== undefined) return issue(problem.message, start + valueStart + problem.offset);
  return { kind: 'condition', join, condition: { field, operator: match.operator, value } };
}
