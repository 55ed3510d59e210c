import { describe, expect, it } from 'vitest';
import { ServiceNowError } from '../../src/core/errors.js';
import { fields } from '../../src/fields/index.js';
import { query } from '../../src/query/index.js';
import {
  defaultDisplayField,
  defineTask,
  TaskDefinitionError,
  type TaskOptions,
  TOOL_TABLES,
  toolTableProblem,
  windowRange,
} from '../../src/tasks/index.js';

const incidentFields = {
  number: fields.string(),
  opened_at: fields.dateTime(),
  assigned_to: fields.reference('sys_user'),
  assignment_group: fields.reference('sys_user_group'),
  priority: fields.integer(),
  active: fields.boolean(),
};

function problems(options: unknown): TaskDefinitionError {
  try {
    defineTask(options as TaskOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(TaskDefinitionError);
    return error as TaskDefinitionError;
  }
  throw new Error('the definition was accepted');
}

describe('defineTask', () => {
  it('describes what to read and where to write', () => {
    const task = defineTask({
      name: 'incidents_opened',
      table: 'incident',
      fields: incidentFields,
      window: 'opened_at',
      references: { assigned_to: { display: true }, assignment_group: { display: false } },
      pageSize: 500,
    });
    expect(task.target).toBe('incident');
    expect(task.fieldNames).toEqual([
      'sys_id',
      'number',
      'opened_at',
      'assigned_to',
      'assignment_group',
      'priority',
      'active',
      'assigned_to.name',
    ]);
    expect(task.displayValue).toBe('false');
    expect(task.displayFields).toEqual(['assigned_to']);
    expect(task.displayPaths).toEqual({ assigned_to: 'assigned_to.name' });
    expect(task.pageSize).toBe(500);
    expect(task.columns.map((c) => c.name)).toEqual([
      'sys_id',
      'number',
      'opened_at',
      'assigned_to',
      'assigned_to_display',
      'assignment_group',
      'priority',
      'active',
    ]);
    expect(task.columns[0]?.role).toBe('key');
    expect(task.columns.find((c) => c.name === 'assigned_to_display')?.role).toBe('display');
    expect(task.columns.find((c) => c.name === 'opened_at')?.sqlType.postgres).toBe('timestamp');
    expect(Object.isFrozen(task)).toBe(true);
  });

  it('reads without display values when no reference asks for them', () => {
    const task = defineTask({
      name: 'groups',
      table: 'sys_user_group',
      fields: { name: 'string' },
    });
    expect(task.displayValue).toBe('false');
    expect(task.columns.map((c) => c.name)).toEqual(['sys_id', 'name']);
    expect(task.pageSize).toBeUndefined();
  });

  it('accepts codec shorthands and a custom target', () => {
    const task = defineTask({
      name: 'users',
      table: 'sys_user',
      target: 'people',
      fields: { company: 'reference:core_company', last_login_time: 'dateTime' },
    });
    expect(task.target).toBe('people');
    expect(task.fields.company?.referenceTable).toBe('core_company');
    expect(task.fields.last_login_time).toBe(fields.dateTime());
  });
});

describe('buildQuery', () => {
  const task = defineTask({
    name: 'incidents_opened',
    table: 'incident',
    fields: incidentFields,
    window: 'opened_at',
    query: 'active=true^NQpriority=1',
  });

  it('ANDs the window with every group of the selection', () => {
    expect(task.buildQuery({ from: '2026-03-01', to: '2026-03-02' })).toBe(
      'active=true^opened_at>=2026-03-01 00:00:00^opened_at<=2026-03-02 23:59:59' +
        '^NQpriority=1^opened_at>=2026-03-01 00:00:00^opened_at<=2026-03-02 23:59:59',
    );
  });

  it('is the selection alone without a window', () => {
    expect(task.buildQuery()).toBe('active=true^NQpriority=1');
    expect(
      defineTask({ name: 'all', table: 'core_company', fields: { name: 'string' } }).buildQuery(),
    ).toBe('');
  });

  it('calls a selection function with the window', () => {
    const seen: unknown[] = [];
    const fn = defineTask({
      name: 'slas',
      table: 'task_sla',
      fields: { task: fields.reference('task'), stage: fields.choice() },
      window: 'task.opened_at',
      query: (window) => {
        seen.push(window);
        return query().equals('task.sys_class_name', 'incident');
      },
    });
    const window = { from: '2026-01-05', to: '2026-01-05' };
    expect(fn.buildQuery(window)).toBe(
      'task.sys_class_name=incident^task.opened_at>=2026-01-05 00:00:00^task.opened_at<=2026-01-05 23:59:59',
    );
    expect(seen).toEqual([window]);
  });

  it('reads the window days in a time zone when given', () => {
    expect(
      task.buildQuery({ from: '2026-07-01', to: '2026-07-01', timeZone: 'Europe/Paris' }),
    ).toContain('opened_at>=2026-06-30 22:00:00^opened_at<=2026-07-01 21:59:59');
  });

  it('rejects an invalid window', () => {
    expect(() => task.buildQuery({ from: '2026-02-30', to: '2026-03-01' })).toThrow(
      ServiceNowError,
    );
    expect(() => task.buildQuery({ from: '2026-03-02', to: '2026-03-01' })).toThrow(/reversed/);
  });
});

describe('windowRange', () => {
  it('covers whole days, both included', () => {
    expect(windowRange({ from: '2024-02-28', to: '2024-02-29' })).toEqual({
      start: '2024-02-28 00:00:00',
      end: '2024-02-29 23:59:59',
    });
  });
  it('follows daylight saving time changes', () => {
    // New York: UTC-5 in winter, UTC-4 from 2026-03-08 (the day is 23 hours long)
    expect(
      windowRange({ from: '2026-03-08', to: '2026-03-08', timeZone: 'America/New_York' }),
    ).toEqual({
      start: '2026-03-08 05:00:00',
      end: '2026-03-09 03:59:59',
    });
  });
  it('refuses an unknown time zone', () => {
    expect(() =>
      windowRange({ from: '2026-03-08', to: '2026-03-08', timeZone: 'Mars/Olympus' }),
    ).toThrow(/time zone/);
  });
});

describe("the tool's own tables", () => {
  it.each(TOOL_TABLES)('refuses %s as a target or a table', (name) => {
    const asTarget = problems({
      name: 'mine',
      table: 'incident',
      target: name,
      fields: { number: fields.string() },
    });
    expect(asTarget.issues).toEqual([
      { path: 'target', message: expect.stringContaining(`"${name}" is one of the tool's own`) },
    ]);
    expect(asTarget.message).toContain(name);
    const asTable = problems({ name: 'mine', table: name, fields: { number: fields.string() } });
    expect(asTable.issues.map((issue) => issue.path)).toEqual(['table']);
  });

  it('accepts names that only look alike', () => {
    for (const target of ['servicenow_sync_state2', 'my_servicenow_run_lock', 'servicenow']) {
      expect(
        defineTask({ name: 'mine', table: 'incident', target, fields: { number: fields.string() } })
          .target,
      ).toBe(target);
    }
    expect(toolTableProblem('incident')).toBeUndefined();
  });
});

describe('TaskDefinitionError', () => {
  it('lists every problem with its path', () => {
    const error = problems({
      name: 'Bad Name',
      table: 'incident',
      target: 'incident; drop table x',
      fields: {
        opened_at: 'datetime',
        'Bad-Field': fields.string(),
        number: fields.string(),
        priority: { parse() {} },
      },
      window: 'number',
      references: { number: { display: true }, nothing: { display: true } },
      pageSize: 0,
      extra: true,
    });
    const paths = error.issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'name',
        'target',
        'fields.opened_at',
        'fields.Bad-Field',
        'fields.priority',
        'window',
        'references.number',
        'references.nothing',
        'pageSize',
        'extra',
      ]),
    );
    expect(error.task).toBe('Bad Name');
    expect(error.code).toBe('TASK_DEFINITION_INVALID');
    expect(error).toBeInstanceOf(ServiceNowError);
    for (const issue of error.issues) expect(error.message).toContain(issue.message);
    expect(error.issues.find((i) => i.path === 'fields.opened_at')?.message).toContain(
      '"datetime"',
    );
    expect(error.issues.find((i) => i.path === 'window')?.message).toContain('dateTime');
  });

  it('refuses a window field that is not a dateTime or not a field', () => {
    expect(
      problems({
        name: 't',
        table: 'incident',
        fields: { opened_at: fields.date() },
        window: 'opened_at',
      }).issues[0]?.message,
    ).toMatch(/date field/);
    expect(
      problems({ name: 't', table: 'incident', fields: { number: 'string' }, window: 'opened_at' })
        .issues[0]?.path,
    ).toBe('window');
    expect(
      problems({
        name: 't',
        table: 'task_sla',
        fields: { stage: 'choice' },
        window: 'stage.opened_at',
      }).issues[0]?.message,
    ).toMatch(/not a reference/);
  });

  it('refuses unsafe identifiers and out-of-range page sizes', () => {
    expect(
      problems({ name: 't', table: 'Incident', fields: { number: 'string' } }).issues.map(
        (i) => i.path,
      ),
    ).toContain('table');
    expect(
      problems({ name: 't', table: 'incident', fields: { ['a'.repeat(129)]: 'string' } }).issues[0]
        ?.message,
    ).toMatch(/longer than 128/);
    expect(
      problems({ name: 't', table: 'incident', fields: { number: 'string' }, pageSize: 10_001 })
        .issues[0]?.path,
    ).toBe('pageSize');
    expect(
      problems({ name: 't', table: 'incident', fields: { number: 'string' }, pageSize: 1.5 })
        .issues[0]?.path,
    ).toBe('pageSize');
  });

  it('refuses a display column that collides with a field', () => {
    const error = problems({
      name: 't',
      table: 'incident',
      fields: { caller_id: fields.reference('sys_user'), caller_id_display: fields.string() },
      references: { caller_id: { display: true } },
    });
    expect(error.issues[0]?.path).toBe('references.caller_id');
  });

  it("reads each display value from the referenced table's display field, or the one named", () => {
    const task = defineTask({
      name: 'slas',
      table: 'task_sla',
      fields: {
        task: 'reference:task',
        sla: 'reference:contract_sla',
        schedule: 'reference:cmn_schedule',
        ci: 'reference:cmdb_ci_ip_router',
        owner: 'reference:sys_user',
        flow: 'reference:sys_hub_flow',
      },
      // In any order: display paths follow the field order.
      references: {
        flow: { display: 'name' },
        owner: { display: 'company.name' },
        ci: { display: true },
        schedule: { display: true },
        sla: { display: true },
        task: { display: true },
      },
    });
    expect(task.displayPaths).toEqual({
      task: 'task.number',
      sla: 'sla.name',
      schedule: 'schedule.name',
      ci: 'ci.name',
      owner: 'owner.company.name',
      flow: 'flow.name',
    });
    expect(task.displayFields).toEqual(['task', 'sla', 'schedule', 'ci', 'owner', 'flow']);
    expect(task.fieldNames.slice(-6)).toEqual(Object.values(task.displayPaths));
    expect(task.displayValue).toBe('false');
    expect(task.columns.map((c) => c.name)).toContain('owner_display');
  });

  it('asks for the display field of a table it does not know', () => {
    const error = problems({
      name: 't',
      table: 'task_time_worked',
      fields: { time_card: 'reference:time_card', user: 'reference:sys_user' },
      references: { time_card: { display: true }, user: { display: 'Name; drop' } },
    });
    expect(error.issues.map((i) => i.path)).toEqual([
      'references.time_card.display',
      'references.user.display',
    ]);
    expect(error.issues[0]?.message).toMatch(
      /"time_card" references "time_card", whose display field is not known; name it: \{ display: '<field of time_card>' \}/,
    );
    expect(error.issues[1]?.message).toMatch(/"Name; drop" is not a field name/);
    expect(
      problems({
        name: 't',
        table: 'incident',
        fields: { caller_id: 'reference:sys_user' },
        references: { caller_id: { display: 42 } } as never,
      }).issues[0]?.message,
    ).toMatch(/expected true, false or a field name/);
  });

  it('knows the display fields of common tables', () => {
    expect(defaultDisplayField('sys_user')).toBe('name');
    expect(defaultDisplayField('incident')).toBe('number');
    expect(defaultDisplayField('cmdb_ci_network_link')).toBe('name');
    expect(defaultDisplayField('cmdb_model')).toBeUndefined();
    expect(defaultDisplayField('time_card')).toBeUndefined();
    expect(defaultDisplayField('constructor')).toBeUndefined();
  });

  it('refuses an invalid fixed query at definition time', () => {
    const error = problems({
      name: 't',
      table: 'incident',
      fields: { number: 'string' },
      query: 'active=true^Orpriority=1',
    });
    expect(error.issues[0]?.path).toBe('query');
  });

  it('refuses a sys_id that is not text, and a task without fields', () => {
    expect(
      problems({ name: 't', table: 'incident', fields: { sys_id: 'integer', number: 'string' } })
        .issues[0]?.path,
    ).toBe('fields.sys_id');
    expect(problems({ name: 't', table: 'incident', fields: {} }).issues[0]?.path).toBe('fields');
  });

  it('refuses something that is not an options object', () => {
    expect(problems(undefined).issues.length).toBeGreaterThan(0);
  });
});
