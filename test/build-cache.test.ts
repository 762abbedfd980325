import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, utimesSync, existsSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pruneAstroCaches } from '../src/cli/commands/build.ts';

const HOUR = 60 * 60 * 1000;

describe('pruneAstroCaches', () => {
  it('keeps the 8 most recently used Astro caches and any used within the hour, and nothing else of the cache', () => {
    const cache = mkdtempSync(join(tmpdir(), 'redline-cache-'));
    const now = Date.UTC(2026, 10, 25, 12);
    // 12 old caches, used 2..13 hours ago; 2 more used minutes ago.
    for (let i = 0; i < 12; i++) {
      const dir = join(cache, `astro-old${String(i).padStart(2, '0')}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'data-store.json'), '{}');
      const t = new Date(now - (i + 2) * HOUR);
      utimesSync(dir, t, t);
    }
    for (const name of ['astro-new1', 'astro-new2']) {
      mkdirSync(join(cache, name));
      const t = new Date(now - 5 * 60 * 1000);
      utimesSync(join(cache, name), t, t);
    }
    mkdirSync(join(cache, 'diffs'));
    const old = new Date(now - 100 * HOUR);
    utimesSync(join(cache, 'diffs'), old, old);

    const removed = pruneAstroCaches(cache, now).map((p) => p.slice(cache.length + 1)).sort();
    // Kept: the two new ones and the six most recent old ones (old00..old05).
    expect(removed).toEqual(['astro-old06', 'astro-old07', 'astro-old08', 'astro-old09', 'astro-old10', 'astro-old11']);
    expect(readdirSync(cache).sort()).toEqual(['astro-new1', 'astro-new2', 'astro-old00', 'astro-old01', 'astro-old02', 'astro-old03', 'astro-old04', 'astro-old05', 'diffs']);
  });

  it('never removes a cache used within the hour, however many there are', () => {
    const cache = mkdtempSync(join(tmpdir(), 'redline-cache-'));
    const now = Date.UTC(2026, 10, 25, 12);
    for (let i = 0; i < 12; i++) {
      mkdirSync(join(cache, `astro-busy${i}`));
      const t = new Date(now - i * 60 * 1000);
      utimesSync(join(cache, `astro-busy${i}`), t, t);
    }
    expect(pruneAstroCaches(cache, now)).toEqual([]);
    expect(readdirSync(cache)).toHaveLength(12);
  });

  it('does nothing when the cache folder does not exist yet', () => {
    expect(pruneAstroCaches(join(tmpdir(), 'redline-no-such-cache-folder'))).toEqual([]);
    expect(existsSync(join(tmpdir(), 'redline-no-such-cache-folder'))).toBe(false);
  });
});
