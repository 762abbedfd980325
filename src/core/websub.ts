/**
 * WebSub (W3C Recommendation, 2018): feeds that name a hub (`hub` in
 * redline.config.ts; src/core/feeds.ts adds `rel="hub"` and `rel="self"`
 * to each), and the publisher's side of it, which `redline notify` runs after
 * a deploy: tell the hub which feeds changed, with `hub.mode=publish` and
 * `hub.url=<feed>`, once each, so that it fetches them and pushes them to
 * their subscribers.
 *
 * Which feeds changed is decided by their bytes: the SHA-256 of each feed
 * as deployed, against the hashes recorded the last time the hub was told
 * (the state file). Feeds never depend on the day of the build
 * (src/core/feeds.ts), so a feed changes only when a revision is announced
 * or corrected.
 */
import type { FeedFormat } from './feeds.ts';

/** What the last notification recorded: for a hub and a site, each feed's hash when the hub was last told of it. */
export interface NotifyState {
  version: 1;
  hub: string;
  site: string;
  feeds: Record<string, string>;
}

/** The feeds a site has, from its /policies.json: the site's own and each policy's, in every format. */
export function feedsOf(policies: { urls: { feeds: Record<FeedFormat, string> }; policies: Array<{ urls: { feeds: Record<FeedFormat, string> } }> }): string[] {
  const out = new Set<string>();
  for (const feeds of [policies.urls.feeds, ...policies.policies.map((p) => p.urls.feeds)]) for (const url of Object.values(feeds)) out.add(url);
  return [...out];
}

/**
 * The feeds to tell the hub of: those whose hash differs from the state's,
 * or all of them when the state is for another hub or site (or missing),
 * in the order given.
 */
export function changedFeeds(current: ReadonlyMap<string, string>, state: NotifyState | undefined, hub: string, site: string): string[] {
  const known = state && state.version === 1 && state.hub === hub && state.site === site ? state.feeds : {};
  return [...current.entries()].filter(([url, hash]) => known[url] !== hash).map(([url]) => url);
}

/** The state after a notification: the current hashes of the feeds the hub now knows, the old ones of those it does not. */
export function nextState(current: ReadonlyMap<string, string>, state: NotifyState | undefined, hub: string, site: string, failed: ReadonlySet<string>): NotifyState {
  const before = state && state.hub === hub && state.site === site ? state.feeds : {};
  const feeds: Record<string, string> = {};
  for (const [url, hash] of [...current.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!failed.has(url)) feeds[url] = hash;
    else if (before[url] !== undefined) feeds[url] = before[url]!;
  }
  return { version: 1, hub, site, feeds };
}

/** The body of a publish ping (application/x-www-form-urlencoded). */
export function publishBody(feed: string): string {
  return new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': feed }).toString();
}

/** Whether a hub's answer is worth trying again: it was busy or failed, not a refusal of the request itself. */
export function retryable(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
