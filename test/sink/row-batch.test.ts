import { describe, expect, it } from 'vitest';
import { bindValue, UnsupportedValue } from '../../src/sink/dialect-sql.js';
import { dedupe, keysOf } from '../../src/sink/row-batch.js';
import { SinkError } from '../../src/sink/sink-error.js';

describe('keysOf', () => {
  it('finds every key of rows with different shapes', () => {
    expect(
      keysOf([
        { sys_id: 'a', x: 1 },
        { sys_id: 'b', x: 2 },
        { sys_id: 'c', x: 3, y: 4 },
        { x: 5, sys_id: 'd' },
        { sys_id: 'e' },
        { sys_id: 'f', z: null },
        { sys_id: 'g', z: null },
      ]),
    ).toEqual(['sys_id', 'x', 'y', 'z']);
    expect(keysOf([])).toEqual([]);
  });
});

describe('dedupe', () => {
  it('keeps the last row of each sys_id', () => {
    const rows = [
      { sys_id: 'a', n: 1 },
      { sys_id: 'b', n: 2 },
      { sys_id: 'a', n: 3 },
    ];
    expect(dedupe('t', rows)).toEqual([
      { sys_id: 'a', n: 3 },
      { sys_id: 'b', n: 2 },
    ]);
  });
  it('refuses a row without a sys_id string', () => {
    expect(() => dedupe('t', [{ sys_id: '' }])).toThrow(SinkError);
    expect(() => dedupe('t', [{ sys_id: 5 }])).toThrow(/no sys_id/);
  });
});

describe('bindValue', () => {
  it('binds booleans and date-times per dialect', () => {
    const at = new Date('2016-12-12T15:19:57.999Z');
    expect(bindValue('sqlite', true)).toBe(1);
    expect(bindValue('mysql', false)).toBe(0);
    expect(bindValue('postgres', true)).toBe(true);
    for (const dialect of ['sqlite', 'postgres', 'mysql'] as const) {
      expect(bindValue(dialect, at)).toBe('2016-12-12 15:19:57');
      expect(bindValue(dialect, undefined)).toBeNull();
    }
    expect(bindValue('sqlite', new Date('0999-01-02T03:04:05Z'))).toBe('0999-01-02 03:04:05');
  });
  it('refuses values it cannot store', () => {
    expect(bindValue('sqlite', Number.NaN)).toBeInstanceOf(UnsupportedValue);
    expect(bindValue('postgres', Number.POSITIVE_INFINITY)).toBeInstanceOf(UnsupportedValue);
    expect(bindValue('mysql', new Date(Number.NaN))).toBeInstanceOf(UnsupportedValue);
    expect(bindValue('mysql', new Date('+010000-01-01T00:00:00Z'))).toBeInstanceOf(
      UnsupportedValue,
    );
    expect(bindValue('sqlite', { a: 1 } as never)).toBeInstanceOf(UnsupportedValue);
  });
});
