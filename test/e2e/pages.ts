// Every kind of page the site has, as the end-to-end tests visit them.
import { inject } from 'vitest';
import type { ServedSite } from './support.ts';

export interface PageKind {
  /** Also the screenshot's file name. */
  name: string;
  site: 'main' | 'fixture' | 'reading' | 'corpus';
  /** Relative to the site's address (which carries its base path). */
  path: string;
  /** The site path its canonical link names; undefined where the page has none to give (404). */
  canonical: string | undefined;
  status: number;
  /** Printed by readers: has the "Print or save as PDF" control, and a print header that says this. */
  printHeader: RegExp | undefined;
  /** Shows a redline (<ins>/<del>). */
  redline: boolean;
  /** The page's language (<html lang>). */
  lang: string;
}

const kind = (k: Partial<PageKind> & Pick<PageKind, 'name' | 'site' | 'path'>): PageKind => ({
  canonical: `/${k.path.replace(/[?#].*$/, '')}`,
  status: 200,
  printHeader: undefined,
  redline: false,
  lang: 'en',
  ...k,
});

const MAIN = 'https://policies\\.illustrious\\.example';
const FIXTURE = 'https://example\\.org/legal';
/** "Privacy Policy · Version effective 1 April 2024 (no longer in force) … https://…/privacy/2024-04-01/" */
const versionHeader = (title: string, version: string, state: string, address: string) =>
  new RegExp(`^${title} · Version effective ${version} \\(${state}\\)[^]*${address}$`);
const changesHeader = (title: string, from: string, to: string, address: string) =>
  new RegExp(`^${title} · Changes from the version effective ${from} to the version effective ${to}[^]*${address}$`);

export const KINDS: PageKind[] = [
  kind({ name: 'home', site: 'main', path: '' }),
  kind({ name: 'policy', site: 'main', path: 'privacy/', printHeader: versionHeader('Privacy Policy', '1 April 2025', 'in force', `${MAIN}/privacy/2025-04-01/`) }),
  kind({ name: 'revision-in-force', site: 'main', path: 'privacy/2025-04-01/', printHeader: versionHeader('Privacy Policy', '1 April 2025', 'in force', `${MAIN}/privacy/2025-04-01/`) }),
  kind({ name: 'revision-past', site: 'main', path: 'privacy/2024-04-01/', printHeader: versionHeader('Privacy Policy', '1 April 2024', 'no longer in force', `${MAIN}/privacy/2024-04-01/`) }),
  kind({ name: 'history', site: 'main', path: 'privacy/history/' }),
  kind({ name: 'changes', site: 'main', path: 'privacy/2025-04-01/changes/', redline: true, printHeader: changesHeader('Privacy Policy', '1 April 2024', '1 April 2025', `${MAIN}/privacy/2025-04-01/changes/`) }),
  // The side-by-side view is the changes page at #side-by-side (its former address, .../side-by-side/, leads there with a refresh).
  kind({ name: 'changes-side-by-side', site: 'main', path: 'privacy/2025-04-01/changes/#side-by-side', redline: true, printHeader: changesHeader('Privacy Policy', '1 April 2024', '1 April 2025', `${MAIN}/privacy/2025-04-01/changes/`) }),
  kind({ name: 'compare', site: 'main', path: 'privacy/compare/2024-04-01...2025-04-01/', redline: true, printHeader: changesHeader('Privacy Policy', '1 April 2024', '1 April 2025', `${MAIN}/privacy/compare/2024-04-01\\.\\.\\.2025-04-01/`) }),
  kind({ name: 'compare-form', site: 'main', path: 'privacy/compare/' }),
  kind({ name: 'search', site: 'main', path: 'search/?q=personal+information' }),
  kind({ name: 'subscribe', site: 'main', path: 'subscribe/' }),
  kind({ name: 'not-found', site: 'main', path: 'no-such-page/', canonical: '/404/', status: 404 }),
  kind({ name: 'home-two-policies', site: 'fixture', path: '' }),
  kind({ name: 'revision-upcoming', site: 'fixture', path: 'cookies/2025-01-15/', printHeader: versionHeader('Cookie Policy', '15 January 2025', 'not yet in force', `${FIXTURE}/cookies/2025-01-15/`) }),
  kind({ name: 'changes-upcoming', site: 'fixture', path: 'cookies/2025-01-15/changes/', redline: true, printHeader: changesHeader('Cookie Policy', '1 June 2024', '15 January 2025', `${FIXTURE}/cookies/2025-01-15/changes/`) }),
  kind({ name: 'history-upcoming', site: 'fixture', path: 'cookies/history/' }),
  kind({ name: 'policy-subsections', site: 'reading', path: 'handbook/', printHeader: versionHeader('Member Handbook', '1 May 2024', 'in force', 'https://handbook\\.example/handbook/2024-05-01/') }),
  kind({ name: 'changes-between-changes', site: 'reading', path: 'handbook/2024-03-01/changes/', redline: true }),
  // The same site in Japanese (policies/privacy/<date>.ja.md), under /ja/.
  kind({ name: 'ja-home', site: 'main', path: 'ja/', lang: 'ja' }),
  kind({ name: 'ja-policy', site: 'main', path: 'ja/privacy/', lang: 'ja' }),
  kind({ name: 'ja-revision-past', site: 'main', path: 'ja/privacy/2024-04-01/', lang: 'ja' }),
  kind({ name: 'ja-history', site: 'main', path: 'ja/privacy/history/', lang: 'ja' }),
  kind({ name: 'ja-changes', site: 'main', path: 'ja/privacy/2025-04-01/changes/', lang: 'ja', redline: true }),
  kind({ name: 'ja-compare-form', site: 'main', path: 'ja/privacy/compare/', lang: 'ja' }),
  kind({ name: 'ja-search', site: 'main', path: 'ja/search/?q=%E5%80%8B%E4%BA%BA%E6%83%85%E5%A0%B1', canonical: '/ja/search/', lang: 'ja' }),
  kind({ name: 'ja-subscribe', site: 'main', path: 'ja/subscribe/', lang: 'ja' }),
  kind({ name: 'ja-not-found', site: 'main', path: 'ja/no-such-page/', canonical: '/ja/404/', status: 404, lang: 'ja' }),
];

/**
 * Every kind of page again on the corpus of real histories (REDLINE_E2E_CORPUS, as of 2026-12-01), when
 * it is given: the GitHub Terms of Service, whose contents have 60 entries in two levels.
 */
export const CORPUS_KINDS: PageKind[] = inject('sites').corpus
  ? [
      kind({ name: 'corpus-home', site: 'corpus', path: '' }),
      kind({ name: 'corpus-policy', site: 'corpus', path: 'terms/' }),
      kind({ name: 'corpus-revision-past', site: 'corpus', path: 'terms/2017-06-09/' }),
      kind({ name: 'corpus-history', site: 'corpus', path: 'terms/history/' }),
      kind({ name: 'corpus-changes', site: 'corpus', path: 'terms/2025-09-29/changes/', redline: true }),
      kind({ name: 'corpus-changes-side-by-side', site: 'corpus', path: 'terms/2025-09-29/changes/#side-by-side', redline: true }),
      kind({ name: 'corpus-compare', site: 'corpus', path: 'terms/compare/2017-06-09...2025-10-31/', redline: true }),
      kind({ name: 'corpus-compare-form', site: 'corpus', path: 'terms/compare/' }),
      kind({ name: 'corpus-search', site: 'corpus', path: 'search/?q=atom.io' }),
      kind({ name: 'corpus-subscribe', site: 'corpus', path: 'subscribe/' }),
      kind({ name: 'corpus-not-found', site: 'corpus', path: 'no-such-page/', canonical: '/404/', status: 404 }),
    ]
  : [];

export function siteOf(k: PageKind): ServedSite {
  const site = inject('sites')[k.site];
  if (!site) throw new Error(`the ${k.site} site is not built (REDLINE_E2E_CORPUS)`);
  return site;
}

export function urlOf(k: PageKind): string {
  return new URL(k.path, siteOf(k).url).href;
}

/** Site path (without base) → the served URL. */
export function at(site: ServedSite, path: string): string {
  return new URL(path.replace(/^\//, ''), site.url).href;
}
