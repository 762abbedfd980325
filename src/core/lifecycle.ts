import { addDays, type CalendarDate } from './dates.ts';

/**
 * The life of a revision as of "today" (a calendar date in the site's time zone):
 *
 * - scheduled:  announcement date still in the future; not on the site or in feeds
 * - upcoming:   announced, but its effective date is still in the future
 * - in-force:   the newest revision whose effective date is on or before today
 * - superseded: took effect, then a later revision took effect
 */
export type State = 'scheduled' | 'upcoming' | 'in-force' | 'superseded';

export interface Dated {
  effective: CalendarDate;
  published: CalendarDate;
}

export interface Lifecycle<R extends Dated> {
  revision: R;
  state: State;
  /** First day in force. */
  from: CalendarDate;
  /** Last day in force, if a later revision (announced or not) replaces it. */
  until: CalendarDate | undefined;
}

/** State of one revision as of `today`, given all revisions of its policy. */
export function stateOf<R extends Dated>(revision: R, all: readonly R[], today: CalendarDate): State {
  if (revision.published > today) return 'scheduled';
  if (revision.effective > today) return 'upcoming';
  const current = inForceOn(all, today);
  return current === revision ? 'in-force' : 'superseded';
}

/** The revision in force on a date: the newest whose effective date is on or before it. */
export function inForceOn<R extends Dated>(all: readonly R[], date: CalendarDate): R | undefined {
  let best: R | undefined;
  for (const r of all) {
    if (r.effective <= date && (!best || r.effective > best.effective)) best = r;
  }
  return best;
}

/**
 * Every revision with its state and its days in force, oldest first. Only
 * revisions visible on `today` (announced) count as successors, so a
 * scheduled revision never changes what the public site says.
 */
export function lifecycle<R extends Dated>(all: readonly R[], today: CalendarDate, opts: { includeScheduled?: boolean } = {}): Lifecycle<R>[] {
  const sorted = [...all].sort((a, b) => (a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0));
  const visible = opts.includeScheduled ? sorted : sorted.filter((r) => r.published <= today);
  return visible.map((revision, i) => {
    const next = visible[i + 1];
    return {
      revision,
      state: stateOf(revision, sorted, today),
      from: revision.effective,
      until: next ? addDays(next.effective, -1) : undefined,
    };
  });
}

/** A revision that knows whether it changes what the policy means. */
export interface Classified extends Dated {
  change: 'material' | 'editorial';
}

/**
 * True once a revision's announcement date has come. From that day on it is
 * public, and its bytes are immutable (see src/core/lock.ts).
 */
export function isPublished(revision: Dated, today: CalendarDate): boolean {
  return revision.published <= today;
}

/**
 * The upcoming change the current page must announce: the soonest revision
 * that is announced (published on or before `today`), not yet in force, and
 * material. Editorial revisions never raise the notice; scheduled ones are not
 * public yet.
 */
export function pendingMaterialChange<R extends Classified>(all: readonly R[], today: CalendarDate): R | undefined {
  let soonest: R | undefined;
  for (const r of all) {
    if (r.change !== 'material' || r.published > today || r.effective <= today) continue;
    if (!soonest || r.effective < soonest.effective) soonest = r;
  }
  return soonest;
}

/** Days of notice a material change gets by default, as GitHub gives for its terms. */
export const NOTICE_DAYS = 30;

/**
 * The dates `redline new` proposes for a revision written `today`: a material
 * change is announced today (or on `published`) and takes effect NOTICE_DAYS
 * later; an editorial one needs no notice and takes effect the day it is
 * announced. An effective date given without an announcement date is
 * announced today, or on that date if it is earlier.
 */
export function proposedDates(
  today: CalendarDate,
  change: 'material' | 'editorial',
  given: { effective?: CalendarDate | undefined; published?: CalendarDate | undefined } = {},
): { effective: CalendarDate; published: CalendarDate } {
  const announce = given.published ?? today;
  const effective = given.effective ?? (change === 'material' ? addDays(announce, NOTICE_DAYS) : announce);
  const published = given.published ?? (effective < today ? effective : today);
  return { effective, published };
}
