import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pruneSearchCache, writeSearchIndex } from '../src/node/search-index.ts';
import { packageVersion, packageVersions } from '../src/node/disk-cache.ts';
import { root } from './helpers/cli.ts';
import { buildFixture, listFiles, tempDir } from './helpers/cli.ts';

let built: string;

beforeAll(async () => {
  built = await buildFixture('site', ['--now', '2024-12-20', '--site', 'https://example.org/legal/']);
});

/** A copy of the built site without its search index, as Astro leaves it before Redline indexes it. */
function unindexed(): string {
  const site = join(tempDir('redline-search-cache-'), 'dist');
  cpSync(built, site, { recursive: true });
  rmSync(join(site, 'pagefind'), { recursive: true, force: true });
  return site;
}

const pieces = (cache: string) => readdirSync(cache).filter((n) => /^[0-9a-f]{64}$/.test(n));

/** The cache entry whose piece holds `file` (a file of the piece's own output, such as pagefind-entry.json). */
function entryHolding(cache: string, site: string, out: string): string {
  const entry = readFileSync(join(site, out, 'pagefind-entry.json'));
  const found = pieces(cache).filter((p) => existsSync(join(cache, p, 'files', 'pagefind-entry.json')) && readFileSync(join(cache, p, 'files', 'pagefind-entry.json')).equals(entry));
  expect(found).toHaveLength(1);
  return join(cache, found[0]!);
}

describe('the search index in a rebuild', () => {
  it('copies each piece whose pages did not change from the cache, and indexes again the one whose pages did', async () => {
    const cache = join(tempDir('redline-search-cache-'), 'search');
    const first = unindexed();
    const count = await writeSearchIndex(first, [], cache);
    expect(count).toBeGreaterThan(1);
    const versions = readdirSync(join(first, 'pagefind', 'v'));
    expect(versions.length).toBeGreaterThan(0);
    // One piece for the versions in force, one per policy with past or upcoming versions.
    expect(pieces(cache)).toHaveLength(1 + versions.length);

    // The same pages: the same index, byte for byte, with or without the cache.
    const again = unindexed();
    const main = entryHolding(cache, first, 'pagefind');
    const policy = versions[0]!;
    const piece = entryHolding(cache, first, join('pagefind', 'v', policy));
    // (A mark in the kept pieces shows that they were copied, not made again.)
    writeFileSync(join(main, 'files', 'copied.txt'), 'main');
    writeFileSync(join(piece, 'files', 'copied.txt'), 'piece');
    expect(await writeSearchIndex(again, [], cache)).toBe(count);
    expect(readFileSync(join(again, 'pagefind', 'copied.txt'), 'utf8')).toBe('main');
    expect(readFileSync(join(again, 'pagefind', 'v', policy, 'copied.txt'), 'utf8')).toBe('piece');
    const indexFiles = (site: string) => listFiles(join(site, 'pagefind')).filter((f) => !f.endsWith('copied.txt'));
    expect(indexFiles(again)).toEqual(indexFiles(first));
    for (const f of indexFiles(first)) expect(readFileSync(join(again, 'pagefind', f)).equals(readFileSync(join(first, 'pagefind', f))), f).toBe(true);

    // One past version's page changed: its policy's piece is indexed again (and finds the new word); the piece in force is copied.
    const changed = unindexed();
    const past = readdirSync(join(changed, policy)).find((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && readFileSync(join(changed, policy, d, 'index.html'), 'utf8').includes('data-pagefind-body'))!;
    const page = join(changed, policy, past, 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace(/(data-pagefind-body[^>]*>)/, '$1<p>Zanzibarian</p>'));
    expect(await writeSearchIndex(changed, [], cache)).toBe(count);
    expect(readFileSync(join(changed, 'pagefind', 'copied.txt'), 'utf8')).toBe('main');
    expect(existsSync(join(changed, 'pagefind', 'v', policy, 'copied.txt'))).toBe(false);
    expect(readFileSync(join(changed, 'pagefind', 'v', policy, 'pagefind-entry.json')).equals(readFileSync(join(first, 'pagefind', 'v', policy, 'pagefind-entry.json')))).toBe(false);
  });
});

describe('what the caches are keyed by', () => {
  it('names the version of each package as installed, though most packages export no package.json', () => {
    for (const name of ['pagefind', 'unified', 'remark-parse', 'micromark', 'parse5']) {
      const installed = (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
      expect(packageVersion(name), name).toBe(installed);
    }
    expect(packageVersion('no-such-package-here')).toBeUndefined();
    expect(packageVersions(['unified', 'no-such-package-here'])).toMatch(/^unified@\d+\.\d+\.\d+ no-such-package-here@\?$/);
  });
});

describe('pruneSearchCache', () => {
  it('keeps the pieces of the last build, the 16 most recently used others and any used within the hour; removes old temporary folders only', () => {
    const HOUR = 60 * 60 * 1000;
    const cache = tempDir('redline-search-prune-');
    const now = Date.UTC(2026, 10, 30, 12);
    const piece = (i: number, hoursAgo: number, suffix = '') => {
      const path = join(cache, `${String(i).padStart(64, '0')}${suffix}`);
      mkdirSync(path);
      writeFileSync(join(path, 'count'), '1');
      const t = new Date(now - hoursAgo * HOUR);
      utimesSync(path, t, t);
      return path;
    };
    const old = Array.from({ length: 20 }, (_, i) => piece(i + 1, i + 2)); // 2..21 hours ago
    const recent = [piece(30, 0.1), piece(31, 0.2)];
    const used = piece(40, 50);
    const staleTmp = piece(50, 3, '.1234.abcdef.tmp');
    const freshTmp = piece(51, 0.05, '.1234.abcdef.tmp');
    writeFileSync(join(cache, 'other.txt'), 'not a piece');
    const removed = pruneSearchCache(cache, [used], now).sort();
    // Besides the one the build used: the 2 recent ones and the 14 newest old ones make 16 kept; the 6 oldest go, with the stale temporary folder.
    expect(removed).toEqual([...old.slice(14), staleTmp].sort());
    for (const p of [...old.slice(0, 14), ...recent, used, freshTmp, join(cache, 'other.txt')]) expect(existsSync(p), p).toBe(true);
  });
});
