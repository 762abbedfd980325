import { describe, expect, it } from 'vitest';
import fs, { cpSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join, resolve } from 'node:path';
import { root, run, tempDir } from './helpers/cli.ts';

/**
 * One reader: a build reads each revision file once. Every way Node reads a
 * file is counted while a copy of the policies is built in this process (the
 * content loader, the pages, the feeds, the search index all run here; the
 * worker threads read only the cache).
 */
describe('a build reads each revision file once', () => {
  it('counts the reads of every revision file during a build', async () => {
    const work = tempDir('redline-reads-');
    const policies = join(work, 'policies');
    cpSync(join(root, 'policies'), policies, { recursive: true });
    const reads = new Map<string, number>();
    const count = (path: unknown) => {
      const p = typeof path === 'string' ? resolve(path) : path instanceof URL ? resolve(path.pathname) : undefined;
      if (p?.startsWith(policies) && p.endsWith('.md')) reads.set(p, (reads.get(p) ?? 0) + 1);
    };
    const patched = ['readFileSync', 'readFile', 'createReadStream', 'openSync', 'open'] as const;
    const saved = patched.map((name) => [name, fs[name]] as const);
    const savedPromise = fs.promises.readFile;
    const savedPromiseOpen = fs.promises.open;
    // One read is one outermost call (readFileSync opens the file itself: that open is part of the same read).
    let depth = 0;
    for (const [name, original] of saved) {
      (fs as unknown as Record<string, unknown>)[name] = function (this: unknown, path: unknown, ...rest: unknown[]) {
        if (depth === 0) count(path);
        depth++;
        try {
          return (original as (...a: unknown[]) => unknown).call(this, path, ...rest);
        } finally {
          depth--;
        }
      };
    }
    fs.promises.readFile = ((path: unknown, ...rest: unknown[]) => (count(path), (savedPromise as (...a: unknown[]) => unknown)(path, ...rest))) as typeof fs.promises.readFile;
    fs.promises.open = ((path: unknown, ...rest: unknown[]) => (count(path), (savedPromiseOpen as (...a: unknown[]) => unknown)(path, ...rest))) as typeof fs.promises.open;
    syncBuiltinESMExports();
    try {
      // A cache of its own: a cold build, in which every text is read and analysed.
      const r = await run(['build', '--policies', policies, '--out', join(work, 'dist'), '--now', '2025-06-01'], { env: { REDLINE_CACHE_DIR: join(work, 'cache') } });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    } finally {
      for (const [name, original] of saved) (fs as unknown as Record<string, unknown>)[name] = original;
      fs.promises.readFile = savedPromise;
      fs.promises.open = savedPromiseOpen;
      syncBuiltinESMExports();
    }
    const files = fs.readdirSync(join(policies, 'privacy')).map((f) => join(policies, 'privacy', f));
    // The two revisions and their Japanese translations.
    expect(files.length).toBe(4);
    expect(Object.fromEntries(files.map((f) => [f.slice(work.length), reads.get(f) ?? 0]))).toEqual(Object.fromEntries(files.map((f) => [f.slice(work.length), 1])));
  });
});
