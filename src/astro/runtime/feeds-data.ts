// The bridge between the feed pages and the diff engine: each revision's changed
// sections and capped redline, computed once per site model through diff-data.ts,
// then every feed document (src/core/feeds.ts).
import { siteData, type SiteData } from './site-data.ts';
import { changedBlocksHtml, revisionDiff } from './diff-data.ts';
import { FEED_REDLINE_MAX_CHARS, feedChanges, feedDocument, sectionHref, type FeedFormat, type RevisionChanges } from '../../core/feeds.ts';
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

/** A feed document (site-wide when `policy` is undefined) as a Response. */
export async function feedResponse(format: FeedFormat, policy: string | undefined): Promise<Response> {
  const data = await siteData();
  const byRevision = await changes(data);
  const { body, contentType } = feedDocument(format, data, policy, (view) => byRevision.get(view.revision));
  return new Response(body, { headers: { 'content-type': contentType } });
}
