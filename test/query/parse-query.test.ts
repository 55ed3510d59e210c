import { describe, expect, it } from 'vitest';
import { ServiceNowError } from '../../src/core/errors.js';
import type { EncodedQuery, QueryCondition } from '../../src/query/index.js';
import { parseQuery, QuerySyntaxError } from '../../src/query/index.js';

const c = (field: string, operator: QueryCondition['operator'], value = ''): QueryCondition => ({
  field,
  operator,
  value,
});

/** The error thrown by `fn`, failing the test when nothing is thrown. */
function thrown(fn: () => unknown): QuerySyntaxError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(QuerySyntaxError);
    return error as QuerySyntaxError;
  }
  throw new Error('expected a QuerySyntaxError');
}

describe('parseQuery: grammar', () => {
  it('reads an empty string as "select everything"', () => {
    expect(parseQuery('')).toEqual({ groups: [], orderBy: [] });
  });

  it('gives ^OR precedence over ^ (a^b^ORc = a AND (b OR c))', () => {
    expect(parseQuery('active=true^priority=1^ORpriority=2')).toEqual({
      groups: [
        { terms: [[c('active', '=', 'true')], [c('priority', '=', '1'), c('priority', '=', '2')]] },
      ],
      orderBy: [],
    });
  });

  it('splits ^NQ groups', () => {
    const q = parseQuery('a=1^b=2^NQc=3^ORd=4');
    expect(q.groups).toEqual([
      { terms: [[c('a', '=', '1')], [c('b', '=', '2')]] },
      { terms: [[c('c', '=', '3'), c('d', '=', '4')]] },
    ]);
  });

  it('collects several ORDERBY / ORDERBYDESC terms in order, wherever they are', () => {
    const q = parseQuery('ORDERBYpriority^active=true^ORDERBYDESCopened_at^NQa=1^ORDERBYnumber');
    expect(q.orderBy).toEqual([
      { field: 'priority', direction: 'asc' },
      { field: 'opened_at', direction: 'desc' },
      { field: 'number', direction: 'asc' },
    ]);
    expect(q.groups).toEqual([
      { terms: [[c('active', '=', 'true')]] },
      { terms: [[c('a', '=', '1')]] },
    ]);
  });

  it('accepts a query made only of ORDERBY terms', () => {
    expect(parseQuery('ORDERBYsys_id')).toEqual({
      groups: [],
      orderBy: [{ field: 'sys_id', direction: 'asc' }],
    });
  });

  it('ignores a final ^EQ', () => {
    expect(parseQuery('connection_state=connected^EQ')).toEqual(
      parseQuery('connection_state=connected'),
    );
  });

  it('reads ^^ as a literal caret in a value, never as a separator', () => {
    expect(parseQuery('short_descriptionLIKEa^^b').groups[0]?.terms).toEqual([
      [c('short_description', 'LIKE', 'a^b')],
    ]);
    // The documented injection attempt, escaped, stays one value.
    expect(parseQuery('name=avalue^^NQanyfieldANYTHING').groups).toEqual([
      { terms: [[c('name', '=', 'avalue^NQanyfieldANYTHING')]] },
    ]);
    // A value ending with a caret, then a separator.
    expect(parseQuery('a=x^^^b=1').groups[0]?.terms).toEqual([
      [c('a', '=', 'x^')],
      [c('b', '=', '1')],
    ]);
    expect(parseQuery('a=1^^').groups[0]?.terms).toEqual([[c('a', '=', '1^')]]);
    expect(parseQuery('a=^^^^').groups[0]?.terms).toEqual([[c('a', '=', '^^')]]);
  });

  it('reads NOT LIKE with a space, and NOTLIKE as NOT LIKE', () => {
    expect(parseQuery('short_descriptionNOT LIKEtest')).toEqual(
      parseQuery('short_descriptionNOTLIKEtest'),
    );
    expect(parseQuery('short_descriptionNOT LIKEtest').groups[0]?.terms[0]).toEqual([
      c('short_description', 'NOT LIKE', 'test'),
    ]);
  });

  it('reads every operator, longest match first', () => {
    const cases: [string, QueryCondition][] = [
      ['state=1', c('state', '=', '1')],
      ['caller_id!=abc', c('caller_id', '!=', 'abc')],
      ['priority>2', c('priority', '>', '2')],
      ['priority>=2', c('priority', '>=', '2')],
      ['priority<2', c('priority', '<', '2')],
      ['priority<=2', c('priority', '<=', '2')],
      ['short_descriptionLIKEoutage', c('short_description', 'LIKE', 'outage')],
      ['numberSTARTSWITHINC', c('number', 'STARTSWITH', 'INC')],
      ['numberENDSWITH01', c('number', 'ENDSWITH', '01')],
      ['stateIN1,2,3', c('state', 'IN', '1,2,3')],
      ['stateNOT IN6,7', c('state', 'NOT IN', '6,7')],
      ['closed_atISEMPTY', c('closed_at', 'ISEMPTY')],
      ['closed_atISNOTEMPTY', c('closed_at', 'ISNOTEMPTY')],
      ['short_descriptionEMPTYSTRING', c('short_description', 'EMPTYSTRING')],
      ['short_descriptionANYTHING', c('short_description', 'ANYTHING')],
      ['priorityBETWEEN1@3', c('priority', 'BETWEEN', '1@3')],
      ['caller_idSAMEASassigned_to', c('caller_id', 'SAMEAS', 'assigned_to')],
      ['caller_idNSAMEASassigned_to', c('caller_id', 'NSAMEAS', 'assigned_to')],
      ['sys_class_nameINSTANCEOFtask', c('sys_class_name', 'INSTANCEOF', 'task')],
    ];
    for (const [text, condition] of cases) {
      expect(parseQuery(text).groups, text).toEqual([{ terms: [[condition]] }]);
    }
  });

  it('reads dot-walked fields and keeps = inside values', () => {
    expect(parseQuery('task.opened_at>=2025-01-01 00:00:00^caller_id.name=a=b').groups).toEqual([
      {
        terms: [
          [c('task.opened_at', '>=', '2025-01-01 00:00:00')],
          [c('caller_id.name', '=', 'a=b')],
        ],
      },
    ]);
  });

  it('keeps javascript: values verbatim', () => {
    const value = "javascript:gs.dateGenerate('2025-01-01','00:00:00')";
    expect(parseQuery(`opened_at>=${value}`).groups[0]?.terms[0]).toEqual([
      c('opened_at', '>=', value),
    ]);
    const between = 'javascript:gs.daysAgoStart(1)@javascript:gs.daysAgoEnd(0)';
    expect(parseQuery(`sla_dueBETWEEN${between}`).groups[0]?.terms[0]).toEqual([
      c('sla_due', 'BETWEEN', between),
    ]);
  });

  it('keeps a doubled time suffix as a plain value (the parser does not judge values)', () => {
    expect(parseQuery('opened_at>=2025-01-01 00:00:00 00:00:00').groups[0]?.terms[0]).toEqual([
      c('opened_at', '>=', '2025-01-01 00:00:00 00:00:00'),
    ]);
  });

  it('reads fields that start with "or" as fields, not as a mistyped ^OR', () => {
    expect(parseQuery('a=1^order>5^origin_table=incident').groups[0]?.terms).toEqual([
      [c('a', '=', '1')],
      [c('order', '>', '5')],
      [c('origin_table', '=', 'incident')],
    ]);
  });
});

describe('parseQuery: strict errors', () => {
  const bad: [string, string, number][] = [
    // [query, text expected in the message, position]
    ['active=true^Orpriority=1', '"^Or"', 11],
    ['active=true^orpriority=1', '"^or"', 11],
    ['active=true^nqpriority=1', '"^nq"', 11],
    ['active=true^Nqpriority=1', '"^Nq"', 11],
    ['active=true^orderbynumber', '"orderby"', 11],
    ['active=true^OrderByDescnumber', 'ORDERBYDESC', 11],
    ['active=true^GROUPBYcategory', '"^GROUPBYcategory"', 11],
    ['short_descriptionLIKE', 'empty value for operator LIKE', 21],
    ['active=true^short_descriptionLIKE^priority=1', '"^short_descriptionLIKE"', 33],
    ['active=', 'empty value for operator =', 7],
    ['active=true^', 'ends with "^"', 11],
    ['^active=true', 'starts with "^"', 0],
    ['^', 'starts with "^"', 0],
    ['active=true^NQ', 'empty condition after "^NQ"', 14],
    ['active=true^NQ^a=1', 'empty condition after "^NQ"', 14],
    ['active=true^OR', 'empty condition after "^OR"', 14],
    ['NQactive=true', 'cannot start with "NQ"', 0],
    ['ORactive=true', 'cannot start with "OR"', 0],
    ['ORDERBYx^NQa=1', '"^NQ" has no condition before it', 8],
    ['a=1^ORDERBYx^ORb=2', '"^OR" has no condition before it', 12],
    ['a=1^EQ^b=2', '"^EQ" must end the query', 3],
    ['active', 'missing operator after field "active"', 6],
    ['activeON2025-01-01', 'unknown operator at "ON2025-01-01"', 6],
    ['active==true^a!b', 'unknown operator at "!b"', 14],
    ['=true', 'missing field name', 0],
    ['Active=true', 'field names are lowercase', 0],
    ['1active=true', 'must start with a lowercase letter', 0],
    ['caller_id..name=x', 'contains ".."', 0],
    ['caller_id.=x', 'ends with "."', 0],
    ['closed_atISEMPTYyes', 'ISEMPTY takes no value', 16],
    ['priorityBETWEEN1', 'exactly one "@"', 15],
    ['priorityBETWEEN1@2@3', 'exactly one "@"', 15],
    ['priorityBETWEEN@3', 'empty bound', 15],
    ['priorityBETWEEN1@', 'empty bound', 16],
    ['stateIN1,,3', 'empty element', 9],
    ['stateIN1,2,', 'empty element', 11],
    ['stateNOT IN', 'empty value for operator NOT IN', 11],
    ['caller_idSAMEASAssigned', 'SAMEAS compares with another field', 15],
    ['ORDERBY', 'ORDERBY needs a field', 7],
    ['a=1^ORDERBYDESC', 'ORDERBYDESC needs a field', 15],
    ['a=1^ORDERBYnumber desc', 'ORDERBY needs a field', 11],
  ];

  it.each(bad)('rejects %j', (query, message, position) => {
    const error = thrown(() => parseQuery(query));
    expect(error.message).toContain(message);
    expect(error.query).toBe(query);
    expect(error.position).toBe(position);
    expect(error.code).toBe('QUERY_SYNTAX');
    expect(error).toBeInstanceOf(ServiceNowError);
  });

  it('quotes the bad term in the message', () => {
    expect(thrown(() => parseQuery('a=1^Orb=2^c=3')).message).toContain('"^Orb=2"');
  });

  it('is the default mode', () => {
    expect(() => parseQuery('a=1^Orb=2', { mode: 'strict' })).toThrow(QuerySyntaxError);
    expect(() => parseQuery('a=1^Orb=2', {})).toThrow(QuerySyntaxError);
  });

  it('rejects an unknown mode', () => {
    expect(() => parseQuery('a=1', { mode: 'loose' as 'strict' })).toThrow(/mode/);
  });
});

describe('parseQuery: lenient mode drops what a real instance drops', () => {
  const lenient = (text: string): EncodedQuery => parseQuery(text, { mode: 'lenient' });

  it('drops an invalid term and keeps the rest (the selection widens)', () => {
    expect(lenient('active=true^Orpriority=1')).toEqual(parseQuery('active=true'));
    expect(lenient('short_descriptionLIKE^active=true')).toEqual(parseQuery('active=true'));
    expect(lenient('active=true^priority=1^ORbogus')).toEqual(parseQuery('active=true^priority=1'));
    expect(lenient('bogus^ORpriority=1')).toEqual(parseQuery('priority=1'));
    // The OR-list of a dropped condition stays its own term (it does not join the one before).
    expect(lenient('a=1^bogus^ORc=2')).toEqual(parseQuery('a=1^c=2'));
    expect(lenient('a=1^bogus^ORc=2^ORd=3')).toEqual(parseQuery('a=1^c=2^ORd=3'));
  });

  it('never throws on the strict error cases', () => {
    for (const query of ['^', '^a=1', 'a=1^', 'a=1^NQ', 'ORDERBY', 'a..b=1', 'aISEMPTYx', 'Or']) {
      expect(() => lenient(query), query).not.toThrow();
    }
  });

  it('ignores empty terms and empty ^NQ groups', () => {
    expect(lenient('a=1^')).toEqual(parseQuery('a=1'));
    expect(lenient('a=1^NQ')).toEqual(parseQuery('a=1'));
    expect(lenient('a=1^NQ^b=2')).toEqual(parseQuery('a=1^NQb=2'));
  });

  it('selects everything when a whole ^NQ group was invalid', () => {
    expect(lenient('a=1^NQbogus')).toEqual({ groups: [], orderBy: [] });
    expect(lenient('bogus^NQa=1^ORDERBYnumber')).toEqual({
      groups: [],
      orderBy: [{ field: 'number', direction: 'asc' }],
    });
  });

  it('drops a bad ORDERBY without touching the selection', () => {
    expect(lenient('ORDERBYbad..x^NQa=1')).toEqual(parseQuery('a=1'));
  });

  it('parses valid queries exactly as strict mode does', () => {
    const text = 'a=1^b=2^ORc=3^NQd=x^^y^ORDERBYe^ORDERBYDESCf^EQ';
    expect(lenient(text)).toEqual(parseQuery(text));
  });
});
