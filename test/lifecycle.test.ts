import { afterEach, describe, expect, it } from 'vitest';
import { inForceOn, isPublished, lifecycle, NOTICE_DAYS, pendingMaterialChange, proposedDates, stateOf } from '../src/core/lifecycle.ts';
import { resolveToday, startOfDay } from '../src/core/dates.ts';

const r = (effective: string, published = effective) => ({ effective, published });
const a = r('2024-01-01');
const b = r('2024-06-01');
const c = r('2025-01-15', '2024-12-15');
const d = r('2025-06-01', '2025-05-01');
const all = [d, b, a, c]; // deliberately unsorted

describe('inForceOn', () => {
  it('is the newest revision effective on or before the date', () => {
    expect(inForceOn(all, '2023-12-31')).toBeUndefined();
    expect(inForceOn(all, '2024-01-01')).toBe(a);
    expect(inForceOn(all, '2024-05-31')).toBe(a);
    expect(inForceOn(all, '2024-06-01')).toBe(b);
    expect(inForceOn(all, '2025-01-14')).toBe(b);
    expect(inForceOn(all, '2025-01-15')).toBe(c);
  });
});

describe('stateOf', () => {
  it('names every state on the days around each boundary', () => {
    expect(stateOf(c, all, '2024-12-14')).toBe('scheduled');
    expect(stateOf(c, all, '2024-12-15')).toBe('upcoming');
    expect(stateOf(c, all, '2025-01-14')).toBe('upcoming');
    expect(stateOf(c, all, '2025-01-15')).toBe('in-force');
    expect(stateOf(b, all, '2025-01-15')).toBe('superseded');
    expect(stateOf(b, all, '2025-01-14')).toBe('in-force');
    expect(stateOf(d, all, '2025-04-30')).toBe('scheduled');
    expect(stateOf(d, all, '2025-05-01')).toBe('upcoming');
  });
});

describe('lifecycle', () => {
  it('lists visible revisions oldest first with their days in force', () => {
    const cycle = lifecycle(all, '2024-12-20');
    expect(cycle.map((x) => [x.revision.effective, x.state, x.from, x.until])).toEqual([
      ['2024-01-01', 'superseded', '2024-01-01', '2024-05-31'],
      ['2024-06-01', 'in-force', '2024-06-01', '2025-01-14'],
      ['2025-01-15', 'upcoming', '2025-01-15', undefined],
    ]);
  });
  it('never lets a scheduled revision end the range of a visible one', () => {
    const cycle = lifecycle(all, '2025-02-01');
    expect(cycle.at(-1)).toMatchObject({ state: 'in-force', until: undefined });
    const drafts = lifecycle(all, '2025-02-01', { includeScheduled: true });
    expect(drafts.at(-1)).toMatchObject({ state: 'scheduled' });
    expect(drafts.at(-2)).toMatchObject({ until: '2025-05-31' });
  });
});

describe('pendingMaterialChange (the upcoming notice)', () => {
  const m = (effective: string, published: string, change: 'material' | 'editorial' = 'material') => ({ effective, published, change });
  const inForce = m('2024-01-01', '2024-01-01');
  const editorial = m('2025-02-20', '2025-02-01', 'editorial');
  const material = m('2025-03-01', '2025-01-30');
  const scheduled = m('2025-06-01', '2025-05-01');
  const revs = [scheduled, material, inForce, editorial];

  it('is the soonest announced material revision not yet in force', () => {
    expect(pendingMaterialChange(revs, '2025-02-10')).toBe(material);
  });
  it('is raised from the announcement day up to the day before the effective date', () => {
    expect(pendingMaterialChange(revs, '2025-01-29')).toBeUndefined();
    expect(pendingMaterialChange(revs, '2025-01-30')).toBe(material);
    expect(pendingMaterialChange(revs, '2025-02-28')).toBe(material);
    expect(pendingMaterialChange(revs, '2025-03-01')).toBeUndefined();
  });
  it('is never raised by an editorial or a scheduled revision', () => {
    expect(pendingMaterialChange([inForce, editorial], '2025-02-10')).toBeUndefined();
    expect(pendingMaterialChange(revs, '2025-04-30')).toBeUndefined();
    expect(pendingMaterialChange(revs, '2025-05-01')).toBe(scheduled);
  });
});

describe('isPublished', () => {
  it('starts on the announcement day', () => {
    expect(isPublished(c, '2024-12-14')).toBe(false);
    expect(isPublished(c, '2024-12-15')).toBe(true);
  });
});

describe('proposedDates (redline new)', () => {
  it('gives a material change 30 days of notice from today', () => {
    expect(NOTICE_DAYS).toBe(30);
    expect(proposedDates('2026-01-15', 'material')).toEqual({ published: '2026-01-15', effective: '2026-02-14' });
    expect(proposedDates('2024-02-15', 'material')).toEqual({ published: '2024-02-15', effective: '2024-03-16' });
  });
  it('makes an editorial change take effect the day it is announced', () => {
    expect(proposedDates('2026-01-15', 'editorial')).toEqual({ published: '2026-01-15', effective: '2026-01-15' });
  });
  it('counts the notice from a given announcement date', () => {
    expect(proposedDates('2026-01-15', 'material', { published: '2026-02-01' })).toEqual({ published: '2026-02-01', effective: '2026-03-03' });
  });
  it('announces a given effective date today, or on that date if it has passed', () => {
    expect(proposedDates('2026-01-15', 'material', { effective: '2026-06-01' })).toEqual({ published: '2026-01-15', effective: '2026-06-01' });
    expect(proposedDates('2026-01-15', 'material', { effective: '2025-06-01' })).toEqual({ published: '2025-06-01', effective: '2025-06-01' });
  });
});

describe('states around midnight in the site time zone (Asia/Tokyo)', () => {
  // Tokyo is UTC+9 all year: 2025-01-30 begins at 2025-01-29T15:00:00Z.
  const announced = { effective: '2025-03-01', published: '2025-01-30' };
  const before = { effective: '2024-07-01', published: '2024-07-01' };
  const revs = [before, announced];
  const tokyoMidnight = (date: string) => startOfDay(date, 'Asia/Tokyo').getTime() / 1000;
  const dayAt = (epochSeconds: number) => resolveToday({ sourceDateEpoch: String(epochSeconds), timeZone: 'Asia/Tokyo' });
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('puts Tokyo midnight at 15:00 UTC the day before', () => {
    expect(tokyoMidnight('2025-01-30')).toBe(Date.UTC(2025, 0, 29, 15) / 1000);
  });

  for (const tz of ['America/Los_Angeles', 'Asia/Tokyo', 'UTC']) {
    it(`announces a revision at Tokyo midnight, not a second before (process TZ=${tz})`, () => {
      process.env.TZ = tz;
      const t = tokyoMidnight('2025-01-30');
      expect(dayAt(t - 1)).toBe('2025-01-29');
      expect(stateOf(announced, revs, dayAt(t - 1))).toBe('scheduled');
      expect(pendingMaterialChange([{ ...before, change: 'material' as const }, { ...announced, change: 'material' as const }], dayAt(t - 1))).toBeUndefined();
      expect(dayAt(t)).toBe('2025-01-30');
      expect(stateOf(announced, revs, dayAt(t))).toBe('upcoming');
      expect(dayAt(t + 1)).toBe('2025-01-30');
    });

    it(`puts a revision in force at Tokyo midnight of its effective date (process TZ=${tz})`, () => {
      process.env.TZ = tz;
      const t = tokyoMidnight('2025-03-01');
      expect(stateOf(announced, revs, dayAt(t - 1))).toBe('upcoming');
      expect(stateOf(before, revs, dayAt(t - 1))).toBe('in-force');
      expect(stateOf(announced, revs, dayAt(t + 1))).toBe('in-force');
      expect(stateOf(before, revs, dayAt(t + 1))).toBe('superseded');
      expect(lifecycle(revs, dayAt(t - 1)).map((x) => x.until)).toEqual(['2025-02-28', undefined]);
    });
  }

  it('does not follow the process time zone, which does change what the clock says', () => {
    const t = tokyoMidnight('2025-01-30');
    process.env.TZ = 'America/Los_Angeles';
    expect(new Date(t * 1000).getDate()).toBe(29); // 07:00 on the 29th in Los Angeles
    expect(dayAt(t)).toBe('2025-01-30');
    process.env.TZ = 'Asia/Tokyo';
    expect(new Date(t * 1000).getDate()).toBe(30);
    expect(dayAt(t)).toBe('2025-01-30');
  });
});
