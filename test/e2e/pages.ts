// Every kind of page the site has, as the end-to-end tests visit them.
import { inject } from 'vitest';
import type { ServedSite } from './support.ts';

export interface PageKind {
  /** Also the screenshot's file name. */
  name: string;
  site: 'main' | 'fixture';
  /** Relative to the site's address (which carries its base path). */
  path: string;
  /** The site path its canonical link names; undefined where the page has none to give (404). */
  canonical: string | undefined;
  status: number;
  /** Printed by readers: has the print header and the "Print or save as PDF" control. */
  printable: boolean;
  /** The scripts it loads (site paths), and no others. */
  scripts: string[];
}

const kind = (k: Partial<PageKind> & Pick<PageKind, 'name' | 'site' | 'path'>): PageKind => ({
  canonical: `/${k.path.replace(/\?.*$/, '')}`,
  status: 200,
  printable: false,
  scripts: [],
  ...k,
});

export const KINDS: PageKind[] = [
  kind({ name: 'home', site: 'main', path: '' }),
  kind({ name: 'policy', site: 'main', path: 'privacy/', printable: true }),
  kind({ name: 'revision-in-force', site: 'main', path: 'privacy/2025-04-01/', printable: true, scripts: ['/scripts/print.js'] }),
  kind({ name: 'revision-past', site: 'main', path: 'privacy/2024-04-01/', printable: true, scripts: ['/scripts/print.js'] }),
  kind({ name: 'history', site: 'main', path: 'privacy/history/', scripts: ['/scripts/in-force-on.js'] }),
  kind({ name: 'search', site: 'main', path: 'search/?q=personal+information', scripts: ['/scripts/search.js'] }),
  kind({ name: 'subscribe', site: 'main', path: 'subscribe/' }),
  kind({ name: 'not-found', site: 'main', path: 'no-such-page/', canonical: '/404/', status: 404 }),
  kind({ name: 'home-two-policies', site: 'fixture', path: '' }),
  kind({ name: 'revision-upcoming', site: 'fixture', path: 'cookies/2025-01-15/', printable: true, scripts: ['/scripts/print.js'] }),
  kind({ name: 'history-upcoming', site: 'fixture', path: 'cookies/history/', scripts: ['/scripts/in-force-on.js'] }),
];

export function siteOf(k: PageKind): ServedSite {
  return inject('sites')[k.site];
}

export function urlOf(k: PageKind): string {
  return new URL(k.path, siteOf(k).url).href;
}

/** Site path (without base) → the served URL. */
export function at(site: ServedSite, path: string): string {
  return new URL(path.replace(/^\//, ''), site.url).href;
}
