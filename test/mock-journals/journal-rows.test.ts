/**
 * sys_journal_field rows: deterministic from the seed, attached to incidents, incident tasks and
 * problems, dated within the record's life, written by sys_user logins, queryable by
 * element_id / element / name in order.
 */
import { describe, expect, it } from 'vitest';
import { createMockData } from '../../src/mock/data/index.js';
import type { MockRecord } from '../../src/mock/types.js';
import { parseQuery } from '../../src/query/index.js';

const data = createMockData({ seed: 3, scale: 300 });
const journal = [...data.rows('sys_journal_field')];

describe('sys_journal_field rows', () => {
  it('are generated for a share of the records, the same for the same seed', () => {
    expect(journal.length).toBeGreaterThan(300);
    expect(data.count('sys_journal_field')).toBe(journal.length);
    const again = [...createMockData({ seed: 3, scale: 300 }).rows('sys_journal_field')];
    expect(again).toEqual(journal);
    const other = [...createMockData({ seed: 4, scale: 300 }).rows('sys_journal_field')];
    expect(other.map((r) => r.sys_id)).not.toEqual(journal.map((r) => r.sys_id));
    const incidents = new Set(
      journal.filter((r) => r.name === 'incident').map((r) => r.element_id),
    );
    expect(incidents.size).toBeGreaterThan(50);
    expect(incidents.size).toBeLessThan(data.count('incident'));
    expect(new Set(journal.map((r) => r.name))).toEqual(
      new Set(['incident', 'incident_task', 'problem']),
    );
    expect(new Set(journal.map((r) => r.element))).toEqual(new Set(['comments', 'work_notes']));
  });

  it('belong to existing records, within their life, by existing users', () => {
    const logins = new Set([...data.rows('sys_user')].map((u) => u.user_name));
    // The few records deleted at generation keep their entries.
    const deleted = new Set([...data.rows('sys_audit_delete')].map((r) => r.documentkey));
    let orphans = 0;
    for (const entry of journal) {
      const record = data.get(entry.name as string, entry.element_id as string);
      if (record === undefined) {
        expect(deleted.has(entry.element_id)).toBe(true);
        orphans++;
        continue;
      }
      const parent = record;
      expect(entry.sys_created_on! > parent.sys_created_on!).toBe(true);
      expect(entry.sys_created_on! <= parent.sys_updated_on!).toBe(true);
      expect(logins.has(entry.sys_created_by)).toBe(true);
      expect(entry.sys_updated_on).toBe(entry.sys_created_on);
      expect(entry.sys_mod_count).toBe('0');
      expect(entry.value).not.toBe('');
    }
    expect(orphans).toBeLessThan(10);
  });

  it('are selected by element_id (indexed) exactly as by a scan, newest first', () => {
    const byRecord = new Map<string, MockRecord[]>();
    for (const entry of journal) {
      const list = byRecord.get(entry.element_id!) ?? [];
      list.push(entry);
      byRecord.set(entry.element_id!, list);
    }
    const busy = [...byRecord.entries()].filter(([, list]) => list.length >= 3).slice(0, 5);
    expect(busy.length).toBeGreaterThan(0);
    for (const [id, list] of busy) {
      const { rows } = data.select(
        'sys_journal_field',
        parseQuery(`element_id=${id}^ORDERBYDESCsys_created_on`),
      );
      const expected = [...list].sort((a, b) =>
        a.sys_created_on! < b.sys_created_on! ? 1 : a.sys_created_on! > b.sys_created_on! ? -1 : 0,
      );
      expect(rows.map((r) => r.sys_id)).toEqual(expected.map((r) => r.sys_id));
      // Strictly increasing times within a record: "newest first" has no ties.
      expect(new Set(rows.map((r) => r.sys_created_on)).size).toBe(rows.length);
    }
    const ids = busy.map(([id]) => id);
    const listed = data.select(
      'sys_journal_field',
      parseQuery(`element_idIN${ids.join(',')}^element=work_notes^ORDERBYsys_created_on`),
    ).rows;
    const scanned = journal
      .filter((r) => ids.includes(r.element_id!) && r.element === 'work_notes')
      .sort((a, b) => (a.sys_created_on! < b.sys_created_on! ? -1 : 1));
    expect(listed.map((r) => r.sys_id)).toEqual(scanned.map((r) => r.sys_id));
  });

  it('are selected by name and element', () => {
    const { rows, total } = data.select(
      'sys_journal_field',
      parseQuery('name=problem^element=comments^ORDERBYDESCsys_created_on'),
      { count: true, limit: 5 },
    );
    const expected = journal.filter((r) => r.name === 'problem' && r.element === 'comments');
    expect(total).toBe(expected.length);
    expect(rows).toHaveLength(5);
    for (const row of rows) expect([row.name, row.element]).toEqual(['problem', 'comments']);
    const times = rows.map((r) => r.sys_created_on!);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('include inserted entries in element_id selections', () => {
    const store = createMockData({ seed: 3, scale: 50 });
    const incident = store.select('incident', parseQuery('ORDERBYnumber'), { limit: 1 }).rows[0]!;
    const before = store.select('sys_journal_field', parseQuery(`element_id=${incident.sys_id}`));
    const added = store.insert('sys_journal_field', {
      element: 'comments',
      element_id: incident.sys_id!,
      name: 'incident',
      value: 'Inserted',
    });
    const after = store.select('sys_journal_field', parseQuery(`element_id=${incident.sys_id}`));
    expect(after.rows.map((r) => r.sys_id)).toEqual(
      [...before.rows.map((r) => r.sys_id!), added.sys_id!].sort(),
    );
  });
});
