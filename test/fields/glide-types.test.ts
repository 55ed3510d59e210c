/**
 * The glide type mapping: every internal type has a codec that reads what the Table API (and
 * the mock) sends, unknown types fall back to text and say so, strings follow max_length.
 */
import { describe, expect, it } from 'vitest';
import {
  type FieldCodec,
  FieldValueError,
  fields,
  GLIDE_TYPES,
  glideCodec,
  glideFields,
  glideTypeInfo,
  MYSQL_SHORT_STRING,
  SQL_DIALECTS,
} from '../../src/fields/index.js';
import { SAMPLES } from './glide-samples.js';

describe('glideCodec', () => {
  it.each(SAMPLES)('%s reads what the Table API sends', (type, extras, sent, decoded) => {
    const { codec, fallback } = glideCodec({ internalType: type, ...extras });
    expect(fallback).toBe(false);
    expect(codec.parse(sent)).toEqual(decoded);
    expect(codec.parse('')).toBeNull();
    for (const dialect of SQL_DIALECTS)
      expect(codec.sqlType[dialect]).toMatch(/^[A-Za-z][A-Za-z0-9 ()]*$/);
  });

  it('covers every type the issue lists, and GLIDE_TYPES lists each once', () => {
    const listed = GLIDE_TYPES.flatMap((info) => info.types);
    expect(new Set(listed).size).toBe(listed.length);
    for (const [type] of SAMPLES) expect(listed).toContain(type);
    for (const info of GLIDE_TYPES) expect(glideTypeInfo(info.types[0] ?? '')).toBe(info);
  });

  it('falls back to text for an unknown type, and reports it', () => {
    const mapping = glideCodec({ internalType: 'u_rating_stars', maxLength: 40 });
    expect(mapping).toEqual({ codec: fields.string(), fallback: true });
    expect(mapping.codec.parse('****')).toBe('****');
    expect(glideTypeInfo('u_rating_stars').value).toContain('fallback');
  });

  it('bounds short strings and choices by max_length (VARCHAR on MySQL), longer ones are text', () => {
    const short = glideCodec({ internalType: 'string', maxLength: 40 }).codec;
    expect(short.sqlType).toEqual({ sqlite: 'TEXT', postgres: 'text', mysql: 'VARCHAR(40)' });
    // max_length sizes the column only: a longer value is read (the sink widens the column).
    expect(short.parse('x'.repeat(41))).toBe('x'.repeat(41));
    const limit = glideCodec({ internalType: 'string', maxLength: MYSQL_SHORT_STRING }).codec;
    expect(limit.sqlType.mysql).toBe(`VARCHAR(${MYSQL_SHORT_STRING})`);
    const long = glideCodec({ internalType: 'string', maxLength: 4000 }).codec;
    expect(long).toBe(fields.string());
    expect(glideCodec({ internalType: 'string' }).codec).toBe(fields.string());
    const choice = glideCodec({ internalType: 'choice', maxLength: 40 }).codec;
    expect([choice.kind, choice.sqlType.mysql]).toEqual(['choice', 'VARCHAR(40)']);
    expect(choice.parse('y'.repeat(41))).toBe('y'.repeat(41));
    // the row budget's long form
    expect(glideCodec({ internalType: 'string', maxLength: 40 }, { longText: true }).codec).toBe(
      fields.string(),
    );
    const ref = glideCodec(
      { internalType: 'reference', reference: 'sys_user' },
      { longText: true },
    );
    expect([ref.codec.kind, ref.codec.referenceTable, ref.codec.sqlType.mysql]).toEqual([
      'reference',
      'sys_user',
      'LONGTEXT',
    ]);
  });

  it('reads references of unknown tables as key text, domains as references', () => {
    const noTable = glideCodec({ internalType: 'reference' }).codec;
    expect([noTable.kind, noTable.sqlType.mysql]).toEqual(['string', 'VARCHAR(255)']);
    expect(glideCodec({ internalType: 'domain_id' }).codec.referenceTable).toBe('sys_user_group');
  });
});

describe('glideFields', () => {
  const rejects = (codec: FieldCodec, raw: string) =>
    expect(() => codec.parse(raw)).toThrow(FieldValueError);

  it('currency: the amount, and the code in the companion column', () => {
    const currency = glideFields.currency();
    expect(currency.companion?.suffix).toBe('_currency');
    expect(currency.companion?.read('USD;12.50')).toBe('USD');
    expect(currency.companion?.read('eur;3')).toBe('EUR');
    expect(currency.companion?.read('12.50')).toBeNull();
    expect(currency.parse('EUR;-3.5')).toBe(-3.5);
    rejects(currency, '$12.50');
    rejects(currency, '1,234.00');
    rejects(currency, 'USD;');
  });

  it('time: 1970-01-01 HH:MM:SS (or HH:MM:SS) to HH:MM:SS, and back', () => {
    const time = glideFields.time();
    expect(time.parse('23:59:59')).toBe('23:59:59');
    expect(time.format('08:30:05')).toBe('1970-01-01 08:30:05');
    expect(time.sqlType).toEqual({ sqlite: 'TEXT', postgres: 'time', mysql: 'TIME' });
    rejects(time, '1970-01-02 08:30:05');
    rejects(time, '24:00:00');
    rejects(time, '8:30');
  });

  it('choice(maxLength) checks its length like fields.string', () => {
    expect(() => glideFields.choice(0)).toThrow(/maxLength/);
    expect(glideFields.choice(40)).toBe(glideFields.choice(40));
  });
});
