/**
 * Display formatting against the values recorded from a real instance (servicenow-api.md 2.1, 2.3).
 */
import { describe, expect, it } from 'vitest';
import { durationWords, groupDigits, shiftDateTime } from '../../src/mock/server/display-format.js';

describe('display formatting', () => {
  it('shifts a UTC date-time into the user time zone (UTC-8 in December)', () => {
    expect(shiftDateTime('2016-12-12 15:19:57', 'America/Los_Angeles')).toBe('2016-12-12 07:19:57');
    expect(shiftDateTime('2016-12-12 15:19:57', 'UTC')).toBe('2016-12-12 15:19:57');
    // Daylight saving time: UTC-7 in July; crossing midnight backwards.
    expect(shiftDateTime('2024-07-01 03:00:00', 'America/Los_Angeles')).toBe('2024-06-30 20:00:00');
  });

  it('groups integer digits with commas', () => {
    expect(groupDigits('102197')).toBe('102,197');
    expect(groupDigits('28800')).toBe('28,800');
    expect(groupDigits('2')).toBe('2');
    expect(groupDigits('-1234567')).toBe('-1,234,567');
    expect(groupDigits('')).toBe('');
  });

  it('writes durations in words and drops the seconds', () => {
    expect(durationWords('1970-01-02 04:23:17')).toBe('1 Day 4 Hours 23 Minutes');
    expect(durationWords('1970-01-01 08:00:00')).toBe('8 Hours');
    expect(durationWords('1970-01-01 00:01:00')).toBe('1 Minute');
    expect(durationWords('1970-01-03 00:00:00')).toBe('2 Days');
  });
});
