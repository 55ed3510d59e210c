import { describe, expect, it } from 'vitest';
import {
  andQuery,
  type EncodedQuery,
  formatQuery,
  parseQuery,
  QuerySyntaxError,
  query,
} from '../../src/query/index.js';

const ACTIVE = { field: 'active', operator: '=', value: 'true' } as const;
const MANAGES = 'JOINsys_user.sys_id=sys_user_group.manager!active=true';

describe('CONTAINS / DOES NOT CONTAIN', () => {
  it('read as LIKE / NOT LIKE and are written back as LIKE / NOT LIKE', () => {
    const q = parseQuery('short_descriptionCONTAINSvpn^descriptionDOES NOT CONTAINVPN');
    expect(q.groups[0]?.terms).toEqual([
      [{ field: 'short_description', operator: 'LIKE', value: 'vpn' }],
      [{ field: 'description', operator: 'NOT LIKE', value: 'VPN' }],
    ]);
    expect(formatQuery(q)).toBe('short_descriptionLIKEvpn^descriptionNOT LIKEVPN');
    expect(parseQuery('aCONTAINSx^ORbDOES NOT CONTAINy')).toEqual(
      parseQuery('aLIKEx^ORbNOT LIKEy'),
    );
  });

  it('refuses an empty value strictly, and drops it leniently (as for LIKE)', () => {
    expect(() => parseQuery('short_descriptionCONTAINS')).toThrow(/empty value for operator LIKE/);
    expect(() => parseQuery('short_descriptionDOES NOT CONTAIN^a=1')).toThrow(QuerySyntaxError);
    expect(parseQuery('short_descriptionCONTAINS^a=1', { mode: 'lenient' })).toEqual(
      parseQuery('a=1'),
    );
  });
});

describe('JOIN subqueries', () => {
  it('parse into the group with their condition, and format back unchanged', () => {
    const q = parseQuery(`active=true^${MANAGES}`);
    expect(q).toEqual({
      groups: [
        {
          terms: [[ACTIVE]],
          subqueries: [
            {
              kind: 'join',
              table: 'sys_user',
              field: 'sys_id',
              joinTable: 'sys_user_group',
              joinField: 'manager',
              query: { groups: [{ terms: [[ACTIVE]] }], orderBy: [] },
            },
          ],
        },
      ],
      orderBy: [],
    });
    expect(formatQuery(q)).toBe(`active=true^${MANAGES}`);
  });

  it('take every term up to the next JOIN, ^NQ or ORDERBY as their condition', () => {
    const text = `${MANAGES}^name=x^ORname=y^JOINsys_user.sys_id=incident.caller_id!priority=1^NQa=1^ORDERBYname`;
    const q = parseQuery(text);
    const [first, second] = q.groups;
    const joins = first?.subqueries ?? [];
    expect(first?.terms).toEqual([]);
    expect(joins.map((j) => j.query.groups[0]?.terms.length)).toEqual([2, 1]);
    expect(second).toEqual({ terms: [[{ field: 'a', operator: '=', value: '1' }]] });
    expect(q.orderBy).toEqual([{ field: 'name', direction: 'asc' }]);
    expect(formatQuery(q)).toBe(text);
  });

  it('end at the "!" when the condition is empty (what follows is the outer query)', () => {
    const q = parseQuery('JOINsys_user.sys_id=sys_user_group.manager!^active=true');
    expect(q.groups[0]?.terms).toEqual([[ACTIVE]]);
    expect(q.groups[0]?.subqueries?.[0]?.query).toEqual({ groups: [], orderBy: [] });
    expect(formatQuery(q)).toBe('active=true^JOINsys_user.sys_id=sys_user_group.manager!');
  });

  it('keep carets escaped inside their condition', () => {
    const text = 'JOINsys_user.sys_id=sys_user_group.manager!description=a^^b';
    const q = parseQuery(text);
    expect(q.groups[0]?.subqueries?.[0]?.query.groups[0]?.terms).toEqual([
      [{ field: 'description', operator: '=', value: 'a^b' }],
    ]);
    expect(formatQuery(q)).toBe(text);
  });

  it.each([
    ['JOINsys_user.sys_id=sys_user_group!active=true', /malformed JOIN/],
    ['JOINsys_user.sys_id=sys_user_group.manager', /malformed JOIN/],
    ['JOINSys_user.sys_id=sys_user_group.manager!', /malformed JOIN/],
    ['active=true^ORJOINsys_user.sys_id=sys_user_group.manager!', /cannot be OR'ed/],
  ])('refuses %j strictly', (text, message) => {
    expect(() => parseQuery(text)).toThrow(message);
    expect(() => parseQuery(text, { mode: 'lenient', unsupported: 'throw' })).toThrow(
      QuerySyntaxError,
    );
  });

  it('parses the condition with the same mode (an empty value: refused, or dropped)', () => {
    const text = 'JOINsys_user.sys_id=sys_user_group.manager!active=';
    expect(() => parseQuery(text)).toThrow(/empty value .* \(inside a subquery\)/);
    const lenient = parseQuery(text, { mode: 'lenient', unsupported: 'throw' });
    expect(lenient.groups[0]?.subqueries?.[0]?.query).toEqual({ groups: [], orderBy: [] });
  });

  it('places an inner error at its position in the whole query', () => {
    const text = 'a=1^JOINsys_user.sys_id=sys_user_group.manager!b=1^cISEMPTYx';
    try {
      parseQuery(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(QuerySyntaxError);
      expect((error as QuerySyntaxError).position).toBe(text.indexOf('ISEMPTY') + 'ISEMPTY'.length);
    }
  });
});

describe('RLQUERY blocks', () => {
  const USERS_WITHOUT_INCIDENTS = 'RLQUERYincident.caller_id,=0^ENDRLQUERY';

  it('parse the count, m2m and the condition, and format back', () => {
    const text =
      'active=true^RLQUERYtask_ci.task,>=1,m2m^ci_item.nameLIKEsap^NQpriority=1^ENDRLQUERY';
    const q = parseQuery(text);
    expect(q.groups).toHaveLength(1);
    expect(q.groups[0]?.subqueries).toEqual([
      {
        kind: 'related',
        table: 'task_ci',
        field: 'task',
        count: { operator: '>=', value: 1 },
        manyToMany: true,
        query: parseQuery('ci_item.nameLIKEsap^NQpriority=1'),
      },
    ]);
    expect(formatQuery(q)).toBe(text);
    expect(formatQuery(parseQuery(USERS_WITHOUT_INCIDENTS))).toBe(USERS_WITHOUT_INCIDENTS);
  });

  it('nest, and belong to the ^NQ group they are in', () => {
    const text =
      'a=1^NQRLQUERYincident.caller_id,>0^RLQUERYincident_task.incident,=0^ENDRLQUERY^ENDRLQUERY';
    const q = parseQuery(text);
    expect(q.groups[0]).toEqual({ terms: [[{ field: 'a', operator: '=', value: '1' }]] });
    const outer = q.groups[1]?.subqueries?.[0];
    expect(outer?.query.groups[0]?.subqueries?.[0]).toMatchObject({
      table: 'incident_task',
      count: { operator: '=', value: 0 },
    });
    expect(formatQuery(q)).toBe(text);
  });

  it('are written after the other terms of their group (AND is order-free)', () => {
    const q = parseQuery(`${USERS_WITHOUT_INCIDENTS}^active=true`);
    expect(formatQuery(q)).toBe(`active=true^${USERS_WITHOUT_INCIDENTS}`);
    expect(parseQuery(formatQuery(q))).toEqual(q);
  });

  it.each([
    ['RLQUERYincident.caller_id,>0', /no matching "\^ENDRLQUERY"/],
    ['RLQUERYincident.caller_id,>0^active=true', /no matching/],
    ['a=1^ENDRLQUERY', /without an RLQUERY/],
    ['RLQUERYincident.caller_id^ENDRLQUERY', /malformed RLQUERY/],
    ['RLQUERYincident.caller_id,>x^ENDRLQUERY', /malformed RLQUERY/],
    ['RLQUERYincident.caller_id,>0,many^ENDRLQUERY', /malformed RLQUERY/],
    ['RLQUERYincident.caller_id,>0^ORDERBYnumber^ENDRLQUERY', /ORDERBY inside RLQUERY/],
    [`${USERS_WITHOUT_INCIDENTS}^ORactive=true`, /"\^OR" cannot join/],
    [`active=true^OR${USERS_WITHOUT_INCIDENTS}`, /cannot be OR'ed/],
  ])('refuses %j strictly and when unsupported terms throw', (text, message) => {
    expect(() => parseQuery(text)).toThrow(message);
    expect(() => parseQuery(text, { mode: 'lenient', unsupported: 'throw' })).toThrow(message);
  });

  it('are dropped like any invalid term in plain lenient mode', () => {
    expect(parseQuery('a=1^RLQUERYincident.caller_id,>0', { mode: 'lenient' })).toEqual(
      parseQuery('a=1'),
    );
    expect(parseQuery('RLQUERYincident.caller_id,>0', { mode: 'lenient' })).toEqual({
      groups: [],
      orderBy: [],
    });
    expect(parseQuery('a=1^ENDRLQUERY', { mode: 'lenient' })).toEqual(parseQuery('a=1'));
  });
});

describe('lenient mode with unsupported: throw', () => {
  it('refuses operators of the ServiceNow reference it does not implement and text searches', () => {
    for (const text of [
      'sla_dueONToday@javascript:gs.daysAgoStart(0)@javascript:gs.daysAgoEnd(0)',
      "a=1^sla_dueDATEPARTMonday@javascript:gs.datePart('dayofweek','monday','EE')",
      'sla_dueRELATIVEGT@hour@ago@1',
      'caller_idDYNAMIC54635e965f510100a9ad2572f2b4774c',
      '123TEXTQUERY321=email',
    ]) {
      expect(() => parseQuery(text, { mode: 'lenient', unsupported: 'throw' }), text).toThrow(
        QuerySyntaxError,
      );
      expect(() => parseQuery(text, { mode: 'lenient' }), text).not.toThrow();
    }
  });

  it('still drops what a real instance drops (miscased keywords, empty values)', () => {
    const lenient = (text: string) => parseQuery(text, { mode: 'lenient', unsupported: 'throw' });
    expect(lenient('active=true^Orpriority=1')).toEqual(parseQuery('active=true'));
    expect(lenient('short_descriptionLIKE^active=true')).toEqual(parseQuery('active=true'));
    expect(lenient('a=1^bogus')).toEqual(parseQuery('a=1'));
  });
});

describe('subqueries through andQuery and the builder', () => {
  it('andQuery keeps each group its subqueries and puts the other side before its JOIN', () => {
    const merged = andQuery(`${MANAGES}^NQname=x`, 'sys_id>abc^ORDERBYsys_id');
    expect(formatQuery(merged)).toBe(`sys_id>abc^${MANAGES}^NQname=x^sys_id>abc^ORDERBYsys_id`);
    const back: EncodedQuery = parseQuery(formatQuery(merged));
    expect(back).toEqual(merged);
  });

  it('the builder keeps the subqueries of its base through where(), or() and filter()', () => {
    const built = query(`name=x^${MANAGES}`)
      .equals('active', true)
      .or('active', '=', false)
      .filter('locked_out=false');
    expect(built.toString()).toBe(`name=x^active=true^ORactive=false^locked_out=false^${MANAGES}`);
    expect(
      query('RLQUERYincident.caller_id,=0^ENDRLQUERY').newQuery().equals('a', 1).toString(),
    ).toBe('RLQUERYincident.caller_id,=0^ENDRLQUERY^NQa=1');
  });

  it('formatQuery refuses subqueries it cannot write faithfully', () => {
    const join = parseQuery(MANAGES).groups[0]?.subqueries?.[0];
    if (join?.kind !== 'join') throw new Error('no join');
    const bad = (sub: object): EncodedQuery => ({
      groups: [{ terms: [], subqueries: [{ ...join, ...sub }] as never }],
      orderBy: [],
    });
    expect(() => formatQuery(bad({ query: parseQuery('a=1^NQb=2') }))).toThrow(/one group at most/);
    expect(() => formatQuery(bad({ query: parseQuery('a=1^ORDERBYa') }))).toThrow(/cannot sort/);
    expect(() => formatQuery(bad({ query: parseQuery(`a=1^${MANAGES}`) }))).toThrow(
      /cannot hold a JOIN/,
    );
    expect(() => formatQuery(bad({ joinTable: 'Bad' }))).toThrow(/join table "Bad"/);
    expect(() =>
      formatQuery(
        bad({
          kind: 'related',
          table: 'incident',
          field: 'caller_id',
          manyToMany: false,
          count: { operator: '>', value: -1 },
        }),
      ),
    ).toThrow(/non-negative integer/);
    expect(() => formatQuery(bad({ kind: 'other' }))).toThrow(/kind 'join' or 'related'/);
  });

  it('round-trips random queries with subqueries through formatQuery and parseQuery', () => {
    let seed = 5;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const pieces = [
      'a=1',
      'bLIKEx^ORc=2',
      'dCONTAINSy',
      'RLQUERYincident.caller_id,>0^ENDRLQUERY',
      'RLQUERYincident.caller_id,=0^priority=1^ENDRLQUERY',
      'RLQUERYtask_ci.task,>=1,m2m^a=1^NQb=2^ENDRLQUERY',
    ];
    const joins = [
      '',
      `^${MANAGES}`,
      '^JOINsys_user.sys_id=incident.caller_id!',
      `^${MANAGES}^x=1`,
    ];
    for (let i = 0; i < 300; i += 1) {
      const groups = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
        const terms = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(pieces));
        return terms.join('^') + pick(joins);
      });
      const text = groups.join('^NQ') + pick(['', '^ORDERBYnumber']);
      const parsed = parseQuery(text);
      expect(parseQuery(formatQuery(parsed)), text).toEqual(parsed);
      expect(parseQuery(text, { mode: 'lenient', unsupported: 'throw' }), text).toEqual(parsed);
    }
  });
});
