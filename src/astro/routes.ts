/**
 * Redline's pages, as routes the integration injects (src/astro/integration.ts).
 * Each file under src/astro/routes/ is a page or an endpoint; its pattern is
 * its path there, as Astro would read it under src/pages/, put under the
 * integration's prefix (`/legal` when Redline lives inside another site).
 */
export interface RedlineRoute {
  /** The pattern, without the prefix: `/[policy]/history`. */
  pattern: string;
  /** The file, relative to src/astro/routes/. */
  file: string;
  /** Written only when Redline is the whole site (its own home, 404, robots.txt, sitemap, _headers). */
  siteOnly?: boolean;
  /** Also written under /<lang>/ for each of the site's languages but the default (the page finds its language from its route). */
  i18n?: boolean;
}

export const ROUTES: readonly RedlineRoute[] = [
  { pattern: '/', file: 'index.astro', i18n: true },
  { pattern: '/404', file: '404.astro', siteOnly: true, i18n: true },
  { pattern: '/search', file: 'search.astro', i18n: true },
  { pattern: '/subscribe', file: 'subscribe.astro', i18n: true },
  { pattern: '/robots.txt', file: 'robots.txt.ts', siteOnly: true },
  { pattern: '/sitemap.xml', file: 'sitemap.xml.ts' },
  { pattern: '/_headers', file: '_headers.ts', siteOnly: true },
  { pattern: '/feed.xml', file: 'feed.xml.ts', i18n: true },
  { pattern: '/atom.xml', file: 'atom.xml.ts', i18n: true },
  { pattern: '/feed.json', file: 'feed.json.ts', i18n: true },
  { pattern: '/redline.lock', file: 'redline.lock.ts' },
  { pattern: '/favicon.svg', file: 'favicon.svg.ts' },
  { pattern: '/policies.json', file: 'policies.json.ts' },
  { pattern: '/schemas/[schema]', file: 'schemas/[schema].ts' },
  { pattern: '/scripts/[script]', file: 'scripts/[script].ts' },
  { pattern: '/[policy]', file: '[policy]/index.astro', i18n: true },
  { pattern: '/[policy]/history', file: '[policy]/history.astro', i18n: true },
  { pattern: '/[policy]/feed.xml', file: '[policy]/feed.xml.ts', i18n: true },
  { pattern: '/[policy]/atom.xml', file: '[policy]/atom.xml.ts', i18n: true },
  { pattern: '/[policy]/feed.json', file: '[policy]/feed.json.ts', i18n: true },
  { pattern: '/[policy]/calendar.ics', file: '[policy]/calendar.ics.ts' },
  { pattern: '/[policy]/versions.json', file: '[policy]/versions.json.ts' },
  { pattern: '/[policy]/timemap', file: '[policy]/timemap.ts' },
  { pattern: '/[policy]/ota-declaration.json', file: '[policy]/ota-declaration.json.ts' },
  { pattern: '/[policy]/compare', file: '[policy]/compare/index.astro', i18n: true },
  { pattern: '/[policy]/compare/[pair]', file: '[policy]/compare/[pair]/index.astro', i18n: true },
  { pattern: '/[policy]/compare/[pair]/side-by-side', file: '[policy]/compare/[pair]/side-by-side.astro' },
  { pattern: '/[policy]/compare/data/[date].json', file: '[policy]/compare/data/[date].json.ts', i18n: true },
  { pattern: '/[policy]/[date].md', file: '[policy]/[date].md.ts', i18n: true },
  { pattern: '/[policy]/[date]', file: '[policy]/[date]/index.astro', i18n: true },
  { pattern: '/[policy]/[date]/changes', file: '[policy]/[date]/changes/index.astro', i18n: true },
  { pattern: '/[policy]/[date]/changes/side-by-side', file: '[policy]/[date]/changes/side-by-side.astro' },
  { pattern: '/[policy]/[date]/changes.json', file: '[policy]/[date]/changes.json.ts' },
];
