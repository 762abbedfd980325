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
}

export const ROUTES: readonly RedlineRoute[] = [
  { pattern: '/', file: 'index.astro' },
  { pattern: '/404', file: '404.astro', siteOnly: true },
  { pattern: '/search', file: 'search.astro' },
  { pattern: '/subscribe', file: 'subscribe.astro' },
  { pattern: '/robots.txt', file: 'robots.txt.ts', siteOnly: true },
  { pattern: '/sitemap.xml', file: 'sitemap.xml.ts' },
  { pattern: '/_headers', file: '_headers.ts', siteOnly: true },
  { pattern: '/feed.xml', file: 'feed.xml.ts' },
  { pattern: '/atom.xml', file: 'atom.xml.ts' },
  { pattern: '/feed.json', file: 'feed.json.ts' },
  { pattern: '/redline.lock', file: 'redline.lock.ts' },
  { pattern: '/favicon.svg', file: 'favicon.svg.ts' },
  { pattern: '/policies.json', file: 'policies.json.ts' },
  { pattern: '/schemas/[schema]', file: 'schemas/[schema].ts' },
  { pattern: '/scripts/[script]', file: 'scripts/[script].ts' },
  { pattern: '/[policy]', file: '[policy]/index.astro' },
  { pattern: '/[policy]/history', file: '[policy]/history.astro' },
  { pattern: '/[policy]/feed.xml', file: '[policy]/feed.xml.ts' },
  { pattern: '/[policy]/atom.xml', file: '[policy]/atom.xml.ts' },
  { pattern: '/[policy]/feed.json', file: '[policy]/feed.json.ts' },
  { pattern: '/[policy]/calendar.ics', file: '[policy]/calendar.ics.ts' },
  { pattern: '/[policy]/versions.json', file: '[policy]/versions.json.ts' },
  { pattern: '/[policy]/timemap', file: '[policy]/timemap.ts' },
  { pattern: '/[policy]/ota-declaration.json', file: '[policy]/ota-declaration.json.ts' },
  { pattern: '/[policy]/compare', file: '[policy]/compare/index.astro' },
  { pattern: '/[policy]/compare/[pair]', file: '[policy]/compare/[pair]/index.astro' },
  { pattern: '/[policy]/compare/[pair]/side-by-side', file: '[policy]/compare/[pair]/side-by-side.astro' },
  { pattern: '/[policy]/compare/data/[date].json', file: '[policy]/compare/data/[date].json.ts' },
  { pattern: '/[policy]/[date].md', file: '[policy]/[date].md.ts' },
  { pattern: '/[policy]/[date]', file: '[policy]/[date]/index.astro' },
  { pattern: '/[policy]/[date]/changes', file: '[policy]/[date]/changes/index.astro' },
  { pattern: '/[policy]/[date]/changes/side-by-side', file: '[policy]/[date]/changes/side-by-side.astro' },
  { pattern: '/[policy]/[date]/changes.json', file: '[policy]/[date]/changes.json.ts' },
];
