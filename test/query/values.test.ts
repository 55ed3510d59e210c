import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { escapeValue, formatDate, formatDateTime } from '../../src/query/index.js';

describe('escapeValue', () => {
  it('doubles every caret', () => {
    expect(escapeValue('a^b^^c')).toBe('a^^b^^^^c');
    expect(escapeValue('plain')).toBe('plain');
    expect(escapeValue('')).toBe('');
  });
});

describe('formatDateTime', () => {
  it('writes a Date in UTC, dropping milliseconds', () => {
    expect(formatDateTime(new Date(Date.UTC(2025, 0, 20, 8, 5, 9, 999)))).toBe(
      '2025-01-20 08:05:09',
    );
  });

  it('accepts epoch milliseconds', () => {
    expect(formatDateTime(Date.UTC(2024, 1, 29, 23, 59, 59))).toBe('2024-02-29 23:59:59');
  });

  it('converts ISO strings with a zone to UTC', () => {
    expect(formatDateTime('2025-01-20T00:30:00+01:00')).toBe('2025-01-19 23:30:00');
    expect(formatDateTime('2025-01-20T00:30:00.500Z')).toBe('2025-01-20 00:30:00');
  });

  it('takes ServiceNow literals as UTC', () => {
    expect(formatDateTime('2025-01-20 23:00:00')).toBe('2025-01-20 23:00:00');
    expect(formatDateTime('2025-01-20')).toBe('2025-01-20 00:00:00');
  });

  it('rejects invalid or ambiguous input with a ConfigurationError', () => {
    const bad: unknown[] = [
      new Date(Number.NaN),
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '2025-02-30',
      '2025-01-01 24:00:00',
      '2025-01-01 00:00:00 00:00:00',
      '2025-01-01T00:00:00',
      'yesterday',
      '',
      null,
      Date.UTC(10000, 0, 1),
    ];
    for (const input of bad) {
      expect(() => formatDateTime(input as string), String(input)).toThrow(ConfigurationError);
    }
  });
});

describe('formatDate', () => {
  it('writes the UTC calendar date', () => {
    expect(formatDate('2025-01-20T23:30:00-02:00')).toBe('2025-01-21');
    expect(formatDate(new Date(Date.UTC(2025, 11, 31, 23, 59, 59)))).toBe('2025-12-31');
    expect(formatDate('2025-01-20 23:59:59')).toBe('2025-01-20');
  });

  it('rejects an impossible date', () => {
    expect(() => formatDate('2023-02-29')).toThrow(ConfigurationError);
  });
});
