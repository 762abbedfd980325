import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { RedlineError } from '../core/errors.ts';

/**
 * The only pages that can carry `data-pagefind-body` (PolicyDocument.astro):
 * /<policy>/ and /<policy>/<date>/. Pagefind reads every file it is given,
 * even one it then leaves out of the index, so it is given only these: the
 * same index, and on 1,000 synthetic revisions (5,000 pages) 3.5 s and
 * 0.66 GB instead of 15 s and 1.8 GB; on 10,000, 38 s and 5.6 GB instead of
 * about 150 s and 12.5 GB (bench/, docs/explanation/performance.md). test/build.test.ts
 * checks that no other page is marked.
 */
export const SEARCHABLE_PAGES = '{*/index.html,*/[0-9]*/index.html}';

/**
 * The same pages in each of the site's other languages, under /<lang>/. Pagefind
 * writes one index per language (from each page's `<html lang>`), and the search
 * page loads the one of its own language; Japanese is split into words by
 * Pagefind's extended indexer (pagefind_extended, which the npm package installs).
 */
export function searchablePages(languages: readonly string[] = []): string {
  return languages.length === 0 ? SEARCHABLE_PAGES : `{*/index.html,*/[0-9]*/index.html,${languages.map((l) => `${l}/*/index.html,${l}/*/[0-9]*/index.html`).join(',')}}`;
}

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
  try {
    const created = await pagefind.createIndex({});
    const index = created.index;
    if (!index || created.errors.length > 0) throw new Error(created.errors.join('; ') || 'no index');
    const added = await index.addDirectory({ path: site, glob: searchablePages(languages) });
    if (added.errors.length > 0) throw new Error(added.errors.join('; '));
    const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
    if (written.errors.length > 0) throw new Error(written.errors.join('; '));
    // The search page uses Pagefind's own API (src/client/scripts/search.js), not its ready-made
    // interfaces: leave those out of the site.
    for (const unused of UNUSED_BUNDLE_FILES) rmSync(join(site, 'pagefind', unused), { force: true });
    return added.page_count;
  } catch (e) {
    if (e instanceof RedlineError) throw e;
    const message = (e as Error).message.split('\n')[0];
    throw new RedlineError({
      message: `the search index could not be written: ${message}`,
      hint: 'pagefind ships its indexer as a per-platform npm package (@pagefind/<platform>); reinstall with npm install on this machine',
    });
  } finally {
    await pagefind.close();
  }
}
