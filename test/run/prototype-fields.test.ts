/**
 * A field named like a member of Object.prototype: `constructor` is the one such name that is a
 * valid column (`__proto__` is refused; the others have capitals). It is an ordinary field:
 * defined, read, decoded and written like any other, on SQLite (the decoder and the sink's row
 * handling do not depend on the dialect).
 */
import { describe, expect, it } from 'vitest';
import type { ServiceNowClient } from '../../src/client/index.js';
import { fields } from '../../src/fields/index.js';
import type { MockServiceNow } from '../../src/mock/index.js';
import { runTasks } from '../../src/run/index.js';
import { decodeRecord, defineTask } from '../../src/tasks/index.js';
import { connectDatabase } from '../../src/wiring/index.js';
import { useRunHarness } from '../support/run-harness.js';

let mock: MockServiceNow;
let client: ServiceNowClient;
const freshDb = useRunHarness('sn-proto-fields-', { seed: 8, scale: 10 }, (m, c) => {
  mock = m;
  client = c;
});

/** `constructor` as text, or as a reference whose display value is stored. */
const task = (kind: 'string' | 'reference') =>
  defineTask({
    name: `proto_${kind}`,
    table: kind === 'string' ? 'sys_user' : 'sys_user_group',
    target: `proto_${kind}`,
    fields: {
      name: fields.string(),
      constructor: kind === 'string' ? fields.string() : fields.reference('sys_user'),
    },
    ...(kind === 'reference' ? { references: { constructor: { display: true } } } : {}),
  });

describe('a field named constructor (an Object.prototype member)', () => {
  it('is defined like any other field', () => {
    const text = task('string');
    expect(text.fieldNames).toEqual(['sys_id', 'name', 'constructor']);
    expect(text.columns.map((column) => column.name)).toEqual(['sys_id', 'name', 'constructor']);
    const reference = task('reference');
    expect(reference.displayFields).toEqual(['constructor']);
    expect(reference.displayPaths).toEqual({ constructor: 'constructor.name' });
    expect(reference.fieldNames).toEqual(['sys_id', 'name', 'constructor', 'constructor.name']);
  });

  it('is not found on a task that lacks it', () => {
    const base = { name: 't', table: 'sys_user', fields: { name: fields.string() } };
    expect(() => defineTask({ ...base, references: { constructor: { display: true } } })).toThrow(
      /references.constructor: "constructor" is not a field of the task/,
    );
    expect(() => defineTask({ ...base, window: 'constructor' })).toThrow(
      /window: "constructor" is not a field of the task/,
    );
    expect(() => defineTask({ ...base, window: 'constructor.sys_created_on' })).toThrow(
      /walks through "constructor", which is not a reference field/,
    );
  });

  it('decodes a record that has it, and one that lacks it', () => {
    const id = 'a'.repeat(32);
    expect(decodeRecord(task('string'), { sys_id: id, name: 'x', constructor: 'c' })).toEqual({
      sys_id: id,
      name: 'x',
      constructor: 'c',
    });
    expect(decodeRecord(task('string'), { sys_id: id, name: 'x' })).toEqual({
      sys_id: id,
      name: 'x',
      constructor: null,
    });
    const ref = 'b'.repeat(32);
    expect(
      decodeRecord(task('reference'), {
        sys_id: id,
        name: 'x',
        constructor: ref,
        'constructor.name': 'Ada',
      }),
    ).toEqual({ sys_id: id, name: 'x', constructor: ref, constructor_display: 'Ada' });
    expect(decodeRecord(task('reference'), { sys_id: id, name: 'x' })).toEqual({
      sys_id: id,
      name: 'x',
      constructor: null,
      constructor_display: null,
    });
  });

  it('syncs from the instance into the database (older records without it hold null)', async () => {
    mock.data.addField('sys_user', { name: 'constructor', type: 'string', maxLength: 40 });
    mock.data.addField('sys_user_group', {
      name: 'constructor',
      type: 'reference',
      reference: 'sys_user',
    });
    const user = [...mock.data.rows('sys_user')][0];
    const group = [...mock.data.rows('sys_user_group')][0];
    if (user === undefined || group === undefined) throw new Error('the mock has no rows');
    mock.data.update('sys_user', String(user.sys_id), { constructor: 'built' });
    mock.data.update('sys_user_group', String(group.sys_id), {
      constructor: String(user.sys_id),
    });
    const db = freshDb();
    const result = await runTasks([task('string'), task('reference')], {
      client,
      ...connectDatabase(db),
    });
    expect(result.status).toBe('success');
    expect(Object.values(result.tasks).map((t) => t.recordsRejected)).toEqual([0, 0]);
    const users = await db.selectFrom('proto_string').selectAll().execute();
    expect(users).toHaveLength(mock.data.count('sys_user'));
    expect(users.find((row) => row.sys_id === user.sys_id)?.constructor).toBe('built');
    expect(users.filter((row) => row.constructor === null)).toHaveLength(users.length - 1);
    const groups = await db.selectFrom('proto_reference').selectAll().execute();
    expect(groups).toHaveLength(mock.data.count('sys_user_group'));
    expect(groups.find((row) => row.sys_id === group.sys_id)).toMatchObject({
      constructor: user.sys_id,
      constructor_display: user.name,
    });
  });
});
