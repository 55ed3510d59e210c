/**
 * The Link header against the cases recorded from real instances (servicenow-api.md 1.5).
 */
import { describe, expect, it } from 'vitest';
import { buildLinkHeader } from '../../src/mock/server/link-header.js';

const base = 'https://dev1.service-now.com';

function rels(header: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (header ?? '').split(',<')) {
    const match = /sysparm_offset=(-?\d+)>;rel="(\w+)"$/.exec(part);
    if (match) out[match[2]!] = Number(match[1]);
  }
  return out;
}

describe('buildLinkHeader', () => {
  it('is absent when one page holds every row', () => {
    const input = { baseUrl: base, path: '/api/now/table/sys_user_group', rawQuery: '' };
    expect(buildLinkHeader({ ...input, total: 46, limit: 500, offset: 0 })).toBeUndefined();
    expect(buildLinkHeader({ ...input, total: 67, limit: 500, offset: 0 })).toBeUndefined();
  });

  it('matches the recorded first page of 626 users at limit 500', () => {
    const header = buildLinkHeader({
      baseUrl: base,
      path: '/api/now/table/sys_user',
      rawQuery: 'sysparm_limit=500',
      total: 626,
      limit: 500,
      offset: 0,
    });
    expect(header).toBe(
      '<https://dev1.service-now.com/api/now/table/sys_user?sysparm_limit=500&sysparm_offset=0>;rel="first",' +
        '<https://dev1.service-now.com/api/now/table/sys_user?sysparm_limit=500&sysparm_offset=500>;rel="next",' +
        '<https://dev1.service-now.com/api/now/table/sys_user?sysparm_limit=500&sysparm_offset=500>;rel="last"',
    );
  });

  it('sends prev=-1 on the first page at limit 1 (628 rows)', () => {
    const header = buildLinkHeader({
      baseUrl: base,
      path: '/api/now/table/sys_user',
      rawQuery: 'sysparm_limit=1',
      total: 628,
      limit: 1,
      offset: 0,
    });
    expect(rels(header)).toEqual({ first: 0, prev: -1, next: 1, last: 627 });
    expect(Object.keys(rels(header))).toEqual(['first', 'prev', 'next', 'last']);
  });

  it('has first, prev, next and last on a middle page', () => {
    const header = buildLinkHeader({
      baseUrl: base,
      path: '/api/now/table/sys_user',
      rawQuery: 'sysparm_limit=5&sysparm_offset=600',
      total: 628,
      limit: 5,
      offset: 600,
    });
    expect(rels(header)).toEqual({ first: 0, prev: 595, next: 605, last: 625 });
  });

  it('has no next on the last page (offset 500 of 626)', () => {
    const header = buildLinkHeader({
      baseUrl: base,
      path: '/api/now/table/sys_user',
      rawQuery: 'sysparm_offset=500&sysparm_limit=500',
      total: 626,
      limit: 500,
      offset: 500,
    });
    expect(rels(header)).toEqual({ first: 0, prev: 0, last: 500 });
  });

  it('repeats the original parameters in order, re-encoded, with limit and offset last', () => {
    const header = buildLinkHeader({
      baseUrl: base,
      path: '/api/now/v2/table/incident',
      rawQuery: 'query=number%3DINC0000040&sysparm_limit=1&display_value=True&sysparm_offset=65',
      total: 67,
      limit: 1,
      offset: 65,
    });
    const last = header?.split(',').find((part) => part.endsWith('rel="last"'));
    expect(last).toBe(
      '<https://dev1.service-now.com/api/now/v2/table/incident?query=number%3DINC0000040&display_value=True&sysparm_limit=1&sysparm_offset=66>;rel="last"',
    );
  });
});
