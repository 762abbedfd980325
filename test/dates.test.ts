import { describe, expect, it } from 'vitest';
import { addDays, dateInZone, dateRangeHint, daysBetween, FIRST_DATE, formatDate, fromDayNumber, inDateRange, isCalendarDate, LAST_DATE, resolveToday, rfc3339Midnight, startOfDay, toDayNumber } from '../src/core/dates.ts';

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

/**
 * The years 0 to 99: Date.UTC reads them as 1900 to 1999, so a file named
 * 0001-01-01.md was shown as "1 January 1901". The arithmetic is Date-free
 * now, and the dates a site takes are bounded: 1900-01-01 to 2999-12-31.
 */
describe('dates of any year, and the range Redline handles', () => {
  it('counts days without Date.UTC: the years 0 to 99 are themselves, not 1900 to 1999', () => {
    expect(addDays('0001-01-01', 1)).toBe('0001-01-02');
    expect(addDays('0024-12-31', 1)).toBe('0025-01-01');
    expect(addDays('9999-12-31', 1)).toBe('10000-01-01');
    expect(daysBetween('0001-01-01', '0002-01-01')).toBe(365);
    expect(daysBetween('0004-01-01', '0005-01-01')).toBe(366);
    expect(formatDate('0001-01-01')).toBe('1 January 1');
    expect(formatDate('0024-04-20')).toBe('20 April 24');
  });

  it('agrees with the proleptic Gregorian calendar (Date.UTC, for years it reads right) every fifth day from 1600 to 3100', () => {
    let n = toDayNumber('1600-01-01');
    expect(n).toBe(Math.floor(Date.UTC(1600, 0, 1) / 86_400_000));
    for (let t = Date.UTC(1600, 0, 1); t <= Date.UTC(3100, 11, 31); t += 5 * 86_400_000, n += 5) {
      const iso = new Date(t).toISOString().slice(0, 10);
      if (fromDayNumber(n) !== iso || toDayNumber(iso) !== n) throw new Error(`${iso}: ${fromDayNumber(n)} / ${toDayNumber(iso)} ≠ ${n}`);
    }
  });

  it('handles 1900-01-01 to 2999-12-31, and says so for a date outside', () => {
    expect([FIRST_DATE, LAST_DATE]).toEqual(['1900-01-01', '2999-12-31']);
    for (const d of ['1900-01-01', '2024-02-29', '2999-12-31']) expect(inDateRange(d), d).toBe(true);
    for (const d of ['1899-12-31', '0024-04-20', '0001-01-01', '3000-01-01', '9999-12-31', '10000-01-01']) expect(inDateRange(d), d).toBe(false);
    expect(dateRangeHint('0024-04-20')).toBe('Redline handles dates from 1900-01-01 to 2999-12-31; check the year (0024 is the year 24: write 2024 if that is what you mean)');
    expect(formatDate(FIRST_DATE)).toBe('1 January 1900');
    expect(formatDate(LAST_DATE)).toBe('31 December 2999');
    expect(rfc3339Midnight(FIRST_DATE, 'UTC')).toBe('1900-01-01T00:00:00+00:00');
    expect(startOfDay(LAST_DATE, 'Asia/Tokyo').toISOString()).toBe('2999-12-30T15:00:00.000Z');
    expect(addDays(LAST_DATE, 1)).toBe('3000-01-01');
  });

  it('refuses a SOURCE_DATE_EPOCH outside the range, in one line', () => {
    expect(() => resolveToday({ timeZone: 'UTC', sourceDateEpoch: String(Date.UTC(3000, 0, 1) / 1000) })).toThrow('SOURCE_DATE_EPOCH 32503680000 is 3000-01-01, outside the dates Redline handles (1900-01-01 to 2999-12-31)');
    expect(resolveToday({ timeZone: 'UTC', sourceDateEpoch: String(Date.UTC(2999, 11, 31) / 1000) })).toBe('2999-12-31');
  });
});
