/**
 * Issue 21, items 2 and 5: the rules behind bad rows, the same on every database. A string holding
 * NUL cannot be bound (PostgreSQL cannot store it, so no database gets it); a lone surrogate is
 * bound as U+FFFD; a reference sent as a JSON number or boolean is refused by the decoder; each
 * adapter tells a row's fault from any other database error.
 */
import { describe, expect, it } from 'vitest';
import {
  bindValue,
  mysqlAdapter,
  postgresAdapter,
  sqliteAdapter,
  UnsupportedValue,
} from '../../src/database/index.js';
import { fields } from '../../src/fields/index.js';
import { decodeRecord, defineTask, RecordRejectedError } from '../../src/tasks/index.js';

const adapters = [sqliteAdapter, postgresAdapter, mysqlAdapter];

describe('string values, on every database', () => {
  it('refuses a string holding NUL, naming the reason', () => {
    for (const adapter of adapters) {
      const bound = bindValue(adapter, 'a\u0000b');
      expect(bound).toBeInstanceOf(UnsupportedValue);
      expect((bound as UnsupportedValue).reason).toMatch(/NUL character \(U\+0000\)/);
    }
  });

  it('binds a lone surrogate as U+FFFD and keeps surrogate pairs', () => {
    for (const adapter of adapters) {
      expect(bindValue(adapter, 'x\ud800y')).toBe('x\ufffdy');
      expect(bindValue(adapter, 'x\udc00')).toBe('x\ufffd');
      expect(bindValue(adapter, '\udc00\ud800')).toBe('\ufffd\ufffd');
      expect(bindValue(adapter, 'smile \ud83d\ude00')).toBe('smile \ud83d\ude00');
      expect(bindValue(adapter, 'plain')).toBe('plain');
    }
  });
});

describe('reference values sent as JSON numbers or booleans', () => {
  const task = defineTask({
    name: 'refs',
    table: 'incident',
    fields: { assigned_to: fields.reference('sys_user') },
  });
  const sysId = '0'.repeat(32);

  it.each([42, true, { value: 42 }, { value: false, display_value: 'x' }])(
    'rejects %j as not a sys_id',
    (cell) => {
      const decode = () => decodeRecord(task, { sys_id: sysId, assigned_to: cell });
      expect(decode).toThrow(RecordRejectedError);
      expect(decode).toThrow(/field "assigned_to" is not a sys_id/);
    },
  );

  it('reads text references and empty ones as before', () => {
    expect(decodeRecord(task, { sys_id: sysId, assigned_to: 'abc' }).assigned_to).toBe('abc');
    expect(decodeRecord(task, { sys_id: sysId, assigned_to: { value: '' } }).assigned_to).toBe(
      null,
    );
    expect(decodeRecord(task, { sys_id: sysId, assigned_to: null }).assigned_to).toBe(null);
  });
});

describe('SqlAdapter.rowFault', () => {
  const error = (message: string, extra: Record<string, unknown>) =>
    Object.assign(new Error(message), extra);

  it('PostgreSQL: data exceptions and constraint violations, not unique ones or others', () => {
    const nul = error('invalid byte sequence for encoding "UTF8": 0x00', { code: '22021' });
    expect(postgresAdapter.rowFault(nul)).toEqual({ column: undefined, reason: nul.message });
    const notNull = error('null value in column "name" violates not-null constraint', {
      code: '23502',
      column: 'name',
    });
    expect(postgresAdapter.rowFault(notNull)?.column).toBe('name');
    expect(postgresAdapter.rowFault(new Error('wrapped', { cause: nul }))).toBeDefined();
    expect(postgresAdapter.rowFault(error('duplicate key', { code: '23505' }))).toBeUndefined();
    expect(postgresAdapter.rowFault(error('terminated', { code: '57P01' }))).toBeUndefined();
    expect(postgresAdapter.rowFault(error('raised', { code: 'P0001' }))).toBeUndefined();
  });

  it('MySQL/MariaDB: bad values and failed constraints by error number, the column quoted', () => {
    const long = error("Data too long for column 'sys_id' at row 1", { errno: 1406 });
    expect(mysqlAdapter.rowFault(long)?.column).toBe('sys_id');
    expect(mysqlAdapter.rowFault(error('CONSTRAINT `c` failed', { errno: 4025 }))).toEqual({
      column: undefined,
      reason: 'CONSTRAINT `c` failed',
    });
    expect(mysqlAdapter.rowFault(error('Duplicate entry', { errno: 1062 }))).toBeUndefined();
    expect(mysqlAdapter.rowFault(error('signal', { errno: 1644 }))).toBeUndefined();
    expect(mysqlAdapter.rowFault(error('gone away', { code: 'ECONNRESET' }))).toBeUndefined();
  });

  it('SQLite: constraints a row breaks, not unique ones or a trigger raising', () => {
    const notNull = error('NOT NULL constraint failed: t.name', {
      code: 'SQLITE_CONSTRAINT_NOTNULL',
    });
    expect(sqliteAdapter.rowFault(notNull)?.column).toBe('name');
    expect(
      sqliteAdapter.rowFault(
        error('CHECK constraint failed: c', { code: 'SQLITE_CONSTRAINT_CHECK' }),
      ),
    ).toBeDefined();
    expect(
      sqliteAdapter.rowFault(error('x', { code: 'SQLITE_CONSTRAINT_UNIQUE' })),
    ).toBeUndefined();
    expect(
      sqliteAdapter.rowFault(error('x', { code: 'SQLITE_CONSTRAINT_TRIGGER' })),
    ).toBeUndefined();
    expect(sqliteAdapter.rowFault(error('locked', { code: 'SQLITE_BUSY' }))).toBeUndefined();
  });
});
