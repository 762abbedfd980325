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
import type { SiteLanguages } from '../translations.ts';
import { autodiscoveryLinks, feedRevisions, renderFeed, FEED_CONTENT_TYPES, type FeedEntry, type FeedFormat, type FeedLocale, type RevisionChanges } from '../feeds.ts';
import { stringsFor } from './strings.ts';

export function feedLocale(lang: string, languages: Pick<SiteLanguages, 'path'>): FeedLocale {
  return { lang, t: stringsFor(lang), path: (p) => languages.path(lang, p) };
}

/** The feeds a page announces, in its language. */
export function feedLinks(settings: SiteSettings, locale: { lang: string; defaultLang: string; pathIn: (lang: string, path: string) => string }, policy?: { id: string; title: string }): ReturnType<typeof autodiscoveryLinks> {
  if (locale.lang === locale.defaultLang) return autodiscoveryLinks(settings, policy);
  return autodiscoveryLinks(settings, policy, { lang: locale.lang, t: stringsFor(locale.lang), path: (p) => locale.pathIn(locale.lang, p) });
}

/**
 * The entries of a feed in `lang`: every visible revision of the scope, and a
 * translation-added entry for each translation published after its revision.
 * `changesFor`: a revision's changes in this language (its translation and
 * the one before it), when both were published by its announcement.
 */
export function localizedEntries(model: SiteModel, languages: SiteLanguages, lang: string, policyId: string | undefined, changesFor: (view: RevisionView) => RevisionChanges | undefined): FeedEntry[] {
  const out: FeedEntry[] = [];
  for (const { policy, view } of feedRevisions(model, policyId)) {
    const rev = view.revision;
    const first = view.previous === undefined;
    const controlling = languages.controlling(policy.id);
    if (controlling === lang) {
      out.push({ policy: policy.id, revision: rev, first, changes: first ? undefined : changesFor(view) });
      continue;
    }
    const t = languages.translation(policy.id, rev.effective, lang);
    const withIt = t !== undefined && t.published <= rev.published;
    const outdated = t && t.translates !== t.effective ? t.translates : undefined;
    out.push({ policy: policy.id, revision: rev, first, text: withIt ? t : undefined, controlling, outdated: withIt ? outdated : undefined, changes: !first && withIt ? changesFor(view) : undefined });
    if (t && !withIt) out.push({ policy: policy.id, revision: rev, first, kind: 'translation', text: t, controlling, outdated });
  }
  return out;
}

/** A feed document in a language other than the site's default, as a response body. */
export function localizedFeedDocument(
  format: FeedFormat,
  data: { settings: SiteSettings; model: SiteModel; languages: SiteLanguages },
  policyId: string | undefined,
  lang: string,
  changesFor: (view: RevisionView) => RevisionChanges | undefined,
): { body: string; contentType: string } {
  const policy = policyId === undefined ? undefined : data.model.policies.find((p) => p.id === policyId);
  if (policyId !== undefined && !policy) throw new Error(`no policy "${policyId}" on the site`);
  const loc = feedLocale(lang, data.languages);
  const title = policy ? (data.languages.titleOf(policy, lang)) : undefined;
  const body = renderFeed(format, data.settings, { policy, title }, localizedEntries(data.model, data.languages, lang, policyId, changesFor), loc);
  return { body, contentType: FEED_CONTENT_TYPES[format] };
}
