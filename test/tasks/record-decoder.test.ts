import { op } from 'arquero';
import { describe, expect, it } from 'vitest';
import { ServiceNowError } from '../../src/client/errors.js';
import { fields } from '../../src/fields/index.js';
import {
  applyTransform,
  createDecoder,
  decodeRecord,
  defineTask,
  RecordRejectedError,
  TaskDefinitionError,
} from '../../src/tasks/index.js';

const SYS_ID = '1c741bd70b2322007518478d83673af3';
const CALLER = '681ccaf9c0a8016400b98a06818d57c7';
const LINK = `https://dev197215.service-now.com/api/now/table/sys_user/${CALLER}`;

const task = defineTask({
  name: 'incidents',
  table: 'incident',
  fields: {
    number: fields.string(),
    opened_at: fields.dateTime(),
    caller_id: fields.reference('sys_user'),
    sys_domain: fields.reference('sys_user_group'),
    reassignment_count: fields.integer(),
    made_sla: fields.boolean(),
    calendar_duration: fields.duration(),
    sla_due: fields.dateTime(),
  },
});

const withDisplay = defineTask({
  name: 'incidents_display',
  table: 'incident',
  fields: {
    number: fields.string(),
    caller_id: fields.reference('sys_user'),
    state: fields.integer(),
  },
  references: { caller_id: { display: true } },
});

function rejected(fn: () => unknown): RecordRejectedError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RecordRejectedError);
    return error as RecordRejectedError;
  }
  throw new Error('the record was accepted');
}

describe('decodeRecord', () => {
  // The INC0000060 excerpt of servicenow-api.md 2.3 (display_value=false, links kept).
  const record = {
    number: 'INC0000060',
    sys_id: SYS_ID,
    opened_at: '2016-12-12 15:19:57',
    caller_id: { link: LINK, value: CALLER },
    sys_domain: { link: '.../api/now/table/sys_user_group/global', value: 'global' },
    reassignment_count: '2',
    made_sla: 'true',
    calendar_duration: '1970-01-02 04:23:17',
    sla_due: '',
  };

  it('reads the value shape {link, value} and plain strings', () => {
    expect(decodeRecord(task, record)).toEqual({
      sys_id: SYS_ID,
      number: 'INC0000060',
      opened_at: new Date('2016-12-12T15:19:57Z'),
      caller_id: CALLER,
      sys_domain: 'global',
      reassignment_count: 2,
      made_sla: true,
      calendar_duration: 102_197,
      sla_due: null,
    });
  });

  it('reads values without links (exclude_reference_link=true)', () => {
    const row = decodeRecord(task, { ...record, caller_id: CALLER, sys_domain: 'global' });
    expect(row.caller_id).toBe(CALLER);
    expect(row.sys_domain).toBe('global');
  });

  it('reads the value, not the display, from {display_value, value} shapes', () => {
    const all = {
      sys_id: { display_value: SYS_ID, value: SYS_ID },
      number: { display_value: 'INC0000060', value: 'INC0000060' },
      opened_at: { display_value: '2016-12-12 07:19:57', value: '2016-12-12 15:19:57' },
      caller_id: { display_value: 'Joe Employee', link: LINK, value: CALLER },
      reassignment_count: { display_value: '2', value: '2' },
      calendar_duration: {
        display_value: '1 Day 4 Hours 23 Minutes',
        value: '1970-01-02 04:23:17',
      },
    };
    const row = decodeRecord(task, all);
    expect(row.opened_at).toEqual(new Date('2016-12-12T15:19:57Z'));
    expect(row.caller_id).toBe(CALLER);
    expect(row.calendar_duration).toBe(102_197);
  });

  it('fills <field>_display from display_value, with and without link', () => {
    const decode = createDecoder(withDisplay);
    expect(
      decode({
        sys_id: { display_value: SYS_ID, value: SYS_ID },
        number: { display_value: 'INC0000060', value: 'INC0000060' },
        caller_id: { display_value: 'Joe Employee', link: LINK, value: CALLER },
        state: { display_value: 'Closed', value: '7' },
      }),
    ).toEqual({
      sys_id: SYS_ID,
      number: 'INC0000060',
      caller_id: CALLER,
      caller_id_display: 'Joe Employee',
      state: 7,
    });
    const empty = decode({
      sys_id: SYS_ID,
      number: { display_value: '', value: '' },
      caller_id: { display_value: '', value: '' },
      state: { display_value: '', value: '' },
    });
    expect(empty).toEqual({
      sys_id: SYS_ID,
      number: null,
      caller_id: null,
      caller_id_display: null,
      state: null,
    });
  });

  it('treats missing fields as null', () => {
    expect(decodeRecord(task, { sys_id: SYS_ID }).number).toBeNull();
  });

  it('rejects a value that does not parse, naming table, sys_id, field and value', () => {
    const error = rejected(() => decodeRecord(task, { ...record, reassignment_count: '102,197' }));
    expect(error.table).toBe('incident');
    expect(error.sysId).toBe(SYS_ID);
    expect(error.field).toBe('reassignment_count');
    expect(error.value).toBe('"102,197"');
    expect(error.code).toBe('RECORD_REJECTED');
    expect(error).toBeInstanceOf(ServiceNowError);
    expect(error.message).toContain('reassignment_count');
    expect(error.message).toContain(SYS_ID);
  });

  it('rejects display-mode values (read with display_value=true)', () => {
    expect(rejected(() => decodeRecord(task, { ...record, sla_due: 'UNKNOWN' })).field).toBe(
      'sla_due',
    );
    expect(
      rejected(() =>
        decodeRecord(task, { ...record, calendar_duration: '1 Day 4 Hours 23 Minutes' }),
      ).field,
    ).toBe('calendar_duration');
    // A reference in display_value=true mode has no value.
    expect(
      rejected(() =>
        decodeRecord(task, { ...record, caller_id: { display_value: 'Joe Employee', link: LINK } }),
      ).field,
    ).toBe('caller_id');
  });

  it('truncates a long raw value on the error', () => {
    const error = rejected(() => decodeRecord(task, { ...record, opened_at: '9'.repeat(10_000) }));
    expect(error.value.length).toBeLessThanOrEqual(210);
    expect(error.message.length).toBeLessThan(500);
  });

  it('rejects a record without sys_id, or that is not an object', () => {
    expect(rejected(() => decodeRecord(task, { number: 'INC1' })).field).toBe('sys_id');
    expect(rejected(() => decodeRecord(task, { sys_id: '' })).sysId).toBeUndefined();
    expect(rejected(() => decodeRecord(task, 'INC1')).field).toBe('sys_id');
  });

  it('rejects a display field read without display values', () => {
    const error = rejected(() =>
      decodeRecord(withDisplay, { sys_id: SYS_ID, number: 'INC1', caller_id: CALLER, state: '1' }),
    );
    expect(error.field).toBe('caller_id');
    expect(error.reason).toMatch(/display_value=all/);
  });
});

describe('applyTransform', () => {
  const rows = [
    { sys_id: 'a', number: 'INC1', calendar_duration: 7200, made_sla: true },
    { sys_id: 'b', number: 'INC2', calendar_duration: null, made_sla: false },
  ];
  const base = {
    name: 'incidents',
    table: 'incident',
    fields: {
      number: fields.string(),
      calendar_duration: fields.duration(),
      made_sla: fields.boolean(),
    },
  } as const;

  it('derives columns and filters rows through arquero', () => {
    const transformed = defineTask({
      ...base,
      transform: (table) =>
        table
          .filter((d: { made_sla: boolean }) => d.made_sla)
          .derive({
            calendar_hours: (d: { calendar_duration: number }) => d.calendar_duration / 3600,
            prefix: (d: { number: string }) => op.substring(d.number, 0, 3),
          }),
    });
    expect(applyTransform(transformed, rows)).toEqual([
      {
        sys_id: 'a',
        number: 'INC1',
        calendar_duration: 7200,
        made_sla: true,
        calendar_hours: 2,
        prefix: 'INC',
      },
    ]);
  });

  it('leaves rows alone without a transform or rows', () => {
    const plain = defineTask(base);
    expect(applyTransform(plain, rows)).toBe(rows);
    const transformed = defineTask({
      ...base,
      transform: () => {
        throw new Error('not called');
      },
    });
    expect(applyTransform(transformed, [])).toEqual([]);
  });

  it('refuses a transform that drops sys_id or returns no table', () => {
    const dropping = defineTask({ ...base, transform: (table) => table.select('number') });
    expect(() => applyTransform(dropping, rows)).toThrow(TaskDefinitionError);
    const broken = defineTask({ ...base, transform: (() => 42) as never });
    expect(() => applyTransform(broken, rows)).toThrow(/arquero table/);
  });
});
