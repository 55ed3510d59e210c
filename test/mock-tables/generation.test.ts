/**
 * The schema-generated tables as the store holds them: fixed sizes, determinism, valid values of
 * every type, references that resolve, stamps within the year before the reference time, and
 * the rows of the older tables left exactly as they were.
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { SCHEMA_TABLE_SPECS } from '../../src/mock/data/generators/schema-tables.js';
import {
  createMockData,
  DEFAULT_MOCK_REFERENCE_TIME,
  type MockData,
  mockSchema,
  SCHEMA_TABLE_NAMES,
} from '../../src/mock/data/index.js';
import type { MockRecord } from '../../src/mock/types.js';

const store = createMockData({ seed: 4, scale: 150 });
const rows = (data: MockData, table: string): MockRecord[] => [...data.rows(table)];

/** The raw format of each type (servicenow-api.md section 2.1); `''` is always allowed. */
const FORMATS: Readonly<Record<string, RegExp>> = {
  GUID: /^[0-9a-f]{32}$/,
  boolean: /^(true|false)$/,
  integer: /^-?\d+$/,
  longint: /^-?\d+$/,
  decimal: /^-?\d+(\.\d+)?$/,
  float: /^-?\d+(\.\d+)?$/,
  percent_complete: /^\d+(\.\d+)?$/,
  currency: /^-?\d+\.\d{2}$/,
  price: /^-?\d+\.\d{2}$/,
  glide_date: /^\d{4}-\d{2}-\d{2}$/,
  glide_date_time: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
  due_date: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
  glide_time: /^1970-01-01 \d{2}:\d{2}:\d{2}$/,
  glide_duration: /^1970-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
  timer: /^1970-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
  reference: /^[0-9a-f]{32}$/,
  document_id: /^[0-9a-f]{32}$/,
  glide_list: /^[0-9a-f]{32}(,[0-9a-f]{32})*$/,
  journal: /^$/,
  journal_input: /^$/,
  journal_list: /^$/,
  domain_id: /^global$/,
  html: /^<p>.*<\/p>/s,
  url: /^https:\/\/\S+$/,
  email: /^[^@\s]+@[^@\s]+\.[a-z]+$/,
};

describe('schema-generated tables', () => {
  test('have fixed sizes, whatever the scale', () => {
    expect(SCHEMA_TABLE_SPECS.map((spec) => spec.schema.name)).toEqual(SCHEMA_TABLE_NAMES);
    const small = createMockData({ seed: 4, scale: 10 });
    const sizes = Object.fromEntries(SCHEMA_TABLE_NAMES.map((t) => [t, store.count(t)]));
    expect(sizes).toEqual({
      problem: 200,
      change_request: 200,
      sc_cat_item: 14,
      sc_request: 150,
      sc_req_item: 300,
      cmdb_ci_server: 150,
      u_vendor_review: 120,
      u_rate_card: 40,
    });
    for (const table of SCHEMA_TABLE_NAMES) expect(small.count(table), table).toBe(sizes[table]);
  });

  test('are a pure function of the seed', () => {
    const again = createMockData({ seed: 4, scale: 150 });
    const other = createMockData({ seed: 5, scale: 150 });
    for (const table of SCHEMA_TABLE_NAMES) {
      expect(rows(again, table)).toEqual(rows(store, table));
      expect(rows(other, table)).not.toEqual(rows(store, table));
    }
  });

  test('every value has the raw format of its type', () => {
    let checked = 0;
    for (const table of SCHEMA_TABLE_NAMES) {
      const schema = mockSchema(table);
      for (const row of store.rows(table)) {
        for (const field of schema?.fields ?? []) {
          const value = row[field.name] ?? '';
          const format = FORMATS[field.type];
          if (value === '') continue;
          if (format !== undefined) {
            expect(value, `${table}.${field.name}`).toMatch(format);
            checked++;
          }
          if (field.type === 'choice') {
            expect(Object.keys(field.choices ?? {}), `${table}.${field.name}`).toContain(value);
          }
          if (field.type === 'sys_class_name' || field.type === 'table_name') {
            expect(mockSchema(value), `${table}.${field.name} = ${value}`).toBeDefined();
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  test('u_vendor_review fills every type, journals excepted', () => {
    const reviews = rows(store, 'u_vendor_review');
    const schema = mockSchema('u_vendor_review');
    const types = new Set(schema?.fields.map((f) => f.type));
    for (const type of [
      'string',
      'boolean',
      'integer',
      'longint',
      'decimal',
      'float',
      'currency',
      'price',
      'glide_date',
      'glide_date_time',
      'due_date',
      'glide_time',
      'glide_duration',
      'timer',
      'reference',
      'document_id',
      'table_name',
      'glide_list',
      'journal',
      'journal_input',
      'choice',
      'sys_class_name',
      'GUID',
      'conditions',
      'script',
      'html',
      'url',
      'email',
      'domain_id',
      'percent_complete',
    ]) {
      expect(types, type).toContain(type);
    }
    for (const field of schema?.fields.filter((f) => f.name.startsWith('u_')) ?? []) {
      const filled = reviews.filter((r) => r[field.name] !== '').length;
      if (field.type.startsWith('journal')) expect(filled, field.name).toBe(0);
      else expect(filled, field.name).toBeGreaterThan(reviews.length / 2);
    }
    const levels = mockSchema('u_vendor_review')?.fields.find((f) => f.name === 'u_level');
    expect(levels?.integerChoice).toBe(true);
    expect(reviews.some((r) => Number(r.u_bytes_transferred) > 2 ** 31)).toBe(true);
    expect(reviews.every((r) => Number.isSafeInteger(Number(r.u_bytes_transferred)))).toBe(true);
  });

  test('references, glide lists and document ids point at rows that exist', () => {
    let checked = 0;
    for (const table of SCHEMA_TABLE_NAMES) {
      const schema = mockSchema(table);
      for (const row of store.rows(table)) {
        for (const field of schema?.fields ?? []) {
          const value = row[field.name] ?? '';
          if (value === '' || field.reference === undefined || field.type === 'domain_id') continue;
          if (field.type !== 'reference' && field.type !== 'glide_list') continue;
          for (const id of value.split(',')) {
            expect(store.get(field.reference, id), `${table}.${field.name}`).toBeDefined();
            checked++;
          }
        }
      }
    }
    for (const review of store.rows('u_vendor_review')) {
      const target = store.get(review.u_document_table as string, review.u_document as string);
      expect(target?.sys_id).toBe(review.u_document);
    }
    expect(checked).toBeGreaterThan(5000);
  });

  test('references to tables the mock does not serve stay empty', () => {
    for (const row of store.rows('cmdb_ci_server')) {
      expect(row.location).toBe('');
      expect(row.model_id).toBe('');
    }
    for (const row of store.rows('problem')) expect(row.business_service).toBe('');
  });

  test('sys_created_on <= sys_updated_on, within the year before the reference time', () => {
    const end = new Date(DEFAULT_MOCK_REFERENCE_TIME).toISOString().replace('T', ' ').slice(0, 19);
    const start = new Date(DEFAULT_MOCK_REFERENCE_TIME - 365 * 86_400_000)
      .toISOString()
      .replace('T', ' ')
      .slice(0, 19);
    for (const table of SCHEMA_TABLE_NAMES.filter((t) => t !== 'u_rate_card')) {
      for (const row of store.rows(table)) {
        const created = row.sys_created_on as string;
        const updated = row.sys_updated_on as string;
        expect(
          created >= start && created <= updated && updated <= end,
          `${table} ${created} ${updated}`,
        ).toBe(true);
        expect(row.sys_mod_count === '0').toBe(created === updated);
      }
    }
  });

  test('task children: numbers, states, priority and closing fields agree', () => {
    const prefixes: Readonly<Record<string, string>> = {
      problem: 'PRB',
      change_request: 'CHG',
      sc_request: 'REQ',
      sc_req_item: 'RITM',
    };
    for (const [table, prefix] of Object.entries(prefixes)) {
      const all = rows(store, table);
      expect(new Set(all.map((r) => r.number)).size).toBe(all.length);
      for (const r of all) {
        expect(r.number).toMatch(new RegExp(`^${prefix}\\d{7}$`));
        expect(r.opened_at).toBe(r.sys_created_on);
        expect(Number(r.priority)).toBe(Number(r.impact) + Number(r.urgency) - 1);
        expect(r.active === 'false').toBe(r.closed_at !== '');
      }
      expect(all.some((r) => r.active === 'true')).toBe(true);
      expect(all.some((r) => r.active === 'false')).toBe(true);
    }
    for (const p of store.rows('problem')) {
      expect(p.problem_state).toBe(p.state);
      if (p.workaround !== '') expect(p.known_error).toBe('true');
    }
    for (const c of store.rows('change_request')) {
      const start = c.start_date as string;
      if (start !== '') expect(start <= (c.end_date as string)).toBe(true);
      expect(c.cab_required).toBe(c.type === 'normal' ? 'true' : 'false');
    }
  });

  test('requested items: price is the catalog price times the quantity; requests sum them', () => {
    const items = rows(store, 'sc_req_item');
    const cents = new Map<string, number>();
    for (const item of items) {
      const catalog = store.get('sc_cat_item', item.cat_item as string);
      expect(item.short_description).toBe(catalog?.name);
      expect(Number(item.price)).toBeCloseTo(Number(catalog?.price) * Number(item.quantity), 2);
      const request = store.get('sc_request', item.request as string);
      expect(item.requested_for).toBe(request?.requested_for);
      const key = item.request as string;
      cents.set(key, (cents.get(key) ?? 0) + Math.round(Number(item.price) * 100));
    }
    expect(cents.size).toBe(store.count('sc_request'));
    for (const request of store.rows('sc_request')) {
      expect(Math.round(Number(request.price) * 100)).toBe(cents.get(request.sys_id as string));
    }
  });

  test('u_rate_card has no sys_updated_on nor any other stamp', () => {
    const names = mockSchema('u_rate_card')?.fields.map((f) => f.name);
    expect(names).toContain('sys_id');
    expect(names?.some((n) => n.startsWith('sys_') && n !== 'sys_id')).toBe(false);
    expect(Object.keys(rows(store, 'u_rate_card')[0] ?? {}).sort()).toEqual(
      [...(names ?? [])].sort(),
    );
  });
});

describe('incident u_ fields', () => {
  const incidents = rows(store, 'incident');

  test('are generated, consistent with one another and with the priority', () => {
    expect(incidents.some((r) => /^VND-\d{6}$/.test(r.u_vendor_ticket as string))).toBe(true);
    const outages = incidents.filter((r) => r.u_outage_minutes !== '');
    expect(outages.length).toBeGreaterThan(5);
    for (const r of incidents) {
      if (r.u_outage_minutes === '') {
        expect(r.u_cost).toBe('');
        expect(['', 'none']).toContain(r.u_customer_impact);
      } else {
        expect(r.u_cost).toMatch(/^\d+\.\d{2}$/);
        expect(r.u_customer_impact).toBe(r.priority === '1' ? 'outage' : 'degraded');
      }
    }
  });

  test('leave every other value of the older tables exactly as before', () => {
    // SHA-256 of the rows of the ten tables older than the schema-generated ones (incident
    // without its u_ fields), seed 3, 150 incidents, computed before those tables existed.
    const data = createMockData({ seed: 3, scale: 150 });
    const hash = createHash('sha256');
    for (const table of [
      'incident',
      'incident_task',
      'task_sla',
      'task_time_worked',
      'contract_sla',
      'sys_user_group',
      'core_company',
      'sys_user',
      'cmdb_ci_network_link',
      'sys_audit_delete',
    ]) {
      for (const row of data.rows(table)) {
        const kept = Object.entries(row).filter(
          ([name]) => table !== 'incident' || !name.startsWith('u_'),
        );
        hash.update(JSON.stringify(Object.fromEntries(kept)));
      }
    }
    expect(hash.digest('hex')).toBe(
      '661d9d632c85fe7c3c4168658888b6c60b0cbb46194684145a5e5181ee735acf',
    );
  });
});
