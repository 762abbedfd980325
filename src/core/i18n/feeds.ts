/**
 * Feeds in each of the site's languages (/ja/feed.xml, /ja/privacy/atom.xml…):
 * the same documents as src/core/feeds.ts writes for the default language,
 * in the feed's language, with the text of each revision in it:
 *
 * - a revision whose translation was published by the day it was announced
 *   is announced in that language (its title, summary and the redline of the
 *   translations);
 * - a revision without one then is announced too, in the feed's language,
 *   with a link to the text that prevails;
 * - a translation published later gets an entry of its own, on its own day,
 *   with an id of its own (`…/ja/privacy/2025-04-01/#translation`).
 *
 * What an entry says depends only on the revisions and translations and their
 * days, never on the day of the build: an entry never changes once published.
 */
import type { SiteSettings } from '../settings.ts';
import type { SiteModel, RevisionView } from '../site.ts';
import { translationKey, type SiteLanguages, type Translation } from '../translations.ts';
import type { Correction } from '../lock.ts';
import { autodiscoveryLinks, feedRevisions, newestEntries, renderFeed, FEED_CONTENT_TYPES, type FeedEntry, type FeedFormat, type FeedLocale, type RevisionChanges } from '../feeds.ts';
import { stringsFor } from './strings.ts';

export function feedLocale(lang: string, languages: Pick<SiteLanguages, 'path'>): FeedLocale {
  return { lang, t: stringsFor(lang), path: (p) => languages.path(lang, p) };
}

/** The feeds a page announces, in its language. */
export function feedLinks(settings: SiteSettings, locale: { lang: string; defaultLang: string; pathIn: (lang: string, path: string) => string }, policy?: { id: string; title: string }): ReturnType<typeof autodiscoveryLinks> {
  if (locale.lang === locale.defaultLang) return autodiscoveryLinks(settings, policy);
  return autodiscoveryLinks(settings, policy, { lang: locale.lang, t: stringsFor(locale.lang), path: (p) => locale.pathIn(locale.lang, p) });
}

/** An entry of a feed in another language, with its revision's view and whether it shows what changed. */
export interface LocalizedEntry {
  entry: FeedEntry;
  view: RevisionView;
  /** True when the entry shows the redline of its texts in the feed's language (changesFor is asked for it). */
  showsChanges: boolean;
}

/**
 * The entries of a feed in `lang`: every visible revision of the scope, and a
 * translation-added entry for each translation published after its revision;
 * newest first, and for the site-wide feeds only the newest
 * SITE_FEED_MAX_ENTRIES of them (the cap applies in each language, as in the
 * default one). Their changes are not filled in: `showsChanges` says which
 * need them (a revision after the policy's first, with its text in this
 * language published by its announcement), so that only the entries a feed
 * shows are computed.
 */
export function localizedEntries(model: SiteModel, languages: SiteLanguages, lang: string, policyId: string | undefined, translationCorrections: (key: string) => readonly Correction[] = () => []): LocalizedEntry[] {
  const out: LocalizedEntry[] = [];
  // The hash of a text as announced, before any correction (as the site's lock, /redline.lock, records it).
  const announced = (view: RevisionView, t?: Translation) => (t ? (translationCorrections(translationKey(t))[0]?.was ?? t.sha256) : (view.corrections[0]?.was ?? view.revision.sha256));
  // Every revision: a translation added late to an old revision may be among the newest entries.
  for (const { policy, view } of feedRevisions(model, policyId, Infinity)) {
    const rev = view.revision;
    const first = view.previous === undefined;
    const controlling = languages.controlling(policy.id);
    if (controlling === lang) {
      out.push({ entry: { policy: policy.id, revision: rev, first, announcedSha256: announced(view) }, view, showsChanges: !first });
      continue;
    }
    const t = languages.translation(policy.id, rev.effective, lang);
    const withIt = t !== undefined && t.published <= rev.published;
    const outdated = t && t.translates !== t.effective ? t.translates : undefined;
    out.push({ entry: { policy: policy.id, revision: rev, first, text: withIt ? t : undefined, controlling, outdated: withIt ? outdated : undefined, announcedSha256: announced(view, withIt ? t : undefined) }, view, showsChanges: !first && withIt });
    if (t && !withIt) out.push({ entry: { policy: policy.id, revision: rev, first, kind: 'translation', text: t, controlling, outdated, announcedSha256: announced(view, t) }, view, showsChanges: false });
  }
  return newestEntries(out, policyId, (e) => e.entry);
}

/**
 * A feed document in a language other than the site's default, as a response
 * body. `changesFor`: a revision's changes in this language (its translation
 * and the one before it), asked only for the entries that show them.
 */
export function localizedFeedDocument(
  format: FeedFormat,
  data: { settings: SiteSettings; model: SiteModel; languages: SiteLanguages },
  policyId: string | undefined,
  lang: string,
  changesFor: (view: RevisionView) => RevisionChanges | undefined,
  entries: readonly LocalizedEntry[] = localizedEntries(data.model, data.languages, lang, policyId),
): { body: string; contentType: string } {
  const policy = policyId === undefined ? undefined : data.model.policies.find((p) => p.id === policyId);
  if (policyId !== undefined && !policy) throw new Error(`no policy "${policyId}" on the site`);
  const loc = feedLocale(lang, data.languages);
  const title = policy ? data.languages.titleOf(policy, lang) : undefined;
  const filled = entries.map(({ entry, view, showsChanges }) => (showsChanges ? { ...entry, changes: changesFor(view) } : entry));
  const body = renderFeed(format, data.settings, { policy, title }, filled, loc);
  return { body, contentType: FEED_CONTENT_TYPES[format] };
}
