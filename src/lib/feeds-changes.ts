/**
 * What each revision changed, for the feeds: the changed sections and the
 * capped redline of the changed blocks, from the diff engine (src/lib/diff/).
 */
import type { RevisionView } from './site.ts';
import type { RevisionChanges } from './feeds.ts';

// INTEGRATION PENDING: the diff engine (issue 3) is not in the tree yet; until it is,
// entries carry no changed sections or redline.
export function revisionChanges(_view: RevisionView): RevisionChanges | undefined {
  return undefined;
}
