import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RedlineError } from '../core/errors.ts';

/**
 * The only pages that can carry `data-pagefind-body` (PolicyDocument.astro):
 * /<policy>/ and /<policy>/<date>/. Pagefind reads every file it is given,
 * even one it then leaves out of the index, so it is given only these.
 * test/prepare.test.ts checks that no other page is marked.
 */
export const SEARCHABLE_PAGES = '{*/index.html,*/[0-9]*/index.html}';

/**
 * The same pages in each of the site's other languages, under /<lang>/. Pagefind
 * writes one index per language in each piece (from each page's `<html lang>`),
 * and the search page loads the one of its own language; Japanese is split into
 * words by Pagefind's extended indexer (pagefind_extended, which the npm package installs).
 */
export function searchablePages(languages: readonly string[] = []): string {
  return languages.length === 0 ? SEARCHABLE_PAGES : `{*/index.html,*/[0-9]*/index.html,${languages.map((l) => `${l}/*/index.html,${l}/*/[0-9]*/index.html`).join(',')}}`;
}

/** The versions in force, one page per policy (in each language): the main index (/pagefind/). */
export const currentPages = (languages: readonly string[] = []): string => (languages.length === 0 ? '*/index.html' : `{*/index.html,${languages.map((l) => `${l}/*/index.html`).join(',')}}`);

/** The versions in force in the default language (the main index of a site in one language). */
export const CURRENT_PAGES = currentPages();

/**
 * A policy's own versions, past and upcoming (in each language): its index
 * (/pagefind/v/<policy>/), which the search page merges in, in its own language.
 */
export const versionPages = (policy: string, languages: readonly string[] = []): string =>
  languages.length === 0 ? `${policy}/[0-9]*/index.html` : `{${policy}/[0-9]*/index.html,${languages.map((l) => `${l}/${policy}/[0-9]*/index.html`).join(',')}}`;

/** Where a policy's versions are indexed, under the site. */
export const versionIndex = (policy: string): string => `pagefind/v/${policy}`;

const UNUSED_BUNDLE_FILES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js',
];

/**
 * Writes the site's search index (Pagefind) into `<site>/pagefind/`, from the
 * built HTML in `site`. Only pages marked `data-pagefind-body` are indexed:
 * the policy in force at /<policy>/ and the past and upcoming versions at their
 * permanent addresses, each with a `version` filter (src/astro/components/PolicyDocument.astro).
 *
 * In pieces, so that the indexer's memory is bounded by the largest policy,
 * not by the whole site: the versions in force in `pagefind/`, each policy's
 * other versions in `pagefind/v/<policy>/`, the indexer started afresh for
 * each. The search page merges every policy's index in (Pagefind's mergeIndex)
 * with its first search: every version is searched.
 *
 * Pagefind's indexer is a native binary that npm installs from the registry as an
 * optional dependency for this platform (`@pagefind/linux-x64`, …): nothing is
 * downloaded at build time. Returns the number of pages indexed.
 */
export async function writeSearchIndex(site: string, languages: readonly string[] = []): Promise<number> {
  let pagefind: typeof import('pagefind');
  try {
    pagefind = await import('pagefind');
  } catch (e) {
    throw new RedlineError({ message: `the search indexer (pagefind) is not installed: ${(e as Error).message}`, hint: 'run npm install' });
  }
  const one = async (glob: string, out: string): Promise<number> => {
    try {
      const created = await pagefind.createIndex({});
      const index = created.index;
      if (!index || created.errors.length > 0) throw new Error(created.errors.join('; ') || 'no index');
      const added = await index.addDirectory({ path: site, glob });
      if (added.errors.length > 0) throw new Error(added.errors.join('; '));
      if (added.page_count > 0) {
        const written = await index.writeFiles({ outputPath: join(site, out) });
        if (written.errors.length > 0) throw new Error(written.errors.join('; '));
        // The search page uses Pagefind's own API (src/client/scripts/search.js), not its ready-made
        // interfaces: leave those out of the site.
        for (const unused of UNUSED_BUNDLE_FILES) rmSync(join(site, out, unused), { force: true });
      }
      return added.page_count;
    } finally {
      // The indexer's memory goes with its process.
      await pagefind.close();
    }
  };
  try {
    let pages = await one(currentPages(languages), 'pagefind');
    // A policy none of whose versions is searchable apart from the one in force (a single revision) has no piece: Pagefind,
    // given pages none of which is marked, would index them whole.
    for (const policy of policiesIn(site, languages)) if (hasMarkedVersion(site, policy, languages)) pages += await one(versionPages(policy, languages), versionIndex(policy));
    return pages;
  } catch (e) {
    if (e instanceof RedlineError) throw e;
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new RedlineError({
      message: `the search index could not be written: ${message}`,
      hint: 'pagefind ships its indexer as a per-platform npm package (@pagefind/<platform>); reinstall with npm install on this machine',
    });
  }
}

/** The policies of a built site: the folders with a history page, at the root or under a language's folder (a policy may have pages in some languages only). */
function policiesIn(site: string, languages: readonly string[] = []): string[] {
  const found = new Set<string>();
  for (const top of [site, ...languages.map((l) => join(site, l))]) {
    if (!existsSync(top)) continue;
    for (const d of readdirSync(top, { withFileTypes: true })) if (d.isDirectory() && existsSync(join(top, d.name, 'history', 'index.html'))) found.add(d.name);
  }
  return [...found].sort();
}

/** The attribute in a tag (not in the text, where it would be escaped). */
const MARKED = /<[^>]*\sdata-pagefind-body[\s>=]/;

/** Whether a policy's past or upcoming versions (in any language) have a page marked for search (data-pagefind-body). */
function hasMarkedVersion(site: string, policy: string, languages: readonly string[]): boolean {
  for (const top of [site, ...languages.map((l) => join(site, l))]) {
    const dir = join(top, policy);
    if (!existsSync(dir)) continue;
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      if (!d.isDirectory() || !/^[0-9]/.test(d.name)) continue;
      const page = join(dir, d.name, 'index.html');
      if (existsSync(page) && MARKED.test(readFileSync(page, 'utf8'))) return true;
    }
  }
  return false;
}
