/**
 * What each adapter calls the same, wider or different, the bytes MySQL counts in a row, and the
 * shortening of names too long for a database.
 */
import { describe, expect, it } from 'vitest';
import {
  adapterFor,
  mysqlAdapter,
  postgresAdapter,
  shortIdentifier,
  sqliteAdapter,
} from '../../src/database/index.js';
import { MYSQL_MAX_ROW_BYTES, mysqlRowBytes } from '../../src/database/mysql-column-types.js';
import { fields, SQL_DIALECTS } from '../../src/fields/index.js';

describe('compareTypes', () => {
  it('MySQL: the server spelling of every codec type is the same type', () => {
    const spelled: Record<string, string> = {
      LONGTEXT: 'longtext',
      'VARCHAR(40)': 'varchar(40)',
      'VARCHAR(255)': 'varchar(255)',
      BIGINT: 'bigint(20)',
      BOOLEAN: 'tinyint(1)',
      DOUBLE: 'double',
      DATETIME: 'datetime',
      DATE: 'date',
      'DECIMAL(20,6)': 'decimal(20,6)',
    };
    for (const [wanted, existing] of Object.entries(spelled)) {
      expect(mysqlAdapter.compareTypes(existing, wanted), wanted).toBe('same');
    }
  });

  it('MySQL: text types widen by the characters they hold, nothing else does', () => {
    const c = mysqlAdapter.compareTypes;
    expect(c('varchar(40)', 'VARCHAR(100)')).toBe('wider');
    expect(c('varchar(100)', 'LONGTEXT')).toBe('wider');
    expect(c('varchar(100)', 'TEXT')).toBe('wider');
    expect(c('text', 'MEDIUMTEXT')).toBe('wider');
    expect(c('varchar(100)', 'VARCHAR(40)')).toBe('narrower');
    expect(c('longtext', 'VARCHAR(40)')).toBe('narrower');
    expect(c('bigint(20)', 'LONGTEXT')).toBe('different');
    expect(c('tinyint(1)', 'BIGINT')).toBe('different');
    expect(c('int(11)', 'BIGINT')).toBe('different');
    expect(c('datetime', 'DATE')).toBe('different');
  });

  it('PostgreSQL: format_type spellings are the same type; varchar widens to text', () => {
    const c = postgresAdapter.compareTypes;
    expect(c('timestamp without time zone', 'timestamp')).toBe('same');
    expect(c('double precision', 'double precision')).toBe('same');
    expect(c('character varying(255)', 'varchar(255)')).toBe('same');
    expect(c('numeric(20,6)', 'decimal(20,6)')).toBe('same');
    expect(c('character varying(40)', 'text')).toBe('wider');
    expect(c('character varying(40)', 'varchar(80)')).toBe('wider');
    expect(c('text', 'varchar(80)')).toBe('narrower');
    expect(c('bigint', 'text')).toBe('different');
    expect(c('date', 'timestamp')).toBe('different');
  });

  it('SQLite: a declared type is the same whatever its case, never wider', () => {
    expect(sqliteAdapter.compareTypes('text', 'TEXT')).toBe('same');
    expect(sqliteAdapter.compareTypes('INTEGER', 'TEXT')).toBe('different');
    expect(() => sqliteAdapter.widenColumnSql('t', { name: 'c', type: 'TEXT' })).toThrow(/t/);
  });

  it('every codec type compares as the same with itself in every dialect', () => {
    const codecs = [
      fields.string(),
      fields.string({ maxLength: 80 }),
      fields.integer(),
      fields.decimal(),
      fields.boolean(),
      fields.dateTime(),
      fields.date(),
      fields.duration(),
      fields.reference('sys_user'),
      fields.choice(),
    ];
    for (const dialect of SQL_DIALECTS) {
      const adapter = adapterFor(dialect);
      for (const codec of codecs) {
        const type = adapter.columnType(codec.sqlType);
        expect(adapter.compareTypes(type, type), `${dialect} ${type}`).toBe('same');
      }
    }
  });
});

describe('MySQL row size', () => {
  it('counts varchar bytes in utf8mb4 with their length prefix, TEXT by its pointer', () => {
    expect(mysqlRowBytes([{ name: 'a', type: 'VARCHAR(40)' }])).toBe(1 + 161);
    expect(mysqlRowBytes([{ name: 'a', type: 'VARCHAR(100)' }])).toBe(1 + 402);
    expect(mysqlRowBytes([{ name: 'a', type: 'LONGTEXT' }])).toBe(1 + 12);
    expect(
      mysqlRowBytes([
        { name: 'a', type: 'BIGINT' },
        { name: 'b', type: 'DATETIME' },
      ]),
    ).toBe(1 + 8 + 8);
    expect(mysqlRowBytes([{ name: 'a', type: 'DECIMAL(20,6)' }])).toBe(1 + 7 + 3);
  });

  it('says when a table would exceed the 65,535-byte limit', () => {
    const columns = (n: number, type: string) =>
      Array.from({ length: n }, (_, i) => ({ name: `c${i}`, type }));
    expect(mysqlAdapter.rowSizeProblem(columns(200, 'LONGTEXT'))).toBeUndefined();
    expect(mysqlAdapter.rowSizeProblem(columns(60, 'VARCHAR(255)'))).toBeUndefined();
    expect(mysqlRowBytes(columns(70, 'VARCHAR(255)'))).toBeGreaterThan(MYSQL_MAX_ROW_BYTES);
    expect(mysqlAdapter.rowSizeProblem(columns(70, 'VARCHAR(255)'))).toMatch(
      /70 columns declare rows of \d+ bytes, more than MySQL's 65535-byte row limit/,
    );
    expect(postgresAdapter.rowSizeProblem(columns(70, 'text'))).toBeUndefined();
  });
});

describe('shortIdentifier', () => {
  const long = `u_${'custom_field_of_a_scoped_application_'.repeat(3)}display`;

  it('keeps a name that fits, shortens one that does not to exactly the limit', () => {
    expect(shortIdentifier('short_description', 63)).toBe('short_description');
    expect(shortIdentifier('a'.repeat(63), 63)).toBe('a'.repeat(63));
    const short = shortIdentifier(long, 63);
    expect(short).toHaveLength(63);
    expect(short.startsWith(long.slice(0, 54))).toBe(true);
    expect(short).toMatch(/_[0-9a-f]{8}$/);
    expect(shortIdentifier(long, 64)).toHaveLength(64);
    expect(shortIdentifier(long, Number.POSITIVE_INFINITY)).toBe(long);
  });

  it('is deterministic, and names sharing a start get different short names', () => {
    expect(shortIdentifier(long, 63)).toBe(shortIdentifier(long, 63));
    expect(shortIdentifier(`${long}_a`, 63)).not.toBe(shortIdentifier(`${long}_b`, 63));
  });

  it('the adapters say their limits', () => {
    expect(
      [postgresAdapter, mysqlAdapter, sqliteAdapter].map((a) => a.maxIdentifierLength),
    ).toEqual([63, 64, Number.POSITIVE_INFINITY]);
  });
});
