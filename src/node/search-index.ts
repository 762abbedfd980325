import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { RedlineError } from '../core/errors.ts';
import { leastRecentlyUsed, packageVersions } from './disk-cache.ts';

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
 *
 * With `cache` (a folder), each piece is kept there by the bytes of the pages
 * it may read: a rebuild whose pages of a piece did not change copies that
 * piece instead of indexing them again.
 */
export async function writeSearchIndex(site: string, languages: readonly string[] = [], cache?: string): Promise<number> {
  let pagefind: typeof import('pagefind');
  try {
    pagefind = await import('pagefind');
  } catch (e) {
    throw new RedlineError({ message: `the search indexer (pagefind) is not installed: ${(e as Error).message}`, hint: 'run npm install' });
  }
  const used: string[] = [];
  const one = async (glob: string, out: string, pages: string[]): Promise<number> => {
    // A piece whose pages are byte for byte those of an earlier build is that build's piece (the indexer's output
    // depends on nothing else): copied from the cache instead of indexed again.
    const entry = cache === undefined ? undefined : join(cache, pieceKey(site, glob, pages));
    if (entry !== undefined) {
      used.push(entry);
      const count = cachedCount(entry);
      if (count !== undefined) {
        try {
          if (count > 0) cpSync(join(entry, 'files'), join(site, out), { recursive: true });
          return count;
        } catch {
          // (removed meanwhile by another build's pruning, say): indexed again
          rmSync(join(site, out), { recursive: true, force: true });
        }
      }
    }
    const count = await indexed(glob, out);
    if (entry !== undefined) keep(entry, join(site, out), count);
    return count;
  };
  const indexed = async (glob: string, out: string): Promise<number> => {
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
    const tops = [site, ...languages.map((l) => join(site, l))];
    let pages = await one(currentPages(languages), 'pagefind', tops.flatMap((top) => pagesBelow(top, 1)));
    // A policy none of whose versions is searchable apart from the one in force (a single revision) has no piece: Pagefind,
    // given pages none of which is marked, would index them whole.
    for (const policy of policiesIn(site, languages)) {
      if (hasMarkedVersion(site, policy, languages)) pages += await one(versionPages(policy, languages), versionIndex(policy), tops.flatMap((top) => pagesBelow(join(top, policy), 1)));
    }
    if (cache !== undefined) pruneSearchCache(cache, used);
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

/** The `index.html` files `depth` folders below `dir` (a superset of the pages a piece's pattern gives Pagefind). */
function pagesBelow(dir: string, depth: number): string[] {
  if (!existsSync(dir)) return [];
  if (depth === 0) return existsSync(join(dir, 'index.html')) ? [join(dir, 'index.html')] : [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .flatMap((name) => pagesBelow(join(dir, name), depth - 1));
}

/** A piece of the index by what makes it: the indexer's version, the pattern and where its output goes, and every page it may read. */
function pieceKey(site: string, glob: string, pages: string[]): string {
  const h = createHash('sha256').update(`${packageVersions(['pagefind'])}\0${UNUSED_BUNDLE_FILES.join(',')}\0${glob}\0`);
  for (const page of pages) h.update(`${page.slice(site.length)}\0`).update(readFileSync(page)).update('\0');
  return h.digest('hex');
}

/** How many pages a kept piece holds; undefined if none is kept under `entry`. */
function cachedCount(entry: string): number | undefined {
  try {
    const count = Number(readFileSync(join(entry, 'count'), 'utf8'));
    if (!Number.isInteger(count) || count < 0) return undefined;
    const now = new Date();
    utimesSync(entry, now, now);
    return count;
  } catch {
    return undefined;
  }
}

/** Keeps a piece just written (its files, without the pieces nested in it): whole or not at all. A cache that cannot be written only costs time. */
function keep(entry: string, written: string, count: number): void {
  const tmp = `${entry}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    if (count > 0) cpSync(written, join(tmp, 'files'), { recursive: true, filter: (src) => src !== join(written, 'v') });
    writeFileSync(join(tmp, 'count'), String(count));
    renameSync(tmp, entry);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** How many pieces the search cache keeps besides those of the last build, the most recently used. */
const SEARCH_PIECES_KEPT = 16;
/** A piece used (or a temporary folder written) this recently is never removed: a concurrent build may be copying it. */
const SEARCH_PIECE_IN_USE_MS = 60 * 60 * 1000;

/** Removes the pieces no build used lately, and temporary folders a stopped build left. */
export function pruneSearchCache(cache: string, used: string[], nowMs = Date.now()): string[] {
  const piece = (n: string) => /^[0-9a-f]{64}$/.test(n) && !used.includes(join(cache, n));
  const removed = [
    ...leastRecentlyUsed(cache, (n) => /^[0-9a-f]{64}\.\d+\.[0-9a-f]+\.tmp$/.test(n), 0, SEARCH_PIECE_IN_USE_MS, nowMs),
    ...leastRecentlyUsed(cache, piece, SEARCH_PIECES_KEPT, SEARCH_PIECE_IN_USE_MS, nowMs),
  ];
  for (const path of removed) {
    // Moved away first: a build copying the piece at that moment then fails and indexes again, instead of copying part of it.
    const gone = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.gone`;
    try {
      renameSync(path, gone);
      rmSync(gone, { recursive: true, force: true });
    } catch {
      // removed by another build meanwhile
    }
  }
  return removed;
}
