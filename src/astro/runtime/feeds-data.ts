// The bridge between the feed pages and the diff engine: each revision's changed
// sections and capped redline, computed once per site model through diff-data.ts,
// then every feed document (src/core/feeds.ts).
import { siteData, type SiteData } from './site-data.ts';
import { changedBlocksHtml, revisionDiff } from './diff-data.ts';
import { FEED_REDLINE_MAX_CHARS, feedChanges, feedDocument, sectionHref, type FeedFormat, type RevisionChanges } from '../../core/feeds.ts';
import { feedLocale, localizedFeedDocument } from '../../core/i18n/feeds.ts';
import type { Revision } from '../../core/revisions.ts';

const byModel = new WeakMap<SiteData, Promise<Map<Revision, RevisionChanges>>>();

/** What every visible revision after a policy's first changed, by revision (of this model). */
function changes(data: SiteData): Promise<Map<Revision, RevisionChanges>> {
  let found = byModel.get(data);
  if (!found) {
    found = (async () => {
      const { model, settings } = data;
      const map = new Map<Revision, RevisionChanges>();
      for (const policy of model.policies) {
        for (const view of policy.revisions) {
          const from = view.previous;
          if (!from || view.draft) continue;
          const to = view.revision;
          const diff = await revisionDiff(policy.id, from.effective, to.effective);
          const blocks = await changedBlocksHtml(policy.id, from.effective, to.effective, {
            maxChars: FEED_REDLINE_MAX_CHARS,
            sectionHref: (_anchor, section) => sectionHref(settings, to, section),
          });
          map.set(to, feedChanges(settings, to, diff.sections, blocks));
        }
      }
      return map;
    })();
    byModel.set(data, found);
  }
  return found;
}

const byLanguage = new WeakMap<SiteData, Map<string, Promise<Map<Revision, RevisionChanges>>>>();

/** What every revision changed in a language: the redline of its text and the one before it in that language, when both exist. */
function changesIn(data: SiteData, lang: string): Promise<Map<Revision, RevisionChanges>> {
  let all = byLanguage.get(data);
  if (!all) byLanguage.set(data, (all = new Map()));
  let found = all.get(lang);
  if (!found) {
    found = (async () => {
      const { model, settings, languages } = data;
      const loc = feedLocale(lang, languages);
      const map = new Map<Revision, RevisionChanges>();
      for (const policy of model.policies) {
        for (const view of policy.revisions) {
          const from = view.previous;
          if (!from || view.draft) continue;
          const a = languages.text(policy.id, from, lang);
          const b = languages.text(policy.id, view.revision, lang);
          if (!a || !b) continue;
          const diff = await revisionDiff(policy.id, from.effective, view.revision.effective, lang);
          const blocks = await changedBlocksHtml(policy.id, from.effective, view.revision.effective, { maxChars: FEED_REDLINE_MAX_CHARS, sectionHref: (_anchor, section) => sectionHref(settings, view.revision, section, loc) }, lang);
          map.set(view.revision, feedChanges(settings, view.revision, diff.sections, blocks, loc));
        }
      }
      return map;
    })();
    all.set(lang, found);
  }
  return found;
}

/** A feed document (site-wide when `policy` is undefined) as a Response; `lang`: in one of the site's other languages. */
export async function feedResponse(format: FeedFormat, policy: string | undefined, lang?: string): Promise<Response> {
  const data = await siteData();
  if (lang !== undefined && lang !== data.settings.lang) {
    const byRevision = await changesIn(data, lang);
    const { body, contentType } = localizedFeedDocument(format, data, policy, lang, (view) => byRevision.get(view.revision));
    return new Response(body, { headers: { 'content-type': contentType } });
  }
  const byRevision = await changes(data);
  const { body, contentType } = feedDocument(format, data, policy, (view) => byRevision.get(view.revision));
  return new Response(body, { headers: { 'content-type': contentType } });
}
