import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import type { QueryOperator } from '../../src/query/index.js';
import {
  isQueryBuilder,
  parseQuery,
  QueryBuilder,
  QuerySyntaxError,
  query,
  toEncodedQuery,
  toQueryString,
} from '../../src/query/index.js';

describe('query() builder', () => {
  it('writes every convenience method as its operator', () => {
    const q = query()
      .equals('active', true)
      .notEquals('state', 7)
      .greaterThan('priority', 1)
      .greaterOrEqual('priority', 1)
      .lessThan('impact', 3)
      .lessOrEqual('impact', 3)
      .like('short_description', 'network')
      .notLike('short_description', 'test')
      .startsWith('number', 'INC')
      .endsWith('number', '9')
      .in('state', [1, 2, 3])
      .notIn('state', ['6', '7'])
      .between('priority', 1, 3)
      .isEmpty('closed_at')
      .isNotEmpty('opened_at')
      .emptyString('description')
      .anything('category')
      .sameAs('caller_id', 'opened_by')
      .notSameAs('caller_id', 'assigned_to')
      .instanceOf('sys_class_name', 'task');
    expect(q.toString()).toBe(
      [
        'active=true',
        'state!=7',
        'priority>1',
        'priority>=1',
        'impact<3',
        'impact<=3',
        'short_descriptionLIKEnetwork',
        'short_descriptionNOT LIKEtest',
        'numberSTARTSWITHINC',
        'numberENDSWITH9',
        'stateIN1,2,3',
        'stateNOT IN6,7',
        'priorityBETWEEN1@3',
        'closed_atISEMPTY',
        'opened_atISNOTEMPTY',
        'descriptionEMPTYSTRING',
        'categoryANYTHING',
        'caller_idSAMEASopened_by',
        'caller_idNSAMEASassigned_to',
        'sys_class_nameINSTANCEOFtask',
      ].join('^'),
    );
    expect(parseQuery(q.toString())).toEqual(q.toQuery());
  });

  it('writes dates in UTC', () => {
    const from = new Date('2025-01-20T01:30:00+02:00');
    expect(query().onOrAfter('opened_at', from).before('opened_at', '2025-01-21').toString()).toBe(
      'opened_at>=2025-01-19 23:30:00^opened_at<2025-01-21 00:00:00',
    );
    expect(query().after('a', 0).onOrBefore('a', '2025-01-01 10:00:00').toString()).toBe(
      'a>1970-01-01 00:00:00^a<=2025-01-01 10:00:00',
    );
    expect(
      query()
        .equals('sys_updated_on', new Date(Date.UTC(2025, 5, 1)))
        .toString(),
    ).toBe('sys_updated_on=2025-06-01 00:00:00');
  });

  it('ORs into the last condition and starts ^NQ groups', () => {
    const q = query()
      .equals('a', 1)
      .equals('b', 2)
      .or('c', '=', 3)
      .newQuery()
      .isEmpty('d')
      .or('d', '=', 'x')
      .orderBy('number')
      .orderByDesc('opened_at');
    expect(q.toString()).toBe('a=1^b=2^ORc=3^NQdISEMPTY^ORd=x^ORDERBYnumber^ORDERBYDESCopened_at');
  });

  it('does not write a group left empty by newQuery()', () => {
    expect(query().newQuery().equals('a', 1).newQuery().newQuery().toString()).toBe('a=1');
    expect(query().toString()).toBe('');
  });

  it('is immutable: each call returns a new builder', () => {
    const base = query().equals('active', true);
    const one = base.equals('priority', 1);
    const two = base.or('active', '=', 'false').orderBy('number');
    const grouped = base.newQuery();
    expect(base.toString()).toBe('active=true');
    expect(one.toString()).toBe('active=true^priority=1');
    expect(two.toString()).toBe('active=true^ORactive=false^ORDERBYnumber');
    expect(grouped.equals('x', 1).toString()).toBe('active=true^NQx=1');
    expect(base.toString()).toBe('active=true');
    const ast = base.toQuery();
    expect(Object.isFrozen(ast.groups)).toBe(true);
    expect(Object.isFrozen(ast.groups[0]?.terms[0]?.[0])).toBe(true);
  });

  it('escapes an injection attempt so it round-trips as one value', () => {
    const q = query().equals('name', 'avalue^NQanyfieldANYTHING');
    expect(q.toString()).toBe('name=avalue^^NQanyfieldANYTHING');
    expect(parseQuery(q.toString()).groups).toEqual([
      { terms: [[{ field: 'name', operator: '=', value: 'avalue^NQanyfieldANYTHING' }]] },
    ]);
  });

  it('keeps javascript: values verbatim', () => {
    const js = "javascript:gs.dateGenerate('2025-01-01','00:00:00')";
    expect(query().where('opened_at', '>=', js).toString()).toBe(`opened_at>=${js}`);
  });

  it('accepts arrays in where() for IN and BETWEEN', () => {
    expect(query().where('state', 'IN', [1, 2]).where('p', 'BETWEEN', [1, 3]).toString()).toBe(
      'stateIN1,2^pBETWEEN1@3',
    );
  });

  it('starts from an existing query and narrows every group with filter()', () => {
    expect(query('a=1^NQb=2').equals('c', 3).toString()).toBe('a=1^NQb=2^c=3');
    expect(query('a=1^NQb=2').filter('c=3').toString()).toBe('a=1^c=3^NQb=2^c=3');
    expect(query('a=1').filter(query().equals('b', 2).orderBy('x')).toString()).toBe(
      'a=1^b=2^ORDERBYx',
    );
    expect(() => query('a=1^Orb=2')).toThrow(QuerySyntaxError);
  });

  it('serialises to JSON as the encoded string', () => {
    expect(JSON.stringify({ q: query().equals('a', 1) })).toBe('{"q":"a=1"}');
    expect(query().equals('a', 1).build()).toBe('a=1');
  });
});

describe('query() builder: validation at call time', () => {
  const rejects: [string, () => unknown, string][] = [
    ['bad field', () => query().equals('Active', true), 'lowercase'],
    ['operator inside field', () => query().equals('a=1^b', 1), 'may contain only'],
    ['dot-walk typo', () => query().equals('caller_id..name', 'x'), '".."'],
    ['empty LIKE', () => query().like('short_description', ''), 'empty value for operator LIKE'],
    ['empty equals', () => query().equals('a', ''), 'empty value'],
    ['missing value', () => query().where('a', '='), 'needs a value'],
    ['value on unary', () => query().where('a', 'ISEMPTY', 'x'), 'takes no value'],
    ['unknown operator', () => query().where('a', 'ON' as QueryOperator, 'x'), 'unknown operator'],
    ['comma in IN', () => query().in('name', ['Smith, John', 'Doe']), 'contains a comma'],
    ['empty IN', () => query().in('state', []), 'at least one value'],
    ['empty IN element', () => query().in('state', ['1', '']), 'empty element'],
    ['@ in BETWEEN', () => query().between('a', 'x@y', 'z'), 'contains "@"'],
    ['empty BETWEEN', () => query().between('a', '', 'z'), 'empty bound'],
    ['list on =', () => query().where('a', '=', ['1', '2']), 'not a list'],
    ['NaN', () => query().equals('a', Number.NaN), 'finite'],
    ['> glued to =', () => query().greaterThan('a', '=5'), 'would read as operator >='],
    ['bad SAMEAS', () => query().sameAs('a', 'B'), 'SAMEAS'],
    ['or first', () => query().or('a', '=', 1), 'or() needs a condition'],
    ['or after newQuery', () => query().equals('a', 1).newQuery().or('b', '=', 1), 'or()'],
    ['bad ORDERBY', () => query().orderBy('number desc'), 'may contain only'],
    [
      'doubled time suffix',
      () => query().greaterOrEqual('opened_at', '2025-01-01 00:00:00 00:00:00'),
      'is not',
    ],
    ['ISO literal', () => query().lessThan('opened_at', '2025-01-01T00:00:00Z'), 'is not'],
    [
      'doubled suffix in BETWEEN',
      () => query().between('a', '2025-01-01 00:00:00 00:00:00', '2025-02-01'),
      'is not',
    ],
  ];
  it.each(rejects)('rejects %s with a QuerySyntaxError', (_name, call, message) => {
    expect(call).toThrow(QuerySyntaxError);
    expect(call).toThrow(message);
  });

  it('rejects invalid dates with a ConfigurationError', () => {
    expect(() => query().onOrAfter('a', new Date(Number.NaN))).toThrow(ConfigurationError);
    expect(() => query().onOrAfter('a', '2025-01-01 00:00:00 00:00:00')).toThrow(
      ConfigurationError,
    );
    expect(() => query().greaterThan('a', '2025-02-30')).toThrow(ConfigurationError);
  });

  it('leaves the builder usable after a rejected call', () => {
    const base = query().equals('a', 1);
    expect(() => base.like('b', '')).toThrow(QuerySyntaxError);
    expect(base.toString()).toBe('a=1');
  });
});

describe('QueryInput helpers', () => {
  it('normalise strings, builders and ASTs to one AST', () => {
    const text = 'active=true^ORDERBYnumber';
    const fromText = toEncodedQuery(text);
    expect(toEncodedQuery(query().equals('active', true).orderBy('number'))).toEqual(fromText);
    expect(toEncodedQuery(fromText)).toBe(fromText);
  });

  it('write the canonical string', () => {
    expect(toQueryString('ORDERBYnumber^aNOTLIKEx^EQ')).toBe('aNOT LIKEx^ORDERBYnumber');
    expect(toQueryString(query().isEmpty('a'))).toBe('aISEMPTY');
  });

  it('validate every form', () => {
    expect(() => toEncodedQuery('a=1^Orb=2')).toThrow(QuerySyntaxError);
    expect(() =>
      toEncodedQuery({
        groups: [{ terms: [[{ field: 'a', operator: 'LIKE', value: '' }]] }],
        orderBy: [],
      }),
    ).toThrow(QuerySyntaxError);
    expect(() => toEncodedQuery(42 as unknown as string)).toThrow(ConfigurationError);
  });

  it('tell builders apart', () => {
    expect(isQueryBuilder(query())).toBe(true);
    expect(query()).toBeInstanceOf(QueryBuilder);
    expect(isQueryBuilder('a=1')).toBe(false);
    expect(isQueryBuilder({ groups: [], orderBy: [] })).toBe(false);
  });
});
