// The bridge between the feed pages and the diff engine: each entry's changed sections and
// capped redline, computed for the entries a feed shows (recent ones kept in memory),
// then every feed document (src/core/feeds.ts).
import { siteData, type SiteData } from './site-data.ts';
import { changedBlocksHtml, revisionDiff } from './diff-data.ts';
import { FEED_REDLINE_MAX_CHARS, feedChanges, feedDocument, feedRevisions, sectionHref, type FeedFormat, type RevisionChanges } from '../../core/feeds.ts';
import { feedLocale, localizedEntries, localizedFeedDocument } from '../../core/i18n/feeds.ts';
import type { Revision } from '../../core/revisions.ts';
import type { RevisionView } from '../../core/site.ts';
import { Recent } from '../../node/artifacts.ts';

// Recently computed entries' changes (the same revision is in its policy's three feeds and the site's three, in each language).
const recent = new Recent<RevisionChanges>(512);

/**
 * What a revision changed since the one before it, as its feed entries show
 * it; `lang` (a language other than the site's default): the redline of its
 * texts in that language, when both exist.
 */
async function changesOf(data: SiteData, policy: string, view: RevisionView, lang?: string): Promise<RevisionChanges | undefined> {
  const from = view.previous;
  if (!from || view.draft) return undefined;
  const to = view.revision;
  const key = `${policy}/${from.effective}/${to.effective}${lang === undefined ? '' : `/${lang}`}`;
  let found = recent.get(key);
  if (!found) {
    if (lang === undefined) {
      const diff = await revisionDiff(policy, from.effective, to.effective);
      const blocks = await changedBlocksHtml(policy, from.effective, to.effective, {
        maxChars: FEED_REDLINE_MAX_CHARS,
        sectionHref: (_anchor, section) => sectionHref(data.settings, to, section),
      });
      found = feedChanges(data.settings, to, diff.sections, blocks);
    } else {
      const { settings, languages } = data;
      if (!languages.text(policy, from, lang) || !languages.text(policy, to, lang)) return undefined;
      const loc = feedLocale(lang, languages);
      const diff = await revisionDiff(policy, from.effective, to.effective, lang);
      const blocks = await changedBlocksHtml(policy, from.effective, to.effective, { maxChars: FEED_REDLINE_MAX_CHARS, sectionHref: (_anchor, section) => sectionHref(settings, to, section, loc) }, lang);
      found = feedChanges(settings, to, diff.sections, blocks, loc);
    }
    recent.set(key, found);
  }
  return found;
}

/** A feed document (site-wide when `policy` is undefined) as a Response; `lang`: in one of the site's other languages. */
export async function feedResponse(format: FeedFormat, policy: string | undefined, lang?: string): Promise<Response> {
  const data = await siteData();
  // Only the entries this feed shows (the site-wide feeds: the newest), computed now: nothing for the whole corpus at once.
  const byRevision = new Map<Revision, RevisionChanges>();
  if (lang !== undefined && lang !== data.settings.lang) {
    const entries = localizedEntries(data.model, data.languages, lang, policy, data.translationCorrections);
    for (const { entry, view, showsChanges } of entries) {
      if (!showsChanges) continue;
      const c = await changesOf(data, entry.policy, view, lang);
      if (c) byRevision.set(view.revision, c);
    }
    const { body, contentType } = localizedFeedDocument(format, data, policy, lang, (view) => byRevision.get(view.revision), entries);
    return new Response(body, { headers: { 'content-type': contentType } });
  }
  for (const { policy: p, view } of feedRevisions(data.model, policy)) {
    const c = await changesOf(data, p.id, view);
    if (c) byRevision.set(view.revision, c);
  }
  const { body, contentType } = feedDocument(format, data, policy, (view) => byRevision.get(view.revision));
  return new Response(body, { headers: { 'content-type': contentType } });
}
