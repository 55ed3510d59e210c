import { type ColumnTable, op } from 'arquero';
import { describe, expect, it } from 'vitest';
import { ServiceNowError } from '../../src/core/errors.js';
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

  it('fills <field>_display from the dot-walked field, read with raw values', () => {
    expect(withDisplay.displayPaths).toEqual({ caller_id: 'caller_id.name' });
    const decode = createDecoder(withDisplay);
    expect(
      decode({
        sys_id: SYS_ID,
        number: 'INC0000060',
        caller_id: CALLER,
        state: '7',
        'caller_id.name': 'Joe Employee',
      }),
    ).toEqual({
      sys_id: SYS_ID,
      number: 'INC0000060',
      caller_id: CALLER,
      caller_id_display: 'Joe Employee',
      state: 7,
    });
    // Links kept, and the dot-walked value in `all` mode's shape.
    expect(
      decode({
        sys_id: SYS_ID,
        caller_id: { link: LINK, value: CALLER },
        'caller_id.name': { display_value: 'Joe Employee', value: 'Joe Employee' },
      }).caller_id_display,
    ).toBe('Joe Employee');
    // An empty reference has an empty dot-walked value; a missing one has none at all.
    for (const record of [
      { sys_id: SYS_ID, caller_id: '', 'caller_id.name': '' },
      { sys_id: SYS_ID, caller_id: '', 'caller_id.name': null },
      { sys_id: SYS_ID, caller_id: '' },
      { sys_id: SYS_ID },
    ]) {
      expect(decode(record)).toMatchObject({ caller_id: null, caller_id_display: null });
    }
    // A dangling reference: the walk finds no record, ServiceNow answers ''.
    expect(
      decode({ sys_id: SYS_ID, caller_id: CALLER, 'caller_id.name': '' }).caller_id_display,
    ).toBeNull();
  });

  it('reads the dot-walked field a reference override names', () => {
    const task = defineTask({
      name: 'time_worked',
      table: 'task_time_worked',
      fields: { user: fields.reference('sys_user'), time_card: fields.reference('time_card') },
      references: { user: { display: 'user_name' }, time_card: { display: 'number' } },
    });
    expect(task.displayPaths).toEqual({ user: 'user.user_name', time_card: 'time_card.number' });
    expect(
      decodeRecord(task, {
        sys_id: SYS_ID,
        user: CALLER,
        time_card: 'c1',
        'user.user_name': 'joe.employee',
        'time_card.number': 'TC0001',
      }),
    ).toEqual({
      sys_id: SYS_ID,
      user: CALLER,
      user_display: 'joe.employee',
      time_card: 'c1',
      time_card_display: 'TC0001',
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

  it('rejects a display field read without its dot-walked field or display values', () => {
    const error = rejected(() =>
      decodeRecord(withDisplay, { sys_id: SYS_ID, number: 'INC1', caller_id: CALLER, state: '1' }),
    );
    expect(error.field).toBe('caller_id');
    expect(error.reason).toMatch(/request "caller_id.name" in sysparm_fields/);
    const unreadable = rejected(() =>
      decodeRecord(withDisplay, { sys_id: SYS_ID, caller_id: CALLER, 'caller_id.name': [1] }),
    );
    expect(unreadable.field).toBe('caller_id');
    expect(unreadable.reason).toMatch(/unreadable display value in "caller_id.name"/);
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

  it('derives columns and filters rows through arquero', async () => {
    const transformed = defineTask({
      ...base,
      transform: (table: ColumnTable) =>
        table
          .filter((d: { made_sla: boolean }) => d.made_sla)
          .derive({
            calendar_hours: (d: { calendar_duration: number }) => d.calendar_duration / 3600,
            prefix: (d: { number: string }) => op.substring(d.number, 0, 3),
          }),
    });
    expect(await applyTransform(transformed, rows)).toEqual([
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

  it('leaves rows alone without a transform or rows', async () => {
    const plain = defineTask(base);
    expect(await applyTransform(plain, rows)).toBe(rows);
    const transformed = defineTask({
      ...base,
      transform: () => {
        throw new Error('not called');
      },
    });
    expect(await applyTransform(transformed, [])).toEqual([]);
  });

  it('refuses a transform that drops sys_id or returns no table', async () => {
    const dropping = defineTask({
      ...base,
      transform: (table: ColumnTable) => table.select('number'),
    });
    await expect(applyTransform(dropping, rows)).rejects.toThrow(TaskDefinitionError);
    const broken = defineTask({ ...base, transform: (() => 42) as never });
    await expect(applyTransform(broken, rows)).rejects.toThrow(/arquero table/);
  });
});
