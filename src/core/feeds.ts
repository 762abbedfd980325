/**
 * Feeds that announce every revision: RSS 2.0, Atom 1.0 and JSON Feed 1.1,
 * site-wide and per policy, written with the `feed` package (v6).
 *
 * One entry per visible revision (announced, not a draft), dated by its
 * announcement date, newest first. Everything in a feed comes from the
 * revisions and the site settings, never from the clock, so the same input
 * gives the same bytes; and an entry never changes once it is published:
 * its id is the revision's permanent address, its text does not depend on
 * the day the site is built.
 *
 * `feed` v6 has pitfalls, each handled here (and tested in test/feeds.test.ts):
 * - `updated` defaults to the build time: we always pass the newest entry's date;
 * - the option `feed` becomes the self link of the RSS *and* the Atom document:
 *   we pass `feedLinks` only, so each document links to itself;
 * - the JSON Feed says version 1 and has no `authors`/`language`: we rewrite it as 1.1;
 * - Atom titles and summaries are written as `type="html"`: we HTML-escape plain text for them;
 * - its XML writer (xml-js) turns a literal `&amp;` in text back into `&`, and
 *   splits only the first `]]>` inside CDATA: see `xmlText` and `cdata` below;
 * - characters XML 1.0 forbids (most control characters) are dropped.
 */
import { Feed, type Author, type FeedOptions, type Item } from 'feed';
import type { SiteSettings } from './settings.ts';
import type { PolicyView, RevisionView, SiteModel } from './site.ts';
import type { Revision } from './revisions.ts';
import { absolute, absoluteLinks, paths, withoutComments } from './urls.ts';
import { rebaseChecked } from './markdown/final-html.ts';
import { formatDate, startOfDay, type CalendarDate } from './dates.ts';
import { redlineId } from './diff/render.ts';
import type { ChangedSection } from './diff/types.ts';

export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** What a revision changed, from the diff engine. Absent for a policy's first revision. */
export interface RevisionChanges {
  /** The sections with changes, in document order, each with the absolute address of its heading. */
  sections: readonly { title: string; href: string }[];
  /** Self-contained HTML of the redline of the changed blocks, already capped in size. */
  redlineHtml: string;
  /** True when `redlineHtml` was cut short. */
  truncated: boolean;
}

/** How long the redline in a feed entry may grow (characters of HTML) before "See all changes" takes over. */
export const FEED_REDLINE_MAX_CHARS = 8000;

/** How many changed sections an entry lists by name before "and N more sections". */
export const FEED_MAX_SECTIONS = 25;

/** Where a changed section is on the revision's changes page (the ids that page gives them). */
export function sectionHref(settings: SiteSettings, revision: Revision, section: Pick<ChangedSection, 'anchor' | 'side'>): string {
  return `${absolute(settings.url, paths.changes(revision.policy, revision.effective))}#${redlineId(section) ?? 'rl-beginning'}`;
}

/**
 * A revision's changes for its feed entry, from the diff engine's changed
 * sections and its capped HTML of the changed blocks (renderChangedBlocksHtml).
 */
export function feedChanges(settings: SiteSettings, revision: Revision, sections: readonly ChangedSection[], blocks: { html: string; truncated: boolean }): RevisionChanges {
  return {
    sections: sections.map((s) => ({
      title: `${s.anchor === null ? 'At the beginning' : s.title || s.anchor}${s.heading === 'deleted' ? ' (section removed)' : s.heading === 'inserted' ? ' (new section)' : ''}`,
      href: sectionHref(settings, revision, s),
    })),
    redlineHtml: blocks.html,
    truncated: blocks.truncated,
  };
}

/** One revision to announce. */
export interface FeedEntry {
  /** The policy's id. */
  policy: string;
  revision: Revision;
  /** True for the policy's first visible revision: it is "published", not "revised". */
  first: boolean;
  changes?: RevisionChanges | undefined;
  /**
   * The SHA-256 of the text as announced (before any correction), as the
   * site's lock (/redline.lock) records it: it never changes, so neither does
   * the entry. Defaults to the revision's own hash.
   */
  announcedSha256?: string;
}

/** Which feed: the site's (every policy) or one policy's. */
export interface FeedScope {
  /** Undefined for the site-wide feeds. */
  policy?: PolicyView | undefined;
}

/** The visible revisions of the site (or of one policy), newest announcement first. Drafts never appear. */
export function feedRevisions(model: SiteModel, policyId?: string): { policy: PolicyView; view: RevisionView }[] {
  const out: { policy: PolicyView; view: RevisionView }[] = [];
  for (const policy of model.policies) {
    if (policyId !== undefined && policy.id !== policyId) continue;
    for (const view of policy.revisions) if (!view.draft && view.state !== 'scheduled') out.push({ policy, view });
  }
  out.sort((a, b) => compareEntries(a.view.revision, b.view.revision));
  // The site-wide feeds keep the newest entries; a policy's own feeds keep every revision.
  return policyId === undefined ? out.slice(0, SITE_FEED_MAX_ENTRIES) : out;
}

/**
 * Entries in the site-wide feeds: the newest. Feed readers keep what they
 * have read (entry ids never change), and each policy's own feeds keep every
 * revision, so nothing is lost; the feeds of a site with thousands of
 * revisions stay small to fetch and to build.
 */
export const SITE_FEED_MAX_ENTRIES = 50;

/** Newest announcement first; then the later effective date; then by policy id. */
function compareEntries(a: Revision, b: Revision): number {
  if (a.published !== b.published) return a.published > b.published ? -1 : 1;
  if (a.effective !== b.effective) return a.effective > b.effective ? -1 : 1;
  return a.policy < b.policy ? -1 : a.policy > b.policy ? 1 : 0;
}

/** "Privacy Policy revised — effective 1 April 2024" (the first revision: "published"). */
export function entryTitle(entry: FeedEntry, lang = 'en'): string {
  const r = entry.revision;
  const title = `${r.title} ${entry.first ? 'published' : 'revised'} — effective ${formatDate(r.effective, lang)}`;
  return r.change === 'editorial' ? `${title} (editorial)` : title;
}

/** The plain-text summary: the revision's own, or a sentence for a first revision without one. */
export function entrySummary(entry: FeedEntry): string {
  return entry.revision.summary ?? `The first published version of the ${entry.revision.title}.`;
}

/** The page an entry links to: the revision's changes page (its own page for a first revision). */
export function entryLink(settings: SiteSettings, entry: FeedEntry): string {
  const r = entry.revision;
  return absolute(settings.url, entry.first ? paths.revision(r.policy, r.effective) : paths.changes(r.policy, r.effective));
}

/** The entry's id: the revision's permanent address, which never changes. */
export function entryId(settings: SiteSettings, entry: FeedEntry): string {
  return absolute(settings.url, paths.revision(entry.revision.policy, entry.revision.effective));
}

/** The instant a calendar date begins in the site's time zone (never UTC midnight). */
export function instant(date: CalendarDate, settings: SiteSettings): Date {
  return startOfDay(date, settings.timeZone);
}

/**
 * The HTML body of an entry, for feed readers: the summary, the dates, the
 * changed sections with links, and the redline of the changed blocks (capped
 * by the diff engine) with a link to all changes. Every URL is absolute.
 * Nothing in it depends on the day of the build.
 */
export function entryContentHtml(settings: SiteSettings, entry: FeedEntry): string {
  const r = entry.revision;
  const lang = settings.lang;
  const revisionUrl = absolute(settings.url, paths.revision(r.policy, r.effective));
  const changesUrl = absolute(settings.url, paths.changes(r.policy, r.effective));
  const date = (d: CalendarDate) => `<time datetime="${d}">${escapeHtml(formatDate(d, lang))}</time>`;
  const parts: string[] = [];
  parts.push(`<p>${escapeHtml(entrySummary(entry))}</p>`);
  if (r.published < r.effective) {
    parts.push(`<p><strong>Takes effect on ${date(r.effective)}.</strong> Announced on ${date(r.published)}.</p>`);
  } else {
    parts.push(`<p><strong>Effective ${date(r.effective)}.</strong></p>`);
  }
  if (r.change === 'editorial') {
    parts.push('<p><strong>Editorial revision:</strong> its authors mark it as a change of wording or presentation only.</p>');
  }
  const c = entry.changes;
  if (!entry.first && c) {
    if (c.sections.length > 0) {
      const items = c.sections.slice(0, FEED_MAX_SECTIONS).map((s) => `<li><a href="${escapeHtml(s.href)}">${escapeHtml(s.title)}</a></li>`);
      const more = c.sections.length - FEED_MAX_SECTIONS;
      if (more > 0) items.push(`<li>and <a href="${escapeHtml(changesUrl)}">${more} more ${more === 1 ? 'section' : 'sections'}</a></li>`);
      parts.push(`<p>${c.sections.length === 1 ? 'Changed section' : 'Changed sections'}:</p>\n<ul>\n${items.join('\n')}\n</ul>`);
    }
    // Addresses the authors wrote from the site's root become absolute: a feed reader has no base path.
    // Links within the policy (#section, help/page) lead from the revision's page, the redline's own (#rl-move-1) to the
    // changes page; root-relative ones get the site's address; then the final check of what the reader gets.
    if (c.redlineHtml.trim() !== '') parts.push(withoutComments(rebaseChecked(absoluteLinks(c.redlineHtml.trim(), revisionUrl, changesUrl), settings.siteRoot ?? settings.url, r.file)));
    parts.push(
      c.truncated
        ? `<p>This is only the start of the changes. <a href="${escapeHtml(changesUrl)}">See all changes</a>.</p>`
        : `<p><a href="${escapeHtml(changesUrl)}">See all changes</a> on the site.</p>`,
    );
  }
  parts.push(`<p><a href="${escapeHtml(revisionUrl)}">Read the ${escapeHtml(r.title)} effective ${escapeHtml(formatDate(r.effective, lang))}</a>.</p>`);
  // The witness: the hash of the text as announced, as the site's lock records it (redline verify reads the lock).
  parts.push(`<p>SHA-256 of the text as announced: <code>${entry.announcedSha256 ?? r.sha256}</code> (<a href="${escapeHtml(absolute(settings.url, paths.lock()))}">the site's lock</a>).</p>`);
  return parts.join('\n');
}

/** The absolute URL of a feed document. */
export function feedUrl(settings: SiteSettings, format: FeedFormat, policy?: string): string {
  return absolute(settings.url, paths.feed(policy, format));
}

export function feedTitle(settings: SiteSettings, scope: FeedScope): string {
  return scope.policy ? `${scope.policy.title} — ${settings.name}` : settings.name;
}

export function feedDescription(settings: SiteSettings, scope: FeedScope): string {
  return scope.policy
    ? `Every new version of the ${scope.policy.title} of ${settings.owner}, as soon as it is announced.`
    : `Every new version of the policies of ${settings.owner}, as soon as it is announced.`;
}

/**
 * One feed document. `entries` must be the scope's visible revisions (see
 * `feedRevisions`); they are sorted newest announcement first here.
 */
export function renderFeed(format: FeedFormat, settings: SiteSettings, scope: FeedScope, entries: readonly FeedEntry[]): string {
  const sorted = [...entries].sort((a, b) => compareEntries(a.revision, b.revision));
  const policyId = scope.policy?.id;
  const home = absolute(settings.url, policyId ? paths.history(policyId) : paths.home());
  // Never the build time: the newest entry's announcement, or (no entry at all) the first revision's.
  const newest = sorted[0]?.revision.published ?? scope.policy?.first.revision.published;
  const updated = newest ? instant(newest, settings) : new Date(0);
  const author: Author = { name: settings.owner, link: settings.url, ...(settings.contact.email ? { email: settings.contact.email } : {}) };
  const title = feedTitle(settings, scope);
  const description = feedDescription(settings, scope);
  const self = feedUrl(settings, format, policyId);

  // Text that xml-js writes as element text goes through `xmlText`; CDATA through `cdata`.
  const xml = format !== 'json';
  const text = (s: string) => (xml ? xmlText(s) : clean(s));
  const options: FeedOptions = {
    // The Atom feed's id: its own permanent address.
    id: format === 'atom' ? xmlText(self) : self,
    title: text(title),
    description: text(description),
    link: home,
    language: settings.lang,
    updated,
    generator: 'Redline',
    // Self links come from feedLinks, one per format, so that each document names itself.
    feedLinks: { rss: feedUrl(settings, 'rss', policyId), atom: feedUrl(settings, 'atom', policyId), json: feedUrl(settings, 'json', policyId) },
    author: { ...author, name: text(author.name!) },
    // WebSub: the hub subscribers may subscribe through (rel="hub"; the self link above is the topic).
    ...(settings.hub ? { hub: settings.hub } : {}),
  };
  const feed = new Feed(options);
  for (const entry of sorted) feed.addItem(feedItem(format, settings, entry));

  if (format === 'rss') return `${feed.rss2()}\n`;
  if (format === 'atom') return `${feed.atom1()}\n`;
  return jsonFeed11(feed.json1(), settings, author, self);
}

function feedItem(format: FeedFormat, settings: SiteSettings, entry: FeedEntry): Item {
  const title = clean(entryTitle(entry, settings.lang));
  const summary = clean(entrySummary(entry));
  const html = clean(entryContentHtml(settings, entry));
  const date = instant(entry.revision.published, settings);
  const id = entryId(settings, entry);
  const link = entryLink(settings, entry);
  const tags = [entry.revision.policy, ...(entry.revision.change === 'editorial' ? ['editorial'] : [])];
  if (format === 'atom') {
    // Atom writes title and summary as type="html": plain text must be escaped for it.
    return { id, link, date, published: date, title: cdata(escapeHtml(title)), description: cdata(escapeHtml(summary)), content: cdata(html), category: tags.map((term) => ({ term })) };
  }
  if (format === 'rss') {
    // RSS: the title is plain text (in CDATA), the description HTML; the guid is element text.
    // <author> must be an e-mail address in RSS, so it is given only when the site has one.
    const author = settings.contact.email ? [{ name: xmlText(settings.owner), email: xmlText(settings.contact.email) }] : undefined;
    return {
      id: xmlText(id),
      link,
      date,
      published: date,
      title: cdata(title),
      description: cdata(escapeHtml(summary)),
      content: cdata(html),
      category: tags.map((name) => ({ name })),
      ...(author ? { author } : {}),
    };
  }
  return { id, link, date, published: date, title, description: summary, content: html, category: tags.map((name) => ({ name })) };
}

/**
 * The entries of a feed: the scope's visible revisions, newest announcement
 * first, each with what it changed (from `changesFor`, for all but a
 * policy's first revision).
 */
export function feedEntries(model: SiteModel, policyId: string | undefined, changesFor: (view: RevisionView) => RevisionChanges | undefined): FeedEntry[] {
  return feedRevisions(model, policyId).map(({ policy, view }) => {
    const first = view.previous === undefined;
    return { policy: policy.id, revision: view.revision, first, changes: first ? undefined : changesFor(view), announcedSha256: view.corrections[0]?.was ?? view.revision.sha256 };
  });
}

/** Rewrites the JSON Feed that `feed` writes (version 1) as JSON Feed 1.1, fields in the spec's order. */
function jsonFeed11(json: string, settings: SiteSettings, author: Author, self: string): string {
  const v1 = JSON.parse(json) as Record<string, unknown> & { items: Record<string, unknown>[] };
  const person = { name: author.name, url: author.link };
  const out: Record<string, unknown> = {
    version: 'https://jsonfeed.org/version/1.1',
    title: v1.title,
    home_page_url: v1.home_page_url,
    feed_url: self,
    description: v1.description,
    language: settings.lang,
    authors: [person],
    // JSON Feed 1.0 readers look for `author`; 1.1 keeps it as deprecated but valid.
    author: person,
    ...(settings.hub ? { hubs: [{ type: 'WebSub', url: settings.hub }] } : {}),
    items: v1.items.map((item) => {
      const ordered: Record<string, unknown> = {};
      for (const key of ['id', 'url', 'title', 'content_html', 'summary', 'date_published', 'date_modified', 'tags']) {
        if (item[key] !== undefined) ordered[key] = item[key];
      }
      return ordered;
    }),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Escapes text for HTML (element text and quoted attribute values), as every feed reader reads it. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Drops the characters XML 1.0 cannot carry (C0 controls but tab, LF and CR; lone surrogates; U+FFFE/U+FFFF). */
export function clean(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/**
 * Text for an element that xml-js escapes itself: it first turns every
 * `&amp;` back into `&` ("to avoid double escaping"), so a literal `&amp;`
 * in a title would come out as `&`. Escaping `&` first makes it round-trip.
 */
export function xmlText(s: string): string {
  return clean(s).replace(/&/g, '&amp;');
}

/**
 * Text for a CDATA section written by xml-js, which splits only the first
 * `]]>` (String.replace with a string): every later one is split here, so
 * that no `]]>` ends the section early.
 */
export function cdata(s: string): string {
  const first = s.indexOf(']]>');
  if (first < 0) return s;
  return s.slice(0, first + 3) + s.slice(first + 3).replaceAll(']]>', ']]]]><![CDATA[>');
}

/** A feed document as an HTTP response body and content type, for the feed routes (src/astro/routes/). */
export function feedDocument(
  format: FeedFormat,
  data: { settings: SiteSettings; model: SiteModel },
  policyId: string | undefined,
  changesFor: (view: RevisionView) => RevisionChanges | undefined,
): { body: string; contentType: string } {
  const policy = policyId === undefined ? undefined : data.model.policies.find((p) => p.id === policyId);
  if (policyId !== undefined && !policy) throw new Error(`no policy "${policyId}" on the site`);
  const body = renderFeed(format, data.settings, { policy }, feedEntries(data.model, policyId, changesFor));
  return { body, contentType: FEED_CONTENT_TYPES[format] };
}

export const FEED_LINK_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

export const FEED_FORMAT_NAMES: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

/**
 * The `<link rel="alternate">` feeds a page announces: on a policy's pages
 * that policy's feeds first (what a reader most likely wants there), then on
 * every page the site-wide feeds.
 */
export function autodiscoveryLinks(settings: SiteSettings, policy?: { id: string; title: string }): { type: string; title: string; href: string }[] {
  const links: { type: string; title: string; href: string }[] = [];
  if (policy) {
    for (const f of FEED_FORMATS) links.push({ type: FEED_LINK_TYPES[f], title: `${policy.title}: new versions (${FEED_FORMAT_NAMES[f]})`, href: feedUrl(settings, f, policy.id) });
  }
  for (const f of FEED_FORMATS) links.push({ type: FEED_LINK_TYPES[f], title: `${settings.name}: new versions of every policy (${FEED_FORMAT_NAMES[f]})`, href: feedUrl(settings, f) });
  return links;
}
