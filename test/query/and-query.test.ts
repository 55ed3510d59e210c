import { describe, expect, it } from 'vitest';
import { andQuery, formatQuery, parseQuery, QuerySyntaxError } from '../../src/query/index.js';

const and = (base: string, extra: string): string => formatQuery(andQuery(base, extra));

describe('andQuery', () => {
  it('ANDs the filter into every ^NQ group of the base', () => {
    expect(and('a=1^NQb=2', 'assignment_group.nameSTARTSWITHNet')).toBe(
      'a=1^assignment_group.nameSTARTSWITHNet^NQb=2^assignment_group.nameSTARTSWITHNet',
    );
  });

  it('distributes when both sides have several groups', () => {
    // (A1 or A2) and (B1 or B2) = A1B1 or A1B2 or A2B1 or A2B2
    expect(and('a1=1^NQa2=1', 'b1=1^NQb2=1')).toBe('a1=1^b1=1^NQa1=1^b2=1^NQa2=1^b1=1^NQa2=1^b2=1');
  });

  it('keeps OR-lists as single terms', () => {
    expect(and('a=1^ORa=2', 'b=1^ORb=2')).toBe('a=1^ORa=2^b=1^ORb=2');
  });

  it('treats an empty side as identity', () => {
    expect(andQuery('', 'a=1^NQb=2')).toEqual(parseQuery('a=1^NQb=2'));
    expect(andQuery('a=1^NQb=2', '')).toEqual(parseQuery('a=1^NQb=2'));
    expect(andQuery('', '')).toEqual({ groups: [], orderBy: [] });
  });

  it('concatenates orderBy, base first, without sorting twice on one field', () => {
    expect(and('a=1^ORDERBYsys_updated_on', 'b=1^ORDERBYsys_id^ORDERBYDESCsys_updated_on')).toBe(
      'a=1^b=1^ORDERBYsys_updated_on^ORDERBYsys_id',
    );
    expect(and('ORDERBYsys_id', 'active=true')).toBe('active=true^ORDERBYsys_id');
  });

  it('builds the keyset page query of servicenow-api.md 4.2', () => {
    const bookmark = 'sys_updated_on>=2025-01-20 00:00:00';
    const cursor =
      'sys_updated_on>2025-01-21 10:00:00^NQsys_updated_on=2025-01-21 10:00:00^sys_id>abc';
    const query = andQuery(andQuery(bookmark, cursor), 'ORDERBYsys_updated_on^ORDERBYsys_id');
    expect(formatQuery(query)).toBe(
      'sys_updated_on>=2025-01-20 00:00:00^sys_updated_on>2025-01-21 10:00:00' +
        '^NQsys_updated_on>=2025-01-20 00:00:00^sys_updated_on=2025-01-21 10:00:00^sys_id>abc' +
        '^ORDERBYsys_updated_on^ORDERBYsys_id',
    );
  });

  it('accepts ASTs and strings alike, and parses strings strictly', () => {
    expect(andQuery(parseQuery('a=1'), 'b=2')).toEqual(andQuery('a=1', parseQuery('b=2')));
    expect(() => andQuery('a=1', 'b=2^Orc=3')).toThrow(QuerySyntaxError);
    expect(() => andQuery('a=1^', 'b=2')).toThrow(QuerySyntaxError);
  });

  it('does not change its inputs', () => {
    const base = parseQuery('a=1^NQb=2^ORDERBYx');
    const copy = structuredClone(base);
    andQuery(base, 'c=3^ORDERBYy');
    expect(base).toEqual(copy);
  });
});
