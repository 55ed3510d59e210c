import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockUnsupportedQueryError } from '../../src/mock/index.js';
import type { MockServiceNow } from '../../src/mock/server/index.js';
import type { MockRecord } from '../../src/mock/types.js';
import { parseQuery } from '../../src/query/index.js';
import { all, ids, q, sharedStore } from '../mock-data/helpers.js';
import { q as enc, getJson, startMock } from '../mock-server/helpers.js';

const store = sharedStore();
const users = all(store, 'sys_user');
const groups = all(store, 'sys_user_group');
const incidents = all(store, 'incident');
const tasks = all(store, 'incident_task');
const select = (table: string, query: string) => ids(store.select(table, q(query)).rows);
const sorted = (list: Iterable<string>) => [...list].sort();
const byId = (rows: readonly MockRecord[]) => new Map(rows.map((r) => [r.sys_id as string, r]));
const userById = byId(users);

describe('CONTAINS / DOES NOT CONTAIN in the mock', () => {
  it('select exactly what LIKE / NOT LIKE select, case-insensitively, empty values in NOT', () => {
    const like = select('incident', 'short_descriptionLIKEvpn');
    expect(like.length).toBeGreaterThan(0);
    expect(select('incident', 'short_descriptionCONTAINSVPN')).toEqual(like);
    const without = select('incident', 'descriptionDOES NOT CONTAINe');
    expect(without).toEqual(select('incident', 'descriptionNOT LIKEe'));
    expect(without).toEqual(
      sorted(
        incidents
          .filter((r) => !(r.description as string).toLowerCase().includes('e'))
          .map((r) => r.sys_id as string),
      ),
    );
    expect(without.some((id) => incidents.find((r) => r.sys_id === id)?.description === '')).toBe(
      incidents.some((r) => r.description === ''),
    );
  });

  it('match a reference by its display value and follow dot-walks', () => {
    const caller = userById.get(incidents[0]?.caller_id as string) as MockRecord;
    const part = (caller.name as string).slice(1, 5).toUpperCase();
    const expected = sorted(
      incidents
        .filter((r) => {
          const name = (userById.get(r.caller_id as string)?.name as string | undefined) ?? '';
          return name.toLowerCase().includes(part.toLowerCase());
        })
        .map((r) => r.sys_id as string),
    );
    expect(select('incident', `caller_idCONTAINS${part}`)).toEqual(expected);
    expect(select('incident', `caller_id.nameCONTAINS${part}`)).toEqual(expected);
  });
});

describe('JOIN in the mock', () => {
  it('selects the rows with a matching row on the other table (users who manage an active group)', () => {
    const managers = new Set(
      groups.filter((g) => g.active === 'true' && g.manager !== '').map((g) => g.manager as string),
    );
    const got = select('sys_user', 'JOINsys_user.sys_id=sys_user_group.manager!active=true');
    expect(got).toEqual(sorted(managers));
    expect(got.length).toBeLessThan(users.length);
  });

  it('reads an empty condition as "any row", and ANDs with the outer terms', () => {
    const callers = new Set(incidents.map((r) => r.caller_id as string).filter((id) => id !== ''));
    expect(select('sys_user', 'JOINsys_user.sys_id=incident.caller_id!')).toEqual(sorted(callers));
    const vipCallers = [...callers].filter((id) => userById.get(id)?.vip === 'true');
    expect(select('sys_user', 'vip=true^JOINsys_user.sys_id=incident.caller_id!')).toEqual(
      sorted(vipCallers),
    );
    expect(select('sys_user', 'JOINsys_user.sys_id=incident.caller_id!^vip=true')).toEqual(
      sorted(vipCallers),
    );
  });

  it('joins on a reference field of the queried table, with a dot-walk in the condition', () => {
    const vipCaller = (r: MockRecord) => userById.get(r.caller_id as string)?.vip === 'true';
    const assigned = new Set(
      incidents
        .filter(vipCaller)
        .map((r) => r.assignment_group as string)
        .filter((id) => id !== ''),
    );
    expect(
      select(
        'sys_user_group',
        'JOINsys_user_group.sys_id=incident.assignment_group!caller_id.vip=true',
      ),
    ).toEqual(sorted(assigned));
    // From the other side: incidents whose caller is a VIP, through the reference caller_id.
    expect(select('incident', 'JOINincident.caller_id=sys_user.sys_id!vip=true')).toEqual(
      sorted(incidents.filter(vipCaller).map((r) => r.sys_id as string)),
    );
  });

  it('selects nothing when no row of the other table matches, and follows ^NQ groups', () => {
    expect(select('sys_user', 'JOINsys_user.sys_id=incident.caller_id!number=NOPE')).toEqual([]);
    const first = users[0]?.sys_id as string;
    expect(
      select('sys_user', `JOINsys_user.sys_id=incident.caller_id!number=NOPE^NQsys_id=${first}`),
    ).toEqual([first]);
  });

  it('sees rows inserted after generation on both sides', () => {
    const local = sharedStore(12, 60);
    const user = local.insert('sys_user', { user_name: 'join.probe', name: 'Join Probe' });
    expect(
      ids(
        local.select(
          'sys_user',
          q('JOINsys_user.sys_id=incident.caller_id!short_description=probe'),
        ).rows,
      ),
    ).toEqual([]);
    local.insert('incident', { caller_id: user.sys_id as string, short_description: 'probe' });
    expect(
      ids(
        local.select(
          'sys_user',
          q('JOINsys_user.sys_id=incident.caller_id!short_description=probe'),
        ).rows,
      ),
    ).toEqual([user.sys_id]);
  });

  it('refuses a JOIN it cannot evaluate, naming the term', () => {
    const refuse = (table: string, text: string) => () => store.select(table, parseQuery(text));
    expect(refuse('incident', 'JOINsys_user.sys_id=incident.caller_id!')).toThrow(
      MockUnsupportedQueryError,
    );
    expect(refuse('sys_user', 'JOINsys_user.sys_id=cmn_location.contact!')).toThrow(
      /JOINsys_user.sys_id=cmn_location.contact.*does not serve table cmn_location/,
    );
    expect(refuse('sys_user', 'JOINsys_user.no_field=incident.caller_id!')).toThrow(
      /no field no_field/,
    );
    expect(refuse('sys_user', 'JOINsys_user.sys_id=incident.no_field!')).toThrow(
      /no field no_field/,
    );
  });
});

describe('RLQUERY in the mock', () => {
  const callCount = (filter: (r: MockRecord) => boolean = () => true) => {
    const counts = new Map<string, number>();
    for (const r of incidents.filter(filter)) {
      const id = r.caller_id as string;
      if (id !== '') counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  };
  const usersWhere = (test: (n: number) => boolean, counts: Map<string, number>) =>
    sorted(
      users.filter((u) => test(counts.get(u.sys_id as string) ?? 0)).map((u) => u.sys_id as string),
    );

  it('=0 is an anti-join (users who called in no incident)', () => {
    const got = select('sys_user', 'RLQUERYincident.caller_id,=0^ENDRLQUERY');
    expect(got).toEqual(usersWhere((n) => n === 0, callCount()));
    expect(got.length).toBeGreaterThan(0);
  });

  it.each<[string, (n: number) => boolean]>([
    ['>0', (n) => n > 0],
    ['>=2', (n) => n >= 2],
    ['<2', (n) => n < 2],
    ['<=1', (n) => n <= 1],
    ['!=1', (n) => n !== 1],
    ['=1', (n) => n === 1],
  ])('counts the related rows that match the condition (%s)', (count, test) => {
    const urgent = (r: MockRecord) => r.priority === '1' || r.priority === '2';
    expect(select('sys_user', `RLQUERYincident.caller_id,${count}^ENDRLQUERY`)).toEqual(
      usersWhere(test, callCount()),
    );
    expect(
      select('sys_user', `RLQUERYincident.caller_id,${count}^priority=1^ORpriority=2^ENDRLQUERY`),
    ).toEqual(usersWhere(test, callCount(urgent)));
  });

  it('takes dot-walks inside the condition and m2m, and ANDs with the outer terms', () => {
    const withVipTasks = new Set(
      tasks
        .filter((t) => userById.get(t.assigned_to as string)?.vip === 'true')
        .map((t) => t.incident as string),
    );
    const expected = sorted(
      incidents
        .filter((r) => r.active === 'true' && withVipTasks.has(r.sys_id as string))
        .map((r) => r.sys_id as string),
    );
    const text = 'active=true^RLQUERYincident_task.incident,>0^assigned_to.vip=true^ENDRLQUERY';
    expect(select('incident', text)).toEqual(expected);
    expect(select('incident', text.replace(',>0^', ',>0,m2m^'))).toEqual(expected);
  });

  it('gives the same rows page by page, in another sort, and counts them', () => {
    const text = 'RLQUERYincident.caller_id,=0^ENDRLQUERY';
    const whole = store.select('sys_user', q(text), { count: true });
    const paged: string[] = [];
    for (let offset = 0; offset < (whole.total ?? 0); offset += 7) {
      paged.push(...ids(store.select('sys_user', q(text), { offset, limit: 7 }).rows));
    }
    expect(paged).toEqual(ids(whole.rows));
    expect(sorted(ids(store.select('sys_user', q(`${text}^ORDERBYname`)).rows))).toEqual(
      ids(whole.rows),
    );
  });

  it('refuses an RLQUERY it cannot evaluate', () => {
    const refuse = (table: string, text: string) => () => store.select(table, parseQuery(text));
    expect(refuse('sys_user', 'RLQUERYincident.short_description,>0^ENDRLQUERY')).toThrow(
      /not a reference/,
    );
    expect(refuse('sys_user', 'RLQUERYincident.assignment_group,>0^ENDRLQUERY')).toThrow(
      /references sys_user_group, not sys_user/,
    );
    expect(refuse('sys_user', 'RLQUERYsys_user_has_role.user,>0^ENDRLQUERY')).toThrow(
      MockUnsupportedQueryError,
    );
  });
});

describe('through HTTP', () => {
  let mock: MockServiceNow;
  beforeAll(async () => {
    mock = await startMock();
  });
  afterAll(async () => {
    await mock.close();
  });
  type Error400 = { error: { message: string; detail: string }; status: string };
  const list = (table: string, query: string) =>
    getJson<{ result: { sys_id: string }[] }>(
      mock,
      `/api/now/table/${table}?sysparm_fields=sys_id&sysparm_query=${enc(query)}`,
    );

  it('answers JOIN, RLQUERY and CONTAINS filters as the store selects them', async () => {
    for (const [table, text] of [
      ['sys_user', 'JOINsys_user.sys_id=sys_user_group.manager!active=true^ORDERBYsys_id'],
      ['sys_user', 'RLQUERYincident.caller_id,=0^ENDRLQUERY^ORDERBYsys_id'],
      ['incident', 'short_descriptionCONTAINSemail^ORDERBYsys_id'],
    ] as const) {
      const { res, body } = await list(table, text);
      expect(res.status, text).toBe(200);
      const expected = ids(mock.data.select(table, parseQuery(text)).rows);
      expect(
        body.result.map((r) => r.sys_id),
        text,
      ).toEqual(expected);
      expect(res.headers.get('x-total-count'), text).toBe(String(expected.length));
    }
  });

  it.each([
    [
      'sla_dueONToday@javascript:gs.daysAgoStart(0)@javascript:gs.daysAgoEnd(0)',
      'sla_dueONToday@javascript:gs.daysAgoStart(0)@javascript:gs.daysAgoEnd(0)',
    ],
    ['active=true^123TEXTQUERY321=email', '123TEXTQUERY321=email'],
    ['active=true^RLQUERYincident.caller_id,>0', 'RLQUERYincident.caller_id,>0'],
    ['JOINincident.caller_id=sys_user!vip=true', 'JOINincident.caller_id=sys_user!vip=true'],
    ['JOINincident.sys_id=cmn_location.contact!', 'JOINincident.sys_id=cmn_location.contact'],
  ])('refuses %j with a 400 naming the term', async (text, term) => {
    const { res, body } = await getJson<Error400>(
      mock,
      `/api/now/table/incident?sysparm_query=${enc(text)}`,
    );
    expect(res.status).toBe(400);
    expect(body.status).toBe('failure');
    expect(body.error.message).toBe(`Unsupported query term: ${term}`);
    expect(body.error.detail).toMatch(/wider selection/);
  });

  it('refuses on the Stats API too, and still drops unknown fields and miscased keywords', async () => {
    const stats = await getJson<Error400>(
      mock,
      `/api/now/stats/incident?sysparm_count=true&sysparm_query=${enc('opened_atDATEPARTMonday@x')}`,
    );
    expect(stats.res.status).toBe(400);
    expect(stats.body.error.message).toMatch(/^Unsupported query term: opened_atDATEPART/);
    const loose = await list('incident', 'no_such_field=1^Orpriority=1');
    expect(loose.res.status).toBe(200);
    expect(loose.res.headers.get('x-total-count')).toBe(String(mock.data.count('incident')));
  });
});
