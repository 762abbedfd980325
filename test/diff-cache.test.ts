import { describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DiffCache } from '../src/node/diff-cache.ts';
import { diffMarkdown } from '../src/core/diff/index.ts';
import { redline } from '../src/core/diff/render.ts';
import { tempDir, listFiles, run } from './helpers/cli.ts';

const a = '## Sharing\n\nWe share your personal data.\n\n- one\n- two\n';
const b = '## Sharing\n\nWe share your personal information.\n\n- one\n- three\n';

describe('the diff cache', () => {
  it('computes a pair once, then reads it back equal from disk, in a new cache (a new build)', async () => {
    const dir = tempDir('redline-cache-');
    const first = new DiffCache(dir);
    const d1 = first.diff(a, b);
    expect(first.stats).toEqual({ hits: 0, misses: 1 });
    expect(listFiles(dir)).toHaveLength(1);
    const second = new DiffCache(dir);
    const d2 = second.diff(a, b);
    expect(second.stats).toEqual({ hits: 1, misses: 0 });
    expect(d2).toEqual(d1);
    expect(d2).toEqual(diffMarkdown(a, b));
  });

  it('keeps the redline too, and gives back the same items', async () => {
    const dir = tempDir('redline-cache-');
    const items = new DiffCache(dir).redline(a, b);
    const again = new DiffCache(dir);
    expect(again.redline(a, b)).toEqual(items);
    expect(again.stats.hits).toBe(1);
    expect(items).toEqual(await run(diffMarkdown(a, b)));
  });

  it('keys entries by content: another text is another entry', async () => {
    const dir = tempDir('redline-cache-');
    const c = new DiffCache(dir);
    c.diff(a, b);
    c.diff(a, `${b}\nMore.\n`);
    c.diff(b, a);
    expect(c.stats.misses).toBe(3);
    expect(listFiles(dir)).toHaveLength(3);
  });

  it('stores lengths, not the texts', async () => {
    const dir = tempDir('redline-cache-');
    new DiffCache(dir).diff(a, b);
    const [file] = listFiles(dir);
    const stored = readFileSync(join(dir, file!));
    expect(stored.toString('latin1')).not.toContain('personal');
  });

  it('recomputes an entry it cannot read, and one that does not fit the texts', async () => {
    const dir = tempDir('redline-cache-');
    new DiffCache(dir).diff(a, b);
    const [file] = listFiles(dir);
    writeFileSync(join(dir, file!), 'not gzip');
    const c = new DiffCache(dir);
    expect(c.diff(a, b)).toEqual(diffMarkdown(a, b));
    expect(c.stats.misses).toBe(1);
    writeFileSync(join(dir, file!), gzipSync(JSON.stringify({ engine: diffMarkdown(a, b).engine, ops: [['=', 3]], stats: {}, sections: [], units: [] })));
    const d = new DiffCache(dir);
    expect(d.diff(a, b)).toEqual(diffMarkdown(a, b));
    expect(d.stats.misses).toBe(1);
  });

  it('keeps nothing on disk without a folder', async () => {
    const c = new DiffCache(undefined);
    expect(c.diff(a, b)).toEqual(diffMarkdown(a, b));
    expect(c.diff(a, b)).toEqual(diffMarkdown(a, b));
    expect(c.stats).toEqual({ hits: 0, misses: 2 });
  });

  it('leaves no temporary files behind', async () => {
    const dir = tempDir('redline-cache-');
    const c = new DiffCache(dir);
    c.diff(a, b);
    c.redline(a, b);
    for (const sub of readdirSync(dir)) for (const f of readdirSync(join(dir, sub))) expect(f).toMatch(/^[0-9a-f]{64}\.json\.gz$/);
  });
});
