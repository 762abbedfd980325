/**
 * Times the diff engine on the consecutive revision pairs of a corpus, in
 * this process (no cache): the figure that matters when a build meets a pair
 * it has never seen.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { splitFrontMatter } from '../src/lib/frontmatter.ts';
import { countWords } from './corpus.ts';

export interface DiffTimings {
  /** Consecutive pairs in the corpus. */
  pairs: number;
  /** Pairs timed (all of them, or an even sample of large corpora). */
  timed: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Mean words per pair: the old and the new revision's words, added. */
  meanWords: number;
  /** The pair with the most words, timed `runs` times. */
  largest: { pair: string; words: number; medianMs: number; runs: number };
}

type Diff = (oldBody: string, newBody: string) => unknown;

/** Every policy's revision files, oldest first: `[policy, [file, …]]`. */
export function revisionFiles(dir: string): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const policy of readdirSync(dir).sort()) {
    const folder = join(dir, policy);
    if (policy.startsWith('.') || !statSync(folder).isDirectory()) continue;
    const files = readdirSync(folder).filter((f) => /^\d{4}-\d{2}-\d{2}\.md$/.test(f)).sort();
    out.push([policy, files.map((f) => join(folder, f))]);
  }
  return out;
}

function body(path: string): string {
  return splitFrontMatter(readFileSync(path, 'utf8'), path).body;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Loads the engine; undefined when this checkout has none. */
export async function loadDiffEngine(): Promise<Diff | undefined> {
  try {
    const mod = (await import('../src/lib/diff/index.ts')) as { diffMarkdown?: Diff };
    return mod.diffMarkdown;
  } catch {
    return undefined;
  }
}

/**
 * Times `diff` on the consecutive pairs of `dir`: every pair, or `maxPairs`
 * of them spread evenly over the corpus; then the largest pair `runs` times.
 */
export function timeDiffs(dir: string, diff: Diff, maxPairs = 300, runs = 15): DiffTimings | undefined {
  const pairs: [string, string][] = [];
  for (const [, files] of revisionFiles(dir)) for (let i = 1; i < files.length; i++) pairs.push([files[i - 1]!, files[i]!]);
  if (pairs.length === 0) return undefined;
  const n = Math.min(maxPairs, pairs.length);
  const chosen: [string, string][] = [];
  for (let k = 0; k < n; k++) chosen.push(pairs[Math.floor((k * pairs.length) / n)]!);

  // The engine remembers its last few parsed texts (a build diffs each revision against both
  // neighbours). To time every pair from scratch, each call gets its own number of trailing
  // newlines, which changes no block of the Markdown but misses that memo.
  let call = 0;
  const cold = (text: string) => text + '\n'.repeat(1 + (call++ % 50));

  // Warm up the engine (JIT) on a few pairs first.
  for (const [a, b] of chosen.slice(0, 3)) diff(cold(body(a)), cold(body(b)));

  const times: number[] = [];
  let words = 0;
  for (const [a, b] of chosen) {
    const oldBody = cold(body(a));
    const newBody = cold(body(b));
    words += countWords(oldBody) + countWords(newBody);
    const t = performance.now();
    diff(oldBody, newBody);
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);

  // The largest pair of the whole corpus, not just of the sample.
  let largest: [string, string] = pairs[0]!;
  let largestWords = -1;
  for (const [a, b] of pairs) {
    const w = statSync(a).size + statSync(b).size;
    if (w > largestWords) {
      largestWords = w;
      largest = [a, b];
    }
  }
  const [la, lb] = [body(largest[0]), body(largest[1])];
  const runTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [x, y] = [cold(la), cold(lb)];
    const t = performance.now();
    diff(x, y);
    runTimes.push(performance.now() - t);
  }
  const name = (p: string) => p.split('/').slice(-2).join('/');
  return {
    pairs: pairs.length,
    timed: chosen.length,
    medianMs: median(times),
    p95Ms: quantile(times, 0.95),
    maxMs: times[times.length - 1]!,
    meanWords: Math.round(words / chosen.length),
    largest: { pair: `${name(largest[0])} → ${name(largest[1])}`, words: countWords(la) + countWords(lb), medianMs: median(runTimes), runs },
  };
}
