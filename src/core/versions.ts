/**
 * The versions API: static JSON for programs that must know which version of
 * a policy is in force, which one comes next, and which one their users must
 * have accepted.
 *
 * - `/<policy>/versions.json`: one policy, every announced revision, newest first;
 * - `/policies.json`: the site, with the same record for every policy.
 *
 * Their JSON Schemas are docs/schemas/versions-1.schema.json and
 * docs/schemas/policies-1.schema.json, published at /schemas/…; the major
 * version is in the file name and in `schemaVersion` ("1.0"): fields may be
 * added within a major version, never removed or changed in meaning.
 *
 * Nothing here depends on the day of the build but the states: two builds on
 * days between which no revision takes effect or is announced give the same
 * bytes (`statesAsOf` says from when until when the states hold). Scheduled
 * revisions (not announced yet) and drafts never appear.
 */
import { addDays, rfc3339Midnight, type CalendarDate } from './dates.ts';
import type { SiteSettings } from './settings.ts';
import type { PolicyView, RevisionView, SiteModel } from './site.ts';
import { absolute, paths } from './urls.ts';
import { termsTypeOf } from './terms-types.ts';
import { FEED_FORMATS, feedUrl, type FeedFormat } from './feeds.ts';

export const SCHEMA_VERSION = '1.0';
export const SCHEMA_FILES = { versions: 'versions-1.schema.json', policies: 'policies-1.schema.json' } as const;

export type PublicState = 'upcoming' | 'in-force' | 'superseded';

export interface RevisionRecord {
  /** The version's id: its effective date, so that ids sort in the order versions take effect. */
  id: CalendarDate;
  effective: CalendarDate;
  /** Midnight of the effective date in the site's time zone (RFC 3339): when it takes effect. */
  effectiveAt: string;
  /** The announcement date (`published` in the front matter). */
  announced: CalendarDate;
  /** As of the build (see `statesAsOf`). */
  state: PublicState;
  /** Its last day in force, once a later revision is announced. */
  inForceUntil: CalendarDate | null;
  change: 'material' | 'editorial';
  title: string;
  summary: string | null;
  /** SHA-256 of the Markdown file as served (after any correction). */
  sha256: string;
  urls: { page: string; markdown: string; changes: string | null; changesJson: string | null };
  corrections: Array<{ date: CalendarDate; sha256: string; was: string; reason: string }>;
}

export interface RevisionRef {
  id: CalendarDate;
  effectiveAt: string;
  change: 'material' | 'editorial';
  url: string;
}

export interface ConsentVersion {
  version: CalendarDate;
  effectiveAt: string;
  announced: CalendarDate;
  summary: string | null;
  url: string;
}

/**
 * What an app compares with what its user accepted. Only material revisions
 * ask users to accept again; a policy's first revision counts as material.
 */
export interface Consent {
  /** The latest material revision in force as of the build, or null before the policy takes effect. */
  version: CalendarDate | null;
  effectiveAt: string | null;
  /** The next announced material revision, if any: `upcoming[0]`. */
  next: ConsentVersion | null;
  /** Every announced material revision not in force yet, soonest first. */
  upcoming: ConsentVersion[];
}

export interface VersionsRecord {
  policy: string;
  title: string;
  /** The Open Terms Archive terms type, if known (src/core/terms-types.ts). */
  termsType: string | null;
  lang: string;
  timeZone: string;
  /** The states hold from `from` to `until` (inclusive; null: until a new revision is announced). */
  statesAsOf: { from: CalendarDate; until: CalendarDate | null };
  urls: {
    page: string;
    history: string;
    versions: string;
    timemap: string;
    calendar: string;
    otaDeclaration: string | null;
    feeds: Record<FeedFormat, string>;
  };
  inForce: RevisionRef | null;
  upcoming: RevisionRef[];
  consent: Consent;
  /** Newest first. */
  revisions: RevisionRecord[];
}

export interface VersionsDocument extends VersionsRecord {
  $schema: string;
  schemaVersion: string;
}

export interface PoliciesDocument {
  $schema: string;
  schemaVersion: string;
  name: string;
  publisher: string;
  url: string;
  lang: string;
  timeZone: string;
  statesAsOf: { from: CalendarDate; until: CalendarDate | null };
  urls: { home: string; policies: string; sitemap: string; feeds: Record<FeedFormat, string> };
  policies: VersionsRecord[];
}

/** A policy's announced revisions (never drafts), oldest first. */
export function announced(policy: PolicyView): RevisionView[] {
  return policy.revisions.filter((r) => !r.draft && r.state !== 'scheduled');
}

/** The policies the API lists: those with an announced revision. */
export function apiPolicies(model: SiteModel): PolicyView[] {
  return model.policies.filter((p) => announced(p).length > 0);
}

/**
 * From when until when the states of these revisions hold, as of `today`:
 * from the last day on or before it on which one was announced or took
 * effect, until the day before the next one takes effect.
 */
export function statesAsOf(revisions: readonly RevisionView[], today: CalendarDate): { from: CalendarDate; until: CalendarDate | null } {
  let from = '';
  let next: CalendarDate | undefined;
  for (const { revision: r } of revisions) {
    for (const d of [r.published, r.effective]) if (d <= today && d > from) from = d;
    if (r.effective > today && (next === undefined || r.effective < next)) next = r.effective;
  }
  return { from, until: next === undefined ? null : addDays(next, -1) };
}

function combine(spans: Array<{ from: CalendarDate; until: CalendarDate | null }>): { from: CalendarDate; until: CalendarDate | null } {
  let from = '';
  let until: CalendarDate | null = null;
  for (const s of spans) {
    if (s.from > from) from = s.from;
    if (s.until !== null && (until === null || s.until < until)) until = s.until;
  }
  return { from, until };
}

function feeds(settings: SiteSettings, policy?: string): Record<FeedFormat, string> {
  return Object.fromEntries(FEED_FORMATS.map((f) => [f, feedUrl(settings, f, policy)])) as Record<FeedFormat, string>;
}

/** One policy's record, as versions.json holds it and policies.json lists it. */
export function versionsRecord(settings: SiteSettings, policy: PolicyView, today: CalendarDate): VersionsRecord {
  const url = (path: string) => absolute(settings.url, path);
  const at = (date: CalendarDate) => rfc3339Midnight(date, settings.timeZone);
  const views = announced(policy);
  const records: RevisionRecord[] = views.map((view, i) => {
    const r = view.revision;
    const state: PublicState = r.effective > today ? 'upcoming' : view.state === 'in-force' ? 'in-force' : 'superseded';
    const next = views[i + 1];
    return {
      id: r.effective,
      effective: r.effective,
      effectiveAt: at(r.effective),
      announced: r.published,
      state,
      inForceUntil: next ? addDays(next.revision.effective, -1) : null,
      change: r.change,
      title: r.title,
      summary: r.summary ?? null,
      sha256: r.sha256,
      urls: {
        page: url(paths.revision(policy.id, r.effective)),
        markdown: url(paths.raw(policy.id, r.effective)),
        changes: i > 0 ? url(paths.changes(policy.id, r.effective)) : null,
        changesJson: i > 0 ? url(paths.changesJson(policy.id, r.effective)) : null,
      },
      corrections: view.corrections.map((c) => ({ date: c.date, sha256: c.sha256, was: c.was, reason: c.reason })),
    };
  });
  const ref = (r: RevisionRecord): RevisionRef => ({ id: r.id, effectiveAt: r.effectiveAt, change: r.change, url: r.urls.page });
  const inForce = records.find((r) => r.state === 'in-force');
  // Material, or the first revision (the text users accepted in the first place).
  const material = records.filter((r, i) => i === 0 || r.change === 'material');
  const accepted = material.filter((r) => r.state !== 'upcoming').at(-1);
  const consentVersion = (r: RevisionRecord): ConsentVersion => ({ version: r.id, effectiveAt: r.effectiveAt, announced: r.announced, summary: r.summary, url: r.urls.page });
  const upcomingMaterial = material.filter((r) => r.state === 'upcoming').map(consentVersion);
  const type = termsTypeOf(policy, settings.types?.[policy.id]);
  return {
    policy: policy.id,
    title: policy.title,
    termsType: type ?? null,
    lang: settings.lang,
    timeZone: settings.timeZone,
    statesAsOf: statesAsOf(views, today),
    urls: {
      page: url(paths.policy(policy.id)),
      history: url(paths.history(policy.id)),
      versions: url(paths.versionsJson(policy.id)),
      timemap: url(paths.timemap(policy.id)),
      calendar: url(paths.calendar(policy.id)),
      otaDeclaration: type ? url(paths.otaDeclaration(policy.id)) : null,
      feeds: feeds(settings, policy.id),
    },
    inForce: inForce ? ref(inForce) : null,
    upcoming: records.filter((r) => r.state === 'upcoming').map(ref),
    consent: {
      version: accepted?.id ?? null,
      effectiveAt: accepted?.effectiveAt ?? null,
      next: upcomingMaterial[0] ?? null,
      upcoming: upcomingMaterial,
    },
    revisions: records.reverse(),
  };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The body of /<policy>/versions.json. */
export function versionsJson(settings: SiteSettings, model: SiteModel, policyId: string): string {
  const policy = apiPolicies(model).find((p) => p.id === policyId);
  if (!policy) throw new Error(`no policy "${policyId}" with an announced revision`);
  const doc: VersionsDocument = {
    $schema: absolute(settings.url, paths.schema(SCHEMA_FILES.versions)),
    schemaVersion: SCHEMA_VERSION,
    ...versionsRecord(settings, policy, model.today),
  };
  return json(doc);
}

/** The body of /policies.json. */
export function policiesJson(settings: SiteSettings, model: SiteModel): string {
  const policies = apiPolicies(model).map((p) => versionsRecord(settings, p, model.today));
  const doc: PoliciesDocument = {
    $schema: absolute(settings.url, paths.schema(SCHEMA_FILES.policies)),
    schemaVersion: SCHEMA_VERSION,
    name: settings.name,
    publisher: settings.owner,
    url: settings.url,
    lang: settings.lang,
    timeZone: settings.timeZone,
    statesAsOf: combine(policies.map((p) => p.statesAsOf)),
    urls: {
      home: absolute(settings.url, paths.home()),
      policies: absolute(settings.url, paths.policiesJson()),
      sitemap: absolute(settings.url, paths.sitemap()),
      feeds: feeds(settings),
    },
    policies,
  };
  return json(doc);
}
