/**
 * Times the diff engine on the consecutive revision pairs of a corpus, in
 * this process (no cache): the figure that matters when a build meets a pair
 * it has never seen.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { splitFrontMatter } from '../src/core/frontmatter.ts';
import { countWords } from './corpus.ts';

export interface Spread {
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface DiffTimings {
  /** Consecutive pairs in the corpus. */
  pairs: number;
  /** Pairs timed (all of them, or an even sample of large corpora). */
  timed: number;
  /** Mean words per pair: the old and the new revision's words, added. */
  meanWords: number;
  /**
   * As in a build: both revisions already parsed (the content loader analyses
   * every body once, and the pages diff the blocks of the analyses). With an
   * engine that cannot diff parsed bodies, the older revision only is parsed
   * ahead (as the newer one of the pair before).
   */
  build: Spread;
  /** From scratch: both revisions parsed by the diff. */
  scratch: Spread;
  /** The pair with the most words, timed `runs` times each way (medians). */
  largest: { pair: string; words: number; buildMs: number; scratchMs: number; runs: number };
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

interface Engine {
  diff: Diff;
  /** Parses a body the way the diff does (and remembers it), when the engine exposes it. */
  parse?: (body: string) => unknown;
  /** Diffs two bodies parsed by `parse` (diffBlocks), when the engine exposes it. */
  diffParsed?: (oldDoc: never, newDoc: never) => unknown;
}

/** Loads the engine; undefined when this checkout has none. */
export async function loadDiffEngine(): Promise<Engine | undefined> {
  try {
    const mod = (await import('../src/core/diff/index.ts')) as { diffMarkdown?: Diff; parseBlocks?: (body: string) => unknown; diffBlocks?: (oldDoc: never, newDoc: never) => unknown };
    return mod.diffMarkdown ? { diff: mod.diffMarkdown, parse: mod.parseBlocks, diffParsed: mod.parseBlocks ? mod.diffBlocks : undefined } : undefined;
  } catch {
    return undefined;
  }
}

function spread(times: number[]): Spread {
  const sorted = [...times].sort((x, y) => x - y);
  return { medianMs: median(sorted), p95Ms: quantile(sorted, 0.95), maxMs: sorted[sorted.length - 1]! };
}

/**
 * Times the diff engine on the consecutive pairs of `dir`: every pair, or
 * `maxPairs` of them spread evenly over the corpus, each two ways: as in a
 * build (both texts already parsed, as the content loader parses every body
 * once; with an older engine, the older text only, as the newer one of the
 * pair before) and from scratch; then the largest pair `runs` times each way.
 */
export function timeDiffs(dir: string, engine: Engine, maxPairs = 300, runs = 15): DiffTimings | undefined {
  const { diff, parse, diffParsed } = engine;
  const pairs: [string, string][] = [];
  for (const [, files] of revisionFiles(dir)) for (let i = 1; i < files.length; i++) pairs.push([files[i - 1]!, files[i]!]);
  if (pairs.length === 0) return undefined;
  const n = Math.min(maxPairs, pairs.length);
  const chosen: [string, string][] = [];
  for (let k = 0; k < n; k++) chosen.push(pairs[Math.floor((k * pairs.length) / n)]!);

  // The engine remembers the texts it parsed last. To time each pair from scratch, both texts of a
  // pair get the same, fresh number of trailing newlines: no block of the Markdown changes, but
  // the texts are new to the engine.
  let call = 0;
  const fresh = (a: string, b: string): [string, string] => {
    const tail = '\n'.repeat(1 + (call++ % 50));
    return [a + tail, b + tail];
  };
  const once = (a: string, b: string, warm: boolean): number => {
    const [x, y] = fresh(a, b);
    if (warm && parse && diffParsed) {
      const [px, py] = [parse(x), parse(y)] as [never, never];
      const t = performance.now();
      diffParsed(px, py);
      return performance.now() - t;
    }
    if (warm) (parse ?? ((t: string) => diff(t, t)))(x);
    const t = performance.now();
    diff(x, y);
    return performance.now() - t;
  };

  // Warm up the engine (JIT) on a few pairs first.
  for (const [a, b] of chosen.slice(0, 3)) once(body(a), body(b), false);

  const build: number[] = [];
  const scratch: number[] = [];
  let words = 0;
  for (const [a, b] of chosen) {
    const [oldBody, newBody] = [body(a), body(b)];
    words += countWords(oldBody) + countWords(newBody);
    build.push(once(oldBody, newBody, true));
    scratch.push(once(oldBody, newBody, false));
  }

  // The largest pair of the whole corpus, not just of the sample.
  let largest: [string, string] = pairs[0]!;
  let largestBytes = -1;
  for (const [a, b] of pairs) {
    const size = statSync(a).size + statSync(b).size;
    if (size > largestBytes) {
      largestBytes = size;
      largest = [a, b];
    }
  }
  const [la, lb] = [body(largest[0]), body(largest[1])];
  const lBuild: number[] = [];
  const lScratch: number[] = [];
  for (let i = 0; i < runs; i++) {
    lBuild.push(once(la, lb, true));
    lScratch.push(once(la, lb, false));
  }
  const name = (p: string) => p.split('/').slice(-2).join('/');
  return {
    pairs: pairs.length,
    timed: chosen.length,
    meanWords: Math.round(words / chosen.length),
    build: spread(build),
    scratch: spread(scratch),
    largest: { pair: `${name(largest[0])} → ${name(largest[1])}`, words: countWords(la) + countWords(lb), buildMs: median(lBuild), scratchMs: median(lScratch), runs },
  };
}
