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
import { stringsFor, type Strings } from './i18n/strings.ts';

/**
 * The language a feed is written in: its strings, and where its pages are
 * (`/ja/…` for a language other than the site's default). Every function
 * below takes one; without, the site's default language (src/core/i18n/feeds.ts
 * builds those of the other languages).
 */
export interface FeedLocale {
  lang: string;
  t: Strings;
  /** Site path → the path of the page in this language. */
  path: (path: string) => string;
}

export function defaultFeedLocale(settings: Pick<SiteSettings, 'lang'>): FeedLocale {
  return { lang: settings.lang, t: stringsFor(settings.lang), path: (p) => p };
}

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
export function sectionHref(settings: SiteSettings, revision: Revision, section: Pick<ChangedSection, 'anchor' | 'side'>, loc: FeedLocale = defaultFeedLocale(settings)): string {
  return `${absolute(settings.url, loc.path(paths.changes(revision.policy, revision.effective)))}#${redlineId(section) ?? 'rl-beginning'}`;
}

/**
 * A revision's changes for its feed entry, from the diff engine's changed
 * sections and its capped HTML of the changed blocks (renderChangedBlocksHtml).
 */
export function feedChanges(settings: SiteSettings, revision: Revision, sections: readonly ChangedSection[], blocks: { html: string; truncated: boolean }, loc: FeedLocale = defaultFeedLocale(settings)): RevisionChanges {
  const r = loc.t.redline;
  return {
    sections: sections.map((s) => ({
      title: `${s.anchor === null ? loc.t.feed.sectionAtBeginning : s.title || s.anchor}${s.heading === 'deleted' ? r.sectionRemoved : s.heading === 'inserted' ? r.newSection : ''}`,
      href: sectionHref(settings, revision, s, loc),
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
   * In a feed in another language than the revision's: its text in that
   * language (a translation published by the revision's announcement), or
   * undefined when there was none then; and, for `kind: 'translation'`, an
   * entry of its own for a translation published later (its day, its id).
   */
  text?: Revision | undefined;
  kind?: 'revision' | 'translation';
  /** A translation of an earlier revision, carried forward (src/core/translations.ts). */
  outdated?: string | undefined;
  /** The language of the text that prevails, when the feed's is another. */
  controlling?: string | undefined;
  /**
   * The SHA-256 of the text as announced (before any correction), as the
   * site's lock (/redline.lock) records it: it never changes, so neither does
   * the entry. Defaults to the revision's own hash (in a feed in another
   * language: the hash of the text the entry announces, its translation's if
   * it has one).
   */
  announcedSha256?: string;
}

/** Which feed: the site's (every policy) or one policy's. */
export interface FeedScope {
  /** Undefined for the site-wide feeds. */
  policy?: PolicyView | undefined;
  /** The policy's title in the feed's language, when it is not the policy's own. */
  title?: string | undefined;
}

/**
 * The visible revisions of the site (or of one policy), newest announcement
 * first. Drafts never appear. The site-wide feeds keep the newest
 * SITE_FEED_MAX_ENTRIES; `max` overrides that (the feeds in another language
 * cap their own entries, translations added later included: newestEntries).
 */
export function feedRevisions(model: SiteModel, policyId?: string, max = policyId === undefined ? SITE_FEED_MAX_ENTRIES : Infinity): { policy: PolicyView; view: RevisionView }[] {
  const out: { policy: PolicyView; view: RevisionView }[] = [];
  for (const policy of model.policies) {
    if (policyId !== undefined && policy.id !== policyId) continue;
    for (const view of policy.revisions) if (!view.draft && view.state !== 'scheduled') out.push({ policy, view });
  }
  out.sort((a, b) => compareEntries(a.view.revision, b.view.revision));
  // The site-wide feeds keep the newest entries; a policy's own feeds keep every revision.
  return out.length > max ? out.slice(0, max) : out;
}

/**
 * Entries in the order a feed lists them (newest first, a translation added
 * later by its own day), and for the site-wide feeds (`policyId` undefined)
 * only the newest SITE_FEED_MAX_ENTRIES, as for the default language.
 */
export function newestEntries<T>(items: readonly T[], policyId: string | undefined, entryOf: (item: T) => FeedEntry): T[] {
  const sorted = [...items].sort((a, b) => compareEntries(dated(entryOf(a)), dated(entryOf(b))));
  return policyId === undefined ? sorted.slice(0, SITE_FEED_MAX_ENTRIES) : sorted;
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
export function entryTitle(entry: FeedEntry, lang = 'en', loc: FeedLocale = { lang, t: stringsFor(lang), path: (p) => p }): string {
  const r = entry.revision;
  const title = (entry.text ?? r).title;
  if (entry.kind === 'translation') return loc.t.feed.translationTitle(title, formatDate(r.effective, loc.lang));
  return loc.t.feed.entryTitle(title, entry.first, formatDate(r.effective, loc.lang), r.change === 'editorial');
}

/** The plain-text summary: the revision's own, or a sentence for a first revision without one. */
export function entrySummary(entry: FeedEntry, loc?: FeedLocale): string {
  const t = loc?.t ?? stringsFor('en');
  const text = entry.text ?? entry.revision;
  if (entry.kind === 'translation') return t.feed.translationSummary(t.languageName(entry.controlling ?? 'en'), text.title, formatDate(entry.revision.effective, loc?.lang ?? 'en'));
  return text.summary ?? t.feed.firstSummary(text.title);
}

/** The page an entry links to: the revision's changes page (its own page for a first revision, or for a translation added). */
export function entryLink(settings: SiteSettings, entry: FeedEntry, loc: FeedLocale = defaultFeedLocale(settings)): string {
  const r = entry.revision;
  return absolute(settings.url, loc.path(entry.first || entry.kind === 'translation' ? paths.revision(r.policy, r.effective) : paths.changes(r.policy, r.effective)));
}

/** The entry's id: the revision's permanent address (in the feed's language), which never changes; a translation added later has its own. */
export function entryId(settings: SiteSettings, entry: FeedEntry, loc: FeedLocale = defaultFeedLocale(settings)): string {
  const page = absolute(settings.url, loc.path(paths.revision(entry.revision.policy, entry.revision.effective)));
  return entry.kind === 'translation' ? `${page}#translation` : page;
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
export function entryContentHtml(settings: SiteSettings, entry: FeedEntry, loc: FeedLocale = defaultFeedLocale(settings)): string {
  const r = entry.revision;
  const { lang, t } = loc;
  const f = t.feed;
  const revisionUrl = absolute(settings.url, loc.path(paths.revision(r.policy, r.effective)));
  const changesUrl = absolute(settings.url, loc.path(paths.changes(r.policy, r.effective)));
  const date = (d: CalendarDate) => `<time datetime="${d}">${escapeHtml(formatDate(d, lang))}</time>`;
  const parts: string[] = [];
  // A summary in the language of the text that prevails, when the feed's has none of its own then.
  const other = entry.controlling && !entry.text && entry.revision.summary !== undefined ? ` lang="${entry.controlling}"` : '';
  parts.push(`<p${other}>${escapeHtml(entrySummary(entry, loc))}</p>`);
  if (entry.kind === 'translation') {
    if (entry.outdated) parts.push(`<p>${escapeHtml(f.translationOutdated(formatDate(entry.outdated, lang)))}</p>`);
    parts.push(`<p>${f.readIt(escapeHtml(revisionUrl), escapeHtml((entry.text ?? r).title), escapeHtml(formatDate(r.effective, lang)))}</p>`);
    parts.push(witness(settings, entry, loc));
    return parts.join('\n');
  }
  if (r.published < r.effective) {
    parts.push(`<p>${f.takesEffectAnnounced(date(r.effective), date(r.published))}</p>`);
  } else {
    parts.push(`<p>${f.effective(date(r.effective))}</p>`);
  }
  if (r.change === 'editorial') {
    parts.push(`<p>${f.editorialNote}</p>`);
  }
  // A feed in another language than the revision's, and no translation of it when it was announced: the text that applies.
  if (entry.controlling && !entry.text) {
    parts.push(`<p>${f.notTranslated(escapeHtml(t.languageName(entry.controlling)), escapeHtml(absolute(settings.url, paths.revision(r.policy, r.effective))))}</p>`);
    parts.push(witness(settings, entry, loc));
    return parts.join('\n');
  }
  if (entry.outdated) parts.push(`<p>${escapeHtml(f.translationOutdated(formatDate(entry.outdated, lang)))}</p>`);
  const c = entry.changes;
  if (!entry.first && c) {
    if (c.sections.length > 0) {
      const items = c.sections.slice(0, FEED_MAX_SECTIONS).map((s) => `<li><a href="${escapeHtml(s.href)}">${escapeHtml(s.title)}</a></li>`);
      const more = c.sections.length - FEED_MAX_SECTIONS;
      if (more > 0) items.push(`<li>${f.moreSections(more, escapeHtml(changesUrl))}</li>`);
      parts.push(`<p>${f.changedSections(c.sections.length)}${lang === 'ja' ? '' : ':'}</p>\n<ul>\n${items.join('\n')}\n</ul>`);
    }
    // Addresses the authors wrote from the site's root become absolute: a feed reader has no base path.
    // Links within the policy (#section, help/page) lead from the revision's page, the redline's own (#rl-move-1) to the
    // changes page; root-relative ones get the site's address; then the final check of what the reader gets.
    if (c.redlineHtml.trim() !== '') parts.push(withoutComments(rebaseChecked(absoluteLinks(c.redlineHtml.trim(), revisionUrl, changesUrl), settings.siteRoot ?? settings.url, (entry.text ?? r).file)));
    parts.push(c.truncated ? `<p>${f.onlyStart(escapeHtml(changesUrl))}</p>` : `<p>${f.seeAll(escapeHtml(changesUrl))}</p>`);
  }
  parts.push(`<p>${f.readIt(escapeHtml(revisionUrl), escapeHtml((entry.text ?? r).title), escapeHtml(formatDate(r.effective, lang)))}</p>`);
  parts.push(witness(settings, entry, loc));
  return parts.join('\n');
}

/** The witness: the hash of the text as announced, as the site's lock records it (redline verify reads the lock). */
function witness(settings: SiteSettings, entry: FeedEntry, loc: FeedLocale): string {
  return `<p>${loc.t.feed.announcedHash(entry.announcedSha256 ?? (entry.text ?? entry.revision).sha256, escapeHtml(absolute(settings.url, paths.lock())))}</p>`;
}

/** The absolute URL of a feed document. */
export function feedUrl(settings: SiteSettings, format: FeedFormat, policy?: string, loc: FeedLocale = defaultFeedLocale(settings)): string {
  return absolute(settings.url, loc.path(paths.feed(policy, format)));
}

export function feedTitle(settings: SiteSettings, scope: FeedScope): string {
  const title = scope.title ?? scope.policy?.title;
  return title ? `${title} — ${settings.name}` : settings.name;
}

export function feedDescription(settings: SiteSettings, scope: FeedScope, loc: FeedLocale = defaultFeedLocale(settings)): string {
  return loc.t.feed.description(settings.owner, scope.policy ? (scope.title ?? scope.policy.title) : undefined);
}

/**
 * One feed document. `entries` must be the scope's visible revisions (see
 * `feedRevisions`); they are sorted newest announcement first here.
 */
export function renderFeed(format: FeedFormat, settings: SiteSettings, scope: FeedScope, entries: readonly FeedEntry[], loc: FeedLocale = defaultFeedLocale(settings)): string {
  const sorted = [...entries].sort((a, b) => compareEntries(dated(a), dated(b)));
  const policyId = scope.policy?.id;
  const home = absolute(settings.url, loc.path(policyId ? paths.history(policyId) : paths.home()));
  // Never the build time: the newest entry's announcement, or (no entry at all) the first revision's.
  const newest = (sorted[0] ? dated(sorted[0]) : undefined)?.published ?? scope.policy?.first.revision.published;
  const updated = newest ? instant(newest, settings) : new Date(0);
  const author: Author = { name: settings.owner, link: settings.url, ...(settings.contact.email ? { email: settings.contact.email } : {}) };
  const title = feedTitle(settings, scope);
  const description = feedDescription(settings, scope, loc);
  const self = feedUrl(settings, format, policyId, loc);

  // Text that xml-js writes as element text goes through `xmlText`; CDATA through `cdata`.
  const xml = format !== 'json';
  const text = (s: string) => (xml ? xmlText(s) : clean(s));
  const options: FeedOptions = {
    // The Atom feed's id: its own permanent address.
    id: format === 'atom' ? xmlText(self) : self,
    title: text(title),
    description: text(description),
    link: home,
    language: loc.lang,
    updated,
    generator: 'Redline',
    // Self links come from feedLinks, one per format, so that each document names itself.
    feedLinks: { rss: feedUrl(settings, 'rss', policyId, loc), atom: feedUrl(settings, 'atom', policyId, loc), json: feedUrl(settings, 'json', policyId, loc) },
    author: { ...author, name: text(author.name!) },
    // WebSub: the hub subscribers may subscribe through (rel="hub"; the self link above is the topic).
    ...(settings.hub ? { hub: settings.hub } : {}),
  };
  const feed = new Feed(options);
  for (const entry of sorted) feed.addItem(feedItem(format, settings, entry, loc));

  if (format === 'rss') return `${feed.rss2()}\n`;
  // Atom: the document's language (xml:lang), which `feed` does not write.
  if (format === 'atom') return `${feed.atom1().replace('<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${loc.lang}">`)}\n`;
  return jsonFeed11(feed.json1(), settings, author, self, loc.lang);
}

/** What an entry is dated by: its revision's announcement, or a translation's own day. */
function dated(entry: FeedEntry): Revision {
  return entry.kind === 'translation' && entry.text ? { ...entry.revision, published: entry.text.published } : entry.revision;
}

function feedItem(format: FeedFormat, settings: SiteSettings, entry: FeedEntry, loc: FeedLocale): Item {
  const title = clean(entryTitle(entry, loc.lang, loc));
  const summary = clean(entrySummary(entry, loc));
  const html = clean(entryContentHtml(settings, entry, loc));
  const date = instant(dated(entry).published, settings);
  const id = entryId(settings, entry, loc);
  const link = entryLink(settings, entry, loc);
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
function jsonFeed11(json: string, settings: SiteSettings, author: Author, self: string, lang = settings.lang): string {
  const v1 = JSON.parse(json) as Record<string, unknown> & { items: Record<string, unknown>[] };
  const person = { name: author.name, url: author.link };
  const out: Record<string, unknown> = {
    version: 'https://jsonfeed.org/version/1.1',
    title: v1.title,
    home_page_url: v1.home_page_url,
    feed_url: self,
    description: v1.description,
    language: lang,
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
export function autodiscoveryLinks(settings: SiteSettings, policy?: { id: string; title: string }, loc: FeedLocale = defaultFeedLocale(settings)): { type: string; title: string; href: string }[] {
  const links: { type: string; title: string; href: string }[] = [];
  if (policy) {
    for (const f of FEED_FORMATS) links.push({ type: FEED_LINK_TYPES[f], title: loc.t.feed.newVersions(settings.name, FEED_FORMAT_NAMES[f], policy.title), href: feedUrl(settings, f, policy.id, loc) });
  }
  for (const f of FEED_FORMATS) links.push({ type: FEED_LINK_TYPES[f], title: loc.t.feed.newVersions(settings.name, FEED_FORMAT_NAMES[f]), href: feedUrl(settings, f, undefined, loc) });
  return links;
}
