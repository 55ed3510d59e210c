import { describe, expect, it } from 'vitest';
import type {
  EncodedQuery,
  QueryCondition,
  QueryGroup,
  QueryOperator,
  QueryOrder,
} from '../../src/query/index.js';
import {
  formatQuery,
  isUnaryOperator,
  parseQuery,
  QUERY_OPERATORS,
  QuerySyntaxError,
} from '../../src/query/index.js';

describe('formatQuery', () => {
  it('writes groups, OR-lists and sorts in canonical order', () => {
    const query: EncodedQuery = {
      groups: [
        {
          terms: [
            [{ field: 'active', operator: '=', value: 'true' }],
            [
              { field: 'priority', operator: '=', value: '1' },
              { field: 'priority', operator: '=', value: '2' },
            ],
          ],
        },
        { terms: [[{ field: 'closed_at', operator: 'ISEMPTY', value: '' }]] },
      ],
      orderBy: [
        { field: 'number', direction: 'asc' },
        { field: 'opened_at', direction: 'desc' },
      ],
    };
    expect(formatQuery(query)).toBe(
      'active=true^priority=1^ORpriority=2^NQclosed_atISEMPTY^ORDERBYnumber^ORDERBYDESCopened_at',
    );
  });

  it('moves ORDERBY terms to the end', () => {
    expect(formatQuery(parseQuery('ORDERBYnumber^a=1^NQb=2'))).toBe('a=1^NQb=2^ORDERBYnumber');
  });

  it('writes the empty query as an empty string', () => {
    expect(formatQuery({ groups: [], orderBy: [] })).toBe('');
  });

  it('escapes carets so an injection attempt stays one value', () => {
    const query: EncodedQuery = {
      groups: [{ terms: [[{ field: 'name', operator: '=', value: 'avalue^NQanyfieldANYTHING' }]] }],
      orderBy: [],
    };
    const text = formatQuery(query);
    expect(text).toBe('name=avalue^^NQanyfieldANYTHING');
    expect(parseQuery(text)).toEqual(query);
  });

  it('refuses what it cannot write faithfully', () => {
    const one = (condition: QueryCondition): EncodedQuery => ({
      groups: [{ terms: [[condition]] }],
      orderBy: [],
    });
    const invalid: EncodedQuery[] = [
      one({ field: 'short_description', operator: 'LIKE', value: '' }),
      one({ field: 'Bad', operator: '=', value: '1' }),
      one({ field: 'closed_at', operator: 'ISEMPTY', value: 'x' }),
      one({ field: 'a', operator: 'OR=' as QueryOperator, value: '1' }),
      // `>` followed by `=5` would read back as `>=` `5`.
      one({ field: 'priority', operator: '>', value: '=5' }),
      one({ field: 'name', operator: 'IN', value: 'STANCEOFtask' }),
      one({ field: 'priority', operator: 'BETWEEN', value: '1@2@3' }),
      { groups: [{ terms: [] }], orderBy: [] },
      { groups: [{ terms: [[]] }], orderBy: [] },
      { groups: [], orderBy: [{ field: 'a b', direction: 'asc' }] },
    ];
    for (const query of invalid) {
      expect(() => formatQuery(query), JSON.stringify(query)).toThrow(QuerySyntaxError);
    }
  });
});

/** mulberry32: a small seeded generator, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('formatQuery / parseQuery round trip (seeded property test)', () => {
  const next = random(20250120);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const count = (max: number): number => 1 + Math.floor(next() * max);
  const fields = [
    'a',
    'active',
    'order',
    'origin',
    'task.opened_at',
    'caller_id.name',
    'u_x1',
    'sys_id',
  ];
  // Fragments chosen to hit every tricky spot: carets, keywords, operators, separators.
  const fragments = [
    'x',
    '^',
    '^^',
    '^NQ',
    '^OR',
    'ORDERBY',
    'NQ',
    'OR',
    'EQ',
    '=',
    '>=',
    'LIKE',
    'ISEMPTY',
    ' ',
    'é',
    '%',
    '#',
    '&',
    '+',
    'javascript:gs.daysAgoStart(1)',
    "'",
    '"',
    '2025-01-01 00:00:00',
  ];
  const text = (): string => Array.from({ length: count(4) }, () => pick(fragments)).join('');
  const value = (operator: QueryOperator): string => {
    if (isUnaryOperator(operator)) return '';
    if (operator === 'BETWEEN')
      return `${text().replaceAll('@', '')}@${text().replaceAll('@', '')}`;
    if (operator === 'IN' || operator === 'NOT IN') {
      return Array.from({ length: count(3) }, () => text().replaceAll(',', '')).join(',');
    }
    if (operator === 'SAMEAS' || operator === 'NSAMEAS') return pick(fields);
    if (operator === 'INSTANCEOF') return pick(['task', 'cmdb_ci', 'incident']);
    // Avoid values that glue onto the operator (`>` + `=1`): formatQuery refuses those.
    return `v${text()}`;
  };
  const condition = (): QueryCondition => {
    const operator = pick(QUERY_OPERATORS);
    return { field: pick(fields), operator, value: value(operator) };
  };
  const group = (): QueryGroup => ({
    terms: Array.from({ length: count(3) }, () => Array.from({ length: count(3) }, condition)),
  });
  const order = (): QueryOrder => ({ field: pick(fields), direction: pick(['asc', 'desc']) });

  it('parses back what it writes, for 500 random queries', () => {
    for (let i = 0; i < 500; i += 1) {
      const query: EncodedQuery = {
        groups: Array.from({ length: Math.floor(next() * 4) }, group),
        orderBy: Array.from({ length: Math.floor(next() * 3) }, order),
      };
      const written = formatQuery(query);
      expect(parseQuery(written), written).toEqual(query);
      expect(parseQuery(written, { mode: 'lenient' }), written).toEqual(query);
    }
  });

  it('never throws in lenient mode, and strict results round-trip, on random text', () => {
    // Term-shaped pieces (valid and invalid) glued with separators and stray characters.
    const pieces = [
      'a=1',
      'b=x^^',
      'aIN1,2',
      'aIN1,',
      'aBETWEEN1@2',
      'aBETWEEN1',
      'ORDERBYa',
      'ORDERBYDESCb',
      'cISEMPTY',
      'cISEMPTYx',
      'Orb=1',
      'orb=1',
      'a=',
      'EQ',
      'NQa=1',
      'ORb=2',
      '',
      'aLIKE',
      'aNOT LIKEz',
      'a..b=1',
      'A=1',
      'a',
      '^',
      '@',
      ',',
    ];
    const glue = ['^', '^', '^', '^^', ''];
    let parsedStrictly = 0;
    for (let i = 0; i < 2000; i += 1) {
      const input = Array.from({ length: count(6) }, () => pick(pieces) + pick(glue)).join('');
      const lenient = parseQuery(input, { mode: 'lenient' });
      expect(parseQuery(formatQuery(lenient)), input).toEqual(lenient);
      let strict: EncodedQuery | undefined;
      try {
        strict = parseQuery(input);
      } catch (error) {
        expect(error, input).toBeInstanceOf(QuerySyntaxError);
      }
      if (strict !== undefined) {
        parsedStrictly += 1;
        expect(lenient, input).toEqual(strict);
        expect(parseQuery(formatQuery(strict)), input).toEqual(strict);
      }
    }
    expect(parsedStrictly).toBeGreaterThan(50);
  });
});
