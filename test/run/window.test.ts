import { describe, expect, it } from 'vitest';
import { InvalidWindowError } from '../../src/run/errors.js';
import {
  EARLIEST_WINDOW_DAY,
  isIsoDay,
  validateWindow,
  yesterdayUtc,
} from '../../src/run/window.js';
import { windowRange } from '../../src/tasks/task-window.js';

describe('run windows', () => {
  it('accepts real days in order, including a one-day window', () => {
    expect(validateWindow({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(validateWindow({ from: '2024-02-29', to: '2024-02-29' })).toEqual({
      from: '2024-02-29',
      to: '2024-02-29',
    });
  });

  it.each([
    [{ from: '2026-02-30', to: '2026-03-01' }, /window.from must be a real date/],
    [{ from: '2025-02-29', to: '2025-03-01' }, /window.from/],
    [{ from: '2026-11-01', to: '2026-13-01' }, /window.to must be a real date/],
    [{ from: '01/11/2026', to: '2026-11-02' }, /YYYY-MM-DD/],
    [{ from: '2026-11-01 00:00:00', to: '2026-11-02' }, /window.from/],
    [{ from: "2026-11-01'; DROP TABLE incident; --", to: '2026-11-02' }, /window.from/],
    [
      { from: '2026-11-05', to: '2026-11-01' },
      /window.from 2026-11-05 is after window.to 2026-11-01/,
    ],
    [{ to: '2026-11-01' }, /received nothing/],
    [{ from: '0000-01-01', to: '2026-11-01' }, /window.from 0000-01-01 is before 1970-01-01/],
    [{ from: '1969-12-31', to: '2026-11-01' }, /window.from 1969-12-31 is before 1970-01-01/],
    [{ from: '1899-01-01', to: '1969-12-31' }, /window.from 1899-01-01 is before/],
    [null, /must be an object/],
  ])('rejects %j with a typed error', (window, message) => {
    expect(() => validateWindow(window)).toThrow(InvalidWindowError);
    expect(() => validateWindow(window)).toThrow(message);
  });

  it('accepts 1970-01-01, the earliest day', () => {
    expect(EARLIEST_WINDOW_DAY).toBe('1970-01-01');
    expect(validateWindow({ from: '1970-01-01', to: '1970-01-01' })).toEqual({
      from: '1970-01-01',
      to: '1970-01-01',
    });
  });

  it('knows real calendar days', () => {
    expect(isIsoDay('2000-02-29')).toBe(true);
    expect(isIsoDay('1900-02-29')).toBe(false);
    expect(isIsoDay(20261101)).toBe(false);
  });

  it('defaults to yesterday in UTC and spans whole days', () => {
    expect(yesterdayUtc(new Date('2026-03-01T00:30:00Z'))).toEqual({
      from: '2026-02-28',
      to: '2026-02-28',
    });
    expect(windowRange({ from: '2026-11-01', to: '2026-11-02' })).toEqual({
      start: '2026-11-01 00:00:00',
      end: '2026-11-02 23:59:59',
    });
  });
});
