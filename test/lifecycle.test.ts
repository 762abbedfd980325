import { describe, expect, it } from 'vitest';
import { inForceOn, lifecycle, stateOf } from '../src/lib/lifecycle.ts';

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
