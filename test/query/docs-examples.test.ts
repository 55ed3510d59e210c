import { describe, expect, it } from 'vitest';
import {
  andQuery,
  formatQuery,
  parseQuery,
  QuerySyntaxError,
  query,
} from '../../src/query/index.js';

// The examples of docs/query.md, so the user doc cannot drift from the code.
describe('docs/query.md examples', () => {
  it('building a query', () => {
    const q = query()
      .onOrAfter('opened_at', new Date('2025-01-01T00:00:00Z'))
      .startsWith('assignment_group.name', 'NET-')
      .equals('priority', 1)
      .or('priority', '=', 2)
      .orderBy('number');
    expect(q.toString()).toBe(
      'opened_at>=2025-01-01 00:00:00^assignment_group.nameSTARTSWITHNET-^priority=1^ORpriority=2^ORDERBYnumber',
    );
    expect(query().equals('name', 'x^NQsys_idANYTHING').toString()).toBe(
      'name=x^^NQsys_idANYTHING',
    );
  });

  it('rejected calls', () => {
    for (const call of [
      () => query().like('short_description', ''),
      () => query().in('name', ['Smith, John']),
      () => query().between('x', 'a@b', 'c'),
      () => query().equals('Priority', 1),
      () => query().greaterOrEqual('opened_at', '2025-01-01 00:00:00 00:00:00'),
    ]) {
      expect(call).toThrow(QuerySyntaxError);
    }
  });

  it('raw strings', () => {
    expect(() => parseQuery('active=true^Orpriority=1')).toThrow(
      'Invalid encoded query at position 11: unknown keyword "^Or" in term "^Orpriority=1" (keywords are case-sensitive; did you mean "^OR"?)',
    );
    expect(formatQuery(andQuery('a=1^NQb=2', 'company.nameSTARTSWITHACME'))).toBe(
      'a=1^company.nameSTARTSWITHACME^NQb=2^company.nameSTARTSWITHACME',
    );
  });
});
