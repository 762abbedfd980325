import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RedlineError } from '../core/errors.ts';

/**
 * The only pages that can carry `data-pagefind-body` (PolicyDocument.astro):
 * /<policy>/ and /<policy>/<date>/. Pagefind reads every file it is given,
 * even one it then leaves out of the index, so it is given only these.
 * test/prepare.test.ts checks that no other page is marked.
 */
export const SEARCHABLE_PAGES = '{*/index.html,*/[0-9]*/index.html}';

/** The versions in force, one page per policy: the main index (/pagefind/). */
export const CURRENT_PAGES = '*/index.html';

/** A policy's own versions, past and upcoming: its index (/pagefind/v/<policy>/), which the search page merges in. */
export const versionPages = (policy: string): string => `${policy}/[0-9]*/index.html`;

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
export async function writeSearchIndex(site: string): Promise<number> {
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
    let pages = await one(CURRENT_PAGES, 'pagefind');
    for (const policy of policiesIn(site)) pages += await one(versionPages(policy), versionIndex(policy));
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

/** The policies of a built site: the folders with a history page. */
function policiesIn(site: string): string[] {
  return readdirSync(site, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(site, d.name, 'history', 'index.html')))
    .map((d) => d.name)
    .sort();
}
