import type { CalendarDate } from './dates.ts';

/**
 * Every address on the site, in one place. Paths are root-relative and do
 * not include the site's base path; `link()` adds it, `absolute()` makes a
 * full URL from the site setting.
 */
export const paths = {
  home: () => '/',
  policy: (policy: string) => `/${policy}/`,
  revision: (policy: string, date: CalendarDate) => `/${policy}/${date}/`,
  raw: (policy: string, date: CalendarDate) => `/${policy}/${date}.md`,
  history: (policy: string) => `/${policy}/history/`,
  changes: (policy: string, date: CalendarDate) => `/${policy}/${date}/changes/`,
  changesJson: (policy: string, date: CalendarDate) => `/${policy}/${date}/changes.json`,
  compare: (policy: string, from: CalendarDate, to: CalendarDate) => `/${policy}/compare/${from}...${to}/`,
  compareForm: (policy: string) => `/${policy}/compare/`,
  feed: (policy?: string, kind: 'rss' | 'atom' | 'json' = 'rss') =>
    `${policy ? `/${policy}` : ''}/${kind === 'rss' ? 'feed.xml' : kind === 'atom' ? 'atom.xml' : 'feed.json'}`,
  calendar: (policy: string) => `/${policy}/calendar.ics`,
  subscribe: () => '/subscribe/',
  search: () => '/search/',
  sitemap: () => '/sitemap.xml',
  /** The lock of what the site published (src/core/lock.ts, publishedLock). */
  lock: () => '/redline.lock',
};

/** `/privacy/` under base `/docs` → `/docs/privacy/`. */
export function link(base: string, path: string): string {
  const b = base.replace(/\/$/, '');
  return `${b}${path}`;
}

/** Full URL of a site path, from the site URL (which may carry a sub-path). */
export function absolute(siteUrl: string, path: string): string {
  const site = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  return new URL(path.replace(/^\//, ''), site).href;
}

/** What a prefix becomes inside an attribute value, quoted either way or not at all: characters that could end the value are character references. */
const ATTRIBUTE_SAFE: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '`': '&#96;' };

/**
 * Root-relative addresses in rendered HTML (`href`, `src`, `poster`, `cite`
 * and `action` attributes) put under a prefix: the base path (`/images/a.png`
 * → `/legal/images/a.png` when the site lives under /legal/), or the site URL
 * for feeds, whose readers need absolute addresses. Authors write addresses on
 * the site from its root, as docs/reference/content-model.md says; protocol-relative ones (`//host/…`)
 * and every other address are left as they are.
 *
 * The prefix is a setting (the site URL, `--site`): it is written as
 * character references where it could end the attribute value, and inserted
 * by a function, never as a replacement pattern (where `$'`, `$&` and `$1`
 * would expand to parts of the tag).
 */
export function rebaseHtml(html: string, prefix: string): string {
  const p = prefix.replace(/\/+$/, '');
  if (!p) return html;
  const safe = p.replace(/[&"'<>`]/g, (c) => ATTRIBUTE_SAFE[c]!);
  return html.replace(/<[a-zA-Z][^<>]*>/g, (tag) => tag.replace(/(\s(?:href|src|poster|cite|action)=)(["']?)\/(?![/\\])/gi, (_match, attribute: string, quote: string) => `${attribute}${quote}${safe}/`));
}
