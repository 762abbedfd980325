// The bridge between the feed pages and the diff engine: each revision's changed
// sections and capped redline, computed once per build through src/diff-data.ts,
// then every feed document (src/lib/feeds.ts).
import { siteData } from './site-data.ts';
import { changedBlocksHtml, revisionDiff } from './diff-data.ts';
import { FEED_REDLINE_MAX_CHARS, feedChanges, feedDocument, sectionHref, type FeedFormat, type RevisionChanges } from '../../core/feeds.ts';
import type { Revision } from '../../core/revisions.ts';

let all: Promise<Map<Revision, RevisionChanges>> | undefined;

/** What every visible revision after a policy's first changed, by revision. */
function changes(): Promise<Map<Revision, RevisionChanges>> {
  all ??= (async () => {
    const { model, settings } = await siteData();
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
  return all;
}

/** A feed document (site-wide when `policy` is undefined) as a Response. */
export async function feedResponse(format: FeedFormat, policy: string | undefined): Promise<Response> {
  const data = await siteData();
  const byRevision = await changes();
  const { body, contentType } = feedDocument(format, data, policy, (view) => byRevision.get(view.revision));
  return new Response(body, { headers: { 'content-type': contentType } });
}
