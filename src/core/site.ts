import type { CalendarDate } from './dates.ts';
import { lifecycle, pendingMaterialChange, type State } from './lifecycle.ts';
import type { Policy, Revision } from './revisions.ts';
import { lockKey, type Correction } from './lock.ts';

/** A revision as the public site shows it on a given day. */
export interface RevisionView {
  revision: Revision;
  state: State;
  /** First day in force. */
  from: CalendarDate;
  /** Last day in force, when a later visible revision replaces it. */
  until: CalendarDate | undefined;
  /** Shown only because the build asked for drafts (`--drafts`). */
  draft: boolean;
  /** The visible revision before / after this one. */
  previous: Revision | undefined;
  next: Revision | undefined;
  /** Typos corrected since publication, oldest first (from policies/redline.lock). */
  corrections: Correction[];
}

export interface PolicyView {
  id: string;
  /** Title of the revision in force (or of the first upcoming one before any takes effect). */
  title: string;
  /** Visible revisions, oldest first. */
  revisions: RevisionView[];
  /** The revision in force today, if any has taken effect. */
  current: RevisionView | undefined;
  /** Announced revisions not yet in force, soonest first. */
  upcoming: RevisionView[];
  /** What `/<policy>/` shows: the revision in force, else the first upcoming one. */
  main: RevisionView;
  /** The first visible revision: the day the policy first took effect. */
  first: RevisionView;
  /**
   * The announced material change that takes effect next, if any: the page of
   * the revision in force says "We are updating this policy on <date>".
   * Editorial and scheduled revisions never raise it.
   */
  notice: RevisionView | undefined;
}

export interface SiteModel {
  today: CalendarDate;
  drafts: boolean;
  policies: PolicyView[];
}

/**
 * What the site shows as of `today`: scheduled revisions are left out (or
 * shown as drafts when `drafts` is set); a policy with nothing visible is
 * left out entirely. `corrections`: a revision's corrections, by its key in
 * the lock (`privacy/2024-04-01.md`).
 */
export function buildSiteModel(policies: readonly Policy[], today: CalendarDate, drafts = false, corrections: (key: string) => Correction[] = () => []): SiteModel {
  const views: PolicyView[] = [];
  for (const policy of policies) {
    const cycle = lifecycle(policy.revisions, today, { includeScheduled: drafts });
    if (cycle.length === 0) continue;
    const revisions: RevisionView[] = cycle.map((c, i) => ({
      revision: c.revision,
      state: c.state,
      from: c.from,
      until: c.until,
      draft: c.state === 'scheduled',
      previous: cycle[i - 1]?.revision,
      next: cycle[i + 1]?.revision,
      corrections: corrections(lockKey(c.revision)),
    }));
    const current = revisions.find((r) => r.state === 'in-force');
    const upcoming = revisions.filter((r) => r.state === 'upcoming' || r.state === 'scheduled');
    const main = current ?? upcoming[0]!;
    const pending = current ? pendingMaterialChange(revisions.map((r) => r.revision), today) : undefined;
    const notice = revisions.find((r) => r.revision === pending);
    views.push({ id: policy.id, title: main.revision.title, revisions, current, upcoming, main, first: revisions[0]!, notice });
  }
  views.sort((a, b) => a.title.localeCompare(b.title, 'en') || (a.id < b.id ? -1 : 1));
  return { today, drafts, policies: views };
}

export function findRevision(model: SiteModel, policy: string, date: CalendarDate): RevisionView | undefined {
  return model.policies.find((p) => p.id === policy)?.revisions.find((r) => r.revision.effective === date);
}
