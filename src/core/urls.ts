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
  robots: () => '/robots.txt',
  /** The versions API (src/core/versions.ts): every policy, and one policy's revisions. */
  policiesJson: () => '/policies.json',
  versionsJson: (policy: string) => `/${policy}/versions.json`,
  /** The JSON Schemas of the versions API, published with the site. */
  schema: (file: string) => `/schemas/${file}`,
  /** A policy's Memento TimeMap (RFC 7089), application/link-format. */
  timemap: (policy: string) => `/${policy}/timemap`,
  /** A policy's Open Terms Archive declaration. */
  otaDeclaration: (policy: string) => `/${policy}/ota-declaration.json`,
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

/**
 * Links made absolute, for HTML read elsewhere (a feed reader): the redline's
 * own fragments (`#rl-…`, `#old-…`) lead to the changes page, every other
 * fragment to the revision's page, where the author's headings have their
 * ids; a path written relative to the page (`help/quota`) is resolved against
 * the revision's page. Root-relative paths are rebaseHtml's; addresses with a
 * scheme (https:, mailto:, tel:) stay as they are.
 */
export function absoluteLinks(html: string, pageUrl: string, redlineUrl: string): string {
  return html.replace(/<[a-zA-Z][^<>]*>/g, (tag) =>
    tag.replace(/(\s(?:href|src)=)(["'])([^"']*)\2/gi, (m, attr: string, q: string, value: string) => {
      const safe = (url: string) => url.replace(/[&"'<>`]/g, (c) => ATTRIBUTE_SAFE[c]!);
      if (value.startsWith('#')) return `${attr}${q}${safe(/^#(?:rl-|old-)/.test(value) ? redlineUrl : pageUrl)}${value}${q}`;
      if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('/') || value === '') return m;
      try {
        return `${attr}${q}${safe(new URL(value.replace(/&amp;/g, '&'), pageUrl).href)}${q}`;
      } catch {
        return m;
      }
    }),
  );
}

/** HTML comments removed (a feed carries none: a reader does not show them and some readers choke on them). */
export function withoutComments(html: string): string {
  return html.replace(/<!--[^]*?-->/g, '');
}
