import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Random } from '../bench/random.ts';
import { countWords, generateCorpus, policyName, revisionsPerPolicy, writeCorpus } from '../bench/corpus.ts';
import { median, quantile } from '../bench/diffs.ts';
import { report } from '../bench/report.ts';
import { loadPolicies } from '../src/node/policies.ts';
import { Artifacts } from '../src/node/artifacts.ts';
import { splitFrontMatter } from '../src/core/frontmatter.ts';
import { tempDir } from './helpers/cli.ts';

const digest = (texts: Iterable<{ text: string }>) => {
  const h = createHash('sha256');
  for (const t of texts) h.update(t.text).update('\0');
  return h.digest('hex');
};

describe('bench: seeded random numbers', () => {
  it('gives the same sequence for the same seed and another for another seed', async () => {
    const a = new Random('seed');
    const b = new Random('seed');
    const c = new Random('other');
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('keeps integers within their bounds and reaches both ends', async () => {
    const r = new Random('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = r.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });
});

describe('bench: synthetic corpus', () => {
  it('spreads the revisions over the policies', async () => {
    expect(revisionsPerPolicy(3, 10)).toEqual([4, 3, 3]);
    expect(revisionsPerPolicy(10, 10000).every((n) => n === 1000)).toBe(true);
    expect(() => revisionsPerPolicy(4, 3)).toThrow();
    expect(policyName(0)).toEqual(['privacy', 'Privacy Policy']);
    expect(policyName(12)[0]).toBe('privacy-2');
  });

  it('is byte-for-byte the same for the same options, and different for another seed', async () => {
    const a = digest(generateCorpus({ policies: 2, revisions: 12, seed: 's1' }));
    expect(digest(generateCorpus({ policies: 2, revisions: 12, seed: 's1' }))).toBe(a);
    expect(digest(generateCorpus({ policies: 2, revisions: 12, seed: 's2' }))).not.toBe(a);
  });

  it('makes revisions of about the asked length, each different from the one before', async () => {
    const revs = [...generateCorpus({ policies: 2, revisions: 40, words: 3000 })];
    expect(revs).toHaveLength(40);
    for (const r of revs) {
      expect(r.words).toBeGreaterThan(2500);
      expect(r.words).toBeLessThan(3600);
    }
    for (let i = 1; i < revs.length; i++) {
      if (revs[i]!.policy !== revs[i - 1]!.policy) continue;
      expect(revs[i]!.effective > revs[i - 1]!.effective).toBe(true);
      expect(splitFrontMatter(revs[i]!.text, 'x').body).not.toBe(splitFrontMatter(revs[i - 1]!.text, 'x').body);
    }
  });

  it('edits like a legal team: sections move, appear and go, lists and tables change', async () => {
    const revs = [...generateCorpus({ policies: 1, revisions: 60, seed: 'edits' })];
    const headings = (t: string) => t.split('\n').filter((l) => l.startsWith('## '));
    const tables = (t: string) => t.split('\n').filter((l) => l.startsWith('| ') && !l.includes('---')).join('\n');
    const lists = (t: string) => t.split('\n').filter((l) => /^(- |\d+\. )/.test(l)).join('\n');
    let moved = 0;
    let added = 0;
    let removed = 0;
    let tableEdits = 0;
    let listEdits = 0;
    for (let i = 1; i < revs.length; i++) {
      const [a, b] = [revs[i - 1]!.text, revs[i]!.text];
      const [ha, hb] = [headings(a), headings(b)];
      if (hb.some((h) => !ha.includes(h))) added++;
      if (ha.some((h) => !hb.includes(h))) removed++;
      const common = ha.filter((h) => hb.includes(h));
      const order = hb.filter((h) => common.includes(h));
      if (common.join() !== order.join()) moved++;
      if (tables(a) !== tables(b)) tableEdits++;
      if (lists(a) !== lists(b)) listEdits++;
    }
    expect(moved).toBeGreaterThan(0);
    expect(added).toBeGreaterThan(0);
    expect(removed).toBeGreaterThan(0);
    expect(tableEdits).toBeGreaterThan(0);
    expect(listEdits).toBeGreaterThan(0);
  });

  it('writes valid revisions: Redline loads them with no error and no warning', async () => {
    const dir = join(tempDir('redline-bench-'), 'policies');
    const written = writeCorpus(dir, { policies: 3, revisions: 15, words: 800 });
    expect(written.revisions).toBe(15);
    expect(readdirSync(dir).sort()).toEqual(['cookies', 'privacy', 'terms']);
    const { policies, problems } = await loadPolicies(dir, new Artifacts(undefined));
    expect(problems.map((p) => p.format())).toEqual([]);
    expect(policies.reduce((n, p) => n + p.revisions.length, 0)).toBe(15);
    expect(policies.every((p) => p.revisions.slice(1).every((r) => r.summary))).toBe(true);
    const newest = policies.flatMap((p) => p.revisions.map((r) => r.effective)).sort().at(-1);
    expect(written.newest).toBe(newest);
    const one = readFileSync(join(dir, 'privacy', `${policies.find((p) => p.id === 'privacy')!.revisions[0]!.effective}.md`), 'utf8');
    expect(one.startsWith('---\ntitle: Privacy Policy\n---\n')).toBe(true);
  });

  it('counts words as a reader does', async () => {
    expect(countWords('We keep **personal data** for 30 days — no longer.')).toBe(9);
    expect(countWords('| a | b |\n| --- | --- |')).toBe(2);
  });
});

describe('bench: statistics and report', () => {
  it('takes medians and quantiles', async () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(sorted, 0.95)).toBe(95);
    expect(quantile(sorted, 1)).toBe(100);
  });

  it('prints the ratio to the plain Astro build, and says when a build failed', async () => {
    const build = (wallS: number, peakRssMB: number, ok = true) => ({ ok, code: ok ? 0 : 1, wallS, perRevisionMs: (wallS * 1000) / 70, peakRssMB, cpuS: wallS, outputMB: 3, outputFiles: 10 });
    const base = { source: 'corpus' as const, dir: 'x', policies: 2, revisions: 70, meanWords: 4190, markdownMB: 2, now: '2025-10-31', runs: { redline: [], plain: [] }, incremental: null, diff: null };
    const text = report(
      [
        { ...base, name: 'github', redline: build(6, 800), plain: build(4, 400), ratio: { time: 1.5, memory: 2 } },
        { ...base, name: 'huge', redline: build(60, 900), plain: build(0, 9000, false), ratio: null },
      ],
      { CPU: 'test', cores: '2' },
    );
    expect(text).toContain('| github | 70 | 4,190 | 6.0 s | 86 ms | 800 MB | 3.0 MB | 4.0 s | 57 ms | 400 MB | 3.0 MB | 1.50× | 2.00× |');
    expect(text).toContain('| huge | 70 | 4,190 | 60.0 s | 857 ms | 900 MB | 3.0 MB | failed (exit 1) | – | 9,000 MB | – | – | – |');
    expect(text).toContain('Machine: CPU test · cores 2');
  });
});
