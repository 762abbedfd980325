import type { CalendarDate } from './dates.ts';
import { lifecycle, type State } from './lifecycle.ts';
import type { Policy, Revision } from './revisions.ts';

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
}

export interface SiteModel {
  today: CalendarDate;
  drafts: boolean;
  policies: PolicyView[];
}

/**
 * What the site shows as of `today`: scheduled revisions are left out (or
 * shown as drafts when `drafts` is set); a policy with nothing visible is
 * left out entirely.
 */
export function buildSiteModel(policies: readonly Policy[], today: CalendarDate, drafts = false): SiteModel {
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
    }));
    const current = revisions.find((r) => r.state === 'in-force');
    const upcoming = revisions.filter((r) => r.state === 'upcoming' || r.state === 'scheduled');
    const main = current ?? upcoming[0]!;
    views.push({ id: policy.id, title: main.revision.title, revisions, current, upcoming, main, first: revisions[0]! });
  }
  views.sort((a, b) => a.title.localeCompare(b.title, 'en') || (a.id < b.id ? -1 : 1));
  return { today, drafts, policies: views };
}

export function findRevision(model: SiteModel, policy: string, date: CalendarDate): RevisionView | undefined {
  return model.policies.find((p) => p.id === policy)?.revisions.find((r) => r.revision.effective === date);
}
