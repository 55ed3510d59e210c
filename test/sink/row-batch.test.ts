import { describe, expect, it } from 'vitest';
import { adapterFor, bindValue, UnsupportedValue } from '../../src/database/index.js';
import { bindChunks } from '../../src/sink/multi-row-path.js';
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
    expect(bindValue(adapterFor('sqlite'), true)).toBe(1);
    expect(bindValue(adapterFor('mysql'), false)).toBe(0);
    expect(bindValue(adapterFor('postgres'), true)).toBe(true);
    for (const dialect of ['sqlite', 'postgres', 'mysql'] as const) {
      expect(bindValue(adapterFor(dialect), at)).toBe('2016-12-12 15:19:57');
      expect(bindValue(adapterFor(dialect), undefined)).toBeNull();
    }
    expect(bindValue(adapterFor('sqlite'), new Date('0999-01-02T03:04:05Z'))).toBe(
      '0999-01-02 03:04:05',
    );
  });
  it('refuses values it cannot store', () => {
    expect(bindValue(adapterFor('sqlite'), Number.NaN)).toBeInstanceOf(UnsupportedValue);
    expect(bindValue(adapterFor('postgres'), Number.POSITIVE_INFINITY)).toBeInstanceOf(
      UnsupportedValue,
    );
    expect(bindValue(adapterFor('mysql'), new Date(Number.NaN))).toBeInstanceOf(UnsupportedValue);
    expect(bindValue(adapterFor('mysql'), new Date('+010000-01-01T00:00:00Z'))).toBeInstanceOf(
      UnsupportedValue,
    );
    expect(bindValue(adapterFor('sqlite'), { a: 1 } as never)).toBeInstanceOf(UnsupportedValue);
  });
});

describe('bindChunks', () => {
  const columns = ['sys_id', 'text', 'flag'];
  const rows = Array.from({ length: 7 }, (_, i) => ({
    sys_id: `k${i}`,
    text: 'x'.repeat(i === 3 ? 100 : 10),
    flag: i % 2 === 0,
  }));

  it('binds rows into flat parameter lists, in order, within the parameter limit', () => {
    const chunks = bindChunks(adapterFor('postgres'), 't', columns, rows, Number.POSITIVE_INFINITY);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.rows).toBe(7);
    expect(chunks[0]?.parameters).toHaveLength(21);
    expect(chunks[0]?.parameters.slice(0, 6)).toEqual([
      'k0',
      'x'.repeat(10),
      true,
      'k1',
      'x'.repeat(10),
      false,
    ]);
    // SQLite: 1 and 0 for booleans; 200 rows per statement at most.
    const many = Array.from({ length: 450 }, (_, i) => ({
      sys_id: `m${i}`,
      text: null,
      flag: true,
    }));
    const sqlite = bindChunks(adapterFor('sqlite'), 't', columns, many, Number.POSITIVE_INFINITY);
    expect(sqlite.map((chunk) => chunk.rows)).toEqual([200, 200, 50]);
    expect(sqlite.map((chunk) => chunk.parameters.length)).toEqual([600, 600, 150]);
    expect(sqlite[2]?.parameters.slice(-3)).toEqual(['m449', null, 1]);
  });

  it('starts a new statement when the size budget would be exceeded, never splitting a row', () => {
    // Strings count 3 bytes a character plus 3; other values 24: a row is 9 + 33 + 24 = 66 bytes,
    // 336 with the long one (alone in its statement, over budget: a row is never split).
    const chunks = bindChunks(adapterFor('mysql'), 't', columns, rows, 200);
    expect(chunks.map((chunk) => chunk.rows)).toEqual([3, 1, 3]);
    expect(chunks.flatMap((chunk) => chunk.parameters)).toEqual(
      rows.flatMap((row) => [row.sys_id, row.text, row.flag ? 1 : 0]),
    );
    for (const chunk of chunks) expect(chunk.parameters).toHaveLength(chunk.rows * 3);
  });

  it('refuses a value it cannot store', () => {
    expect(() =>
      bindChunks(
        adapterFor('sqlite'),
        't',
        columns,
        [{ sys_id: 'a', text: { no: 1 } as never }],
        1000,
      ),
    ).toThrow(SinkError);
  });
});
