import { describe, expect, it } from 'vitest';
import { addDays, dateInZone, daysBetween, formatDate, isCalendarDate, resolveToday, rfc3339Midnight, startOfDay } from '../src/core/dates.ts';

describe('isCalendarDate', () => {
  it('accepts real dates, including 29 February in leap years', () => {
    for (const d of ['2024-04-01', '2024-02-29', '2000-02-29', '1999-12-31']) expect(isCalendarDate(d)).toBe(true);
  });
  it('refuses impossible or badly written dates', () => {
    for (const d of ['2024-02-30', '2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-4-1', '24-04-01', '2024-04-01T00:00', '', 20240401]) {
      expect(isCalendarDate(d)).toBe(false);
    }
  });
});

describe('calendar arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-03-01', -1)).toBe('2023-02-28');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });
});

describe('dateInZone', () => {
  // 2024-03-31T15:00:00Z is midnight on 1 April in Tokyo and still 31 March in Los Angeles.
  const tokyoMidnight = Date.UTC(2024, 2, 31, 15, 0, 0);
  it('gives the day in the site time zone on both sides of its midnight', () => {
    expect(dateInZone(tokyoMidnight - 1, 'Asia/Tokyo')).toBe('2024-03-31');
    expect(dateInZone(tokyoMidnight, 'Asia/Tokyo')).toBe('2024-04-01');
    expect(dateInZone(tokyoMidnight, 'America/Los_Angeles')).toBe('2024-03-31');
    expect(dateInZone(tokyoMidnight, 'UTC')).toBe('2024-03-31');
  });
  it('reads SOURCE_DATE_EPOCH as a day in the site time zone', () => {
    expect(resolveToday({ sourceDateEpoch: String(tokyoMidnight / 1000), timeZone: 'Asia/Tokyo' })).toBe('2024-04-01');
    expect(resolveToday({ sourceDateEpoch: String(tokyoMidnight / 1000 - 1), timeZone: 'Asia/Tokyo' })).toBe('2024-03-31');
    expect(resolveToday({ now: '2020-01-01', sourceDateEpoch: '0', timeZone: 'Asia/Tokyo' })).toBe('2020-01-01');
    expect(resolveToday({ timeZone: 'Asia/Tokyo', clock: () => tokyoMidnight })).toBe('2024-04-01');
  });
});

describe('startOfDay and rfc3339Midnight', () => {
  it('finds local midnight in the zone', () => {
    expect(startOfDay('2024-04-01', 'Asia/Tokyo').toISOString()).toBe('2024-03-31T15:00:00.000Z');
    expect(rfc3339Midnight('2024-04-01', 'Asia/Tokyo')).toBe('2024-04-01T00:00:00+09:00');
  });
  it('handles days on which daylight saving time starts', () => {
    expect(startOfDay('2024-03-10', 'America/Los_Angeles').toISOString()).toBe('2024-03-10T08:00:00.000Z');
    expect(startOfDay('2024-03-11', 'America/Los_Angeles').toISOString()).toBe('2024-03-11T07:00:00.000Z');
    expect(rfc3339Midnight('2024-07-01', 'America/Los_Angeles')).toBe('2024-07-01T00:00:00-07:00');
  });
});

describe('formatDate', () => {
  it('writes the calendar date itself, whatever the process time zone', () => {
    expect(formatDate('2024-04-01')).toBe('1 April 2024');
    expect(formatDate('2025-12-31')).toBe('31 December 2025');
  });
});
