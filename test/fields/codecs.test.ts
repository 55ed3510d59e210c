import { describe, expect, it } from 'vitest';
import { ConfigurationError, ServiceNowError } from '../../src/core/errors.js';
import {
  codecFromName,
  type FieldCodec,
  type FieldInput,
  FieldValueError,
  fields,
  isFieldCodec,
  SQL_DIALECTS,
} from '../../src/fields/index.js';

function rejects(codec: FieldCodec, raw: FieldInput): FieldValueError {
  try {
    codec.parse(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(FieldValueError);
    return error as FieldValueError;
  }
  throw new Error(`${JSON.stringify(raw)} was accepted`);
}

const all: Record<string, FieldCodec> = {
  string: fields.string(),
  integer: fields.integer(),
  decimal: fields.decimal(),
  boolean: fields.boolean(),
  dateTime: fields.dateTime(),
  date: fields.date(),
  duration: fields.duration(),
  reference: fields.reference('sys_user'),
  choice: fields.choice(),
  list: fields.list(),
};

describe('every codec', () => {
  it.each(Object.entries(all))(
    '%s reads "" as null, formats null as "" and has a SQL type per dialect',
    (_, codec) => {
      expect(codec.parse('')).toBeNull();
      expect(codec.format(null)).toBe('');
      expect(codec.schema.parse('')).toBeNull();
      for (const dialect of SQL_DIALECTS)
        expect(codec.sqlType[dialect]).toMatch(/^[A-Za-z][A-Za-z0-9 ()]*$/);
      expect(isFieldCodec(codec)).toBe(true);
      expect(Object.isFrozen(codec)).toBe(true);
    },
  );
});

describe('fields.string / choice / list', () => {
  it('keeps text exactly, whatever it holds', () => {
    const text = 'Unable to connect\n"quoted" \\ 🚀 中文 \'; DROP TABLE incident; --';
    expect(fields.string().parse(text)).toBe(text);
    expect(fields.choice().parse('7')).toBe('7');
    expect(fields.choice().parse('self-service')).toBe('self-service');
    expect(fields.list().parse('a1,b2')).toBe('a1,b2');
  });
});

describe('fields.integer', () => {
  it('reads ServiceNow integers', () => {
    expect(fields.integer().parse('2')).toBe(2);
    expect(fields.integer().parse('102197')).toBe(102197);
    expect(fields.integer().parse('-3')).toBe(-3);
    expect(fields.integer().parse('0')).toBe(0);
  });
  it.each(['102,197', '1.5', ' 2', '2 ', '+2', '1e3', 'abc', '9007199254740993', '0x10'])(
    'rejects %j',
    (raw) => {
      const error = rejects(fields.integer(), raw);
      expect(error.value).toBe(raw);
      expect(error.message).toContain(JSON.stringify(raw));
    },
  );
});

describe('fields.decimal', () => {
  it('reads decimal strings', () => {
    expect(fields.decimal().parse('1.0000')).toBe(1);
    expect(fields.decimal().parse('-2.5')).toBe(-2.5);
    expect(fields.decimal().parse('.5')).toBe(0.5);
    expect(fields.decimal().parse('1e3')).toBe(1000);
    expect(fields.decimal().parse('104.56')).toBe(104.56);
  });
  it.each(['1,5', '1,234.5', 'NaN', 'Infinity', 'abc', '1.2.3', '1e999'])('rejects %j', (raw) => {
    rejects(fields.decimal(), raw);
  });
});

describe('fields.boolean', () => {
  it('reads true/false and 1/0', () => {
    expect(fields.boolean().parse('true')).toBe(true);
    expect(fields.boolean().parse('false')).toBe(false);
    expect(fields.boolean().parse('1')).toBe(true);
    expect(fields.boolean().parse('0')).toBe(false);
    expect(fields.boolean().format(true)).toBe('true');
  });
  it.each(['True', 'yes', 'Yes', 'no', 'on', '2'])('rejects %j', (raw) => {
    rejects(fields.boolean(), raw);
  });
});

describe('fields.dateTime', () => {
  it('reads UTC date-times into Dates', () => {
    const date = fields.dateTime().parse('2016-12-12 15:19:57');
    expect(date).toBeInstanceOf(Date);
    expect(date?.toISOString()).toBe('2016-12-12T15:19:57.000Z');
    expect(fields.dateTime().parse('2024-02-29 23:59:59')?.toISOString()).toBe(
      '2024-02-29T23:59:59.000Z',
    );
  });
  it('formats back to ServiceNow text', () => {
    expect(fields.dateTime().format(new Date(Date.UTC(2016, 11, 12, 15, 19, 57, 999)))).toBe(
      '2016-12-12 15:19:57',
    );
  });
  it.each([
    'UNKNOWN',
    '2016-12-12T15:19:57',
    '2016-12-12T15:19:57Z',
    '2016-12-12',
    '2016-02-30 00:00:00',
    '2023-02-29 00:00:00',
    '2016-12-12 24:00:00',
    '2016-12-12 23:60:00',
    '2016-13-01 00:00:00',
    '12/12/2016 07:19:57',
    '2016-12-12 15:19:57.123',
  ])('rejects %j', (raw) => {
    rejects(fields.dateTime(), raw);
  });
});

describe('fields.date', () => {
  it('keeps real days as YYYY-MM-DD', () => {
    expect(fields.date().parse('2019-04-05')).toBe('2019-04-05');
    expect(fields.date().parse('2020-02-29')).toBe('2020-02-29');
  });
  it.each(['13/08/2026', '2019-02-29', '2019-4-5', '2019-04-05 00:00:00', 'UNKNOWN'])(
    'rejects %j',
    (raw) => {
      rejects(fields.date(), raw);
    },
  );
});

describe('fields.duration', () => {
  it('reads epoch-offset durations as whole seconds', () => {
    // servicenow-api.md 2.1: business_duration 08:00:00 = business_stc 28800, calendar 1970-01-02 04:23:17 = 102197
    expect(fields.duration().parse('1970-01-01 08:00:00')).toBe(28_800);
    expect(fields.duration().parse('1970-01-02 04:23:17')).toBe(102_197);
    expect(fields.duration().parse('1970-01-01 00:00:00')).toBe(0);
    // 40 days run past January
    expect(fields.duration().parse('1970-02-10 00:00:00')).toBe(40 * 86_400);
  });
  it('reads a plain count of seconds', () => {
    expect(fields.duration().parse('28800')).toBe(28_800);
  });
  it('formats back to the epoch form', () => {
    expect(fields.duration().format(102_197)).toBe('1970-01-02 04:23:17');
  });
  it.each(['1969-12-31 23:59:59', '-5', '1 Day 4 Hours 23 Minutes', '8 Hours', '08:00:00', '1.5'])(
    'rejects %j',
    (raw) => {
      rejects(fields.duration(), raw);
    },
  );
});

describe('fields.reference', () => {
  it('keeps the referenced sys_id, hex or not', () => {
    const ref = fields.reference('sys_user_group');
    expect(ref.referenceTable).toBe('sys_user_group');
    expect(ref.parse('287ebd7da9fe198100f92cc8d1d2154e')).toBe('287ebd7da9fe198100f92cc8d1d2154e');
    expect(ref.parse('global')).toBe('global');
    expect(ref.sqlType.mysql).toBe('VARCHAR(255)');
  });
  it('refuses a bad table name', () => {
    expect(() => fields.reference('Sys User')).toThrow(ConfigurationError);
    expect(() => fields.reference('')).toThrow(ConfigurationError);
  });
});

describe('zod schemas', () => {
  it('decode and encode through the codec', () => {
    const schema = fields.dateTime().schema;
    const decoded = schema.decode('2016-12-12 15:19:57');
    expect(decoded).toEqual(new Date(Date.UTC(2016, 11, 12, 15, 19, 57)));
    expect(schema.encode(decoded)).toBe('2016-12-12 15:19:57');
    expect(fields.duration().schema.decode('1970-01-01 08:00:00')).toBe(28_800);
  });
  it('reports a bad value as a zod issue naming it', () => {
    const result = fields.integer().schema.safeParse('102,197');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('"102,197"');
  });
});

describe('codecFromName', () => {
  it('maps shorthands to codecs', () => {
    expect(codecFromName('dateTime')).toBe(fields.dateTime());
    expect(codecFromName('reference:core_company')?.referenceTable).toBe('core_company');
    expect(codecFromName('datetime')).toBeUndefined();
    expect(codecFromName('reference:')).toBeUndefined();
  });
});

describe('FieldValueError', () => {
  it('is a ServiceNowError that truncates long values', () => {
    const error = rejects(fields.integer(), 'x'.repeat(5000));
    expect(error).toBeInstanceOf(ServiceNowError);
    expect(error.code).toBe('INVALID_FIELD_VALUE');
    expect(error.value.length).toBeLessThanOrEqual(201);
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('every value shape the Table API sends', () => {
  // One valid raw value per codec, and what it parses to.
  const samples: Record<string, { raw: string; parsed: unknown; shown: string }> = {
    string: { raw: 'Email server down', parsed: 'Email server down', shown: 'Email server down' },
    integer: { raw: '1234', parsed: 1234, shown: '1,234' },
    decimal: { raw: '104.5', parsed: 104.5, shown: '104.50' },
    boolean: { raw: 'true', parsed: true, shown: 'true' },
    dateTime: {
      raw: '2016-12-12 15:19:57',
      parsed: new Date(Date.UTC(2016, 11, 12, 15, 19, 57)),
      shown: '12/12/2016 07:19:57',
    },
    date: { raw: '2019-04-05', parsed: '2019-04-05', shown: '05/04/2019' },
    duration: { raw: '1970-01-02 04:23:17', parsed: 102_197, shown: '1 Day 4 Hours 23 Minutes' },
    reference: {
      raw: '46d44a23a9fe19810012d100cca80666',
      parsed: '46d44a23a9fe19810012d100cca80666',
      shown: 'Beth Anglin',
    },
    choice: { raw: '7', parsed: '7', shown: 'Closed' },
    list: { raw: 'a1,b2', parsed: 'a1,b2', shown: 'Alpha, Beta' },
  };
  const link =
    'https://acme.service-now.com/api/now/table/sys_user/46d44a23a9fe19810012d100cca80666';

  describe.each(Object.entries(all))('%s', (name, codec) => {
    const sample = samples[name]!;
    it('reads a plain string', () => {
      expect(codec.parse(sample.raw)).toEqual(sample.parsed);
    });
    it('reads the value of { value, link }', () => {
      expect(codec.parse({ value: sample.raw, link })).toEqual(sample.parsed);
      expect(codec.parse({ value: sample.raw })).toEqual(sample.parsed);
    });
    it('reads the value of { display_value, value, link }, never the display value', () => {
      expect(codec.parse({ display_value: sample.shown, value: sample.raw, link })).toEqual(
        sample.parsed,
      );
      expect(codec.parse({ display_value: sample.shown, value: sample.raw })).toEqual(
        sample.parsed,
      );
      expect(codec.schema.decode({ display_value: sample.shown, value: sample.raw })).toEqual(
        sample.parsed,
      );
    });
    it('reads an empty value in any shape as null', () => {
      expect(codec.parse({ value: '', link: '' })).toBeNull();
      expect(codec.parse({ display_value: '', value: '' })).toBeNull();
    });
    it.each([
      [{ display_value: sample.shown }, 'an object with keys display_value and no "value"'],
      [
        { display_value: sample.shown, link },
        'an object with keys display_value, link and no "value"',
      ],
      [{ value: 5 }, 'an object with keys value whose "value" is a number'],
      [{ value: null, link }, 'an object with keys value, link whose "value" is null'],
      [{}, 'an empty object'],
      [[sample.raw], 'an array'],
      [42, 'a number'],
      [null, 'null'],
    ])('refuses %j with a FieldValueError naming its shape', (input, shape) => {
      let caught: unknown;
      try {
        codec.parse(input as never);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(FieldValueError);
      const error = caught as FieldValueError;
      expect(error.shape).toBe(shape);
      expect(error.message).toBe(
        `${shape} is not a string, { value, link } or { display_value, value, link }`,
      );
      const result = codec.schema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(error.message);
    });
  });

  it('still refuses a bad raw value inside an object, quoting the value', () => {
    const error = rejects(fields.integer(), { display_value: '1,234', value: '1,234' });
    expect(error.value).toBe('1,234');
    expect(error.shape).toBeUndefined();
    expect(error.message).toContain('"1,234" is not an integer');
  });
});
