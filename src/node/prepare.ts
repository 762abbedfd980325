/**
 * The heavy work of a build, done on every core: Astro renders pages one at
 * a time on one thread, so the content loader (src/astro/loader.ts) first
 * fills the disk caches in worker threads (src/node/prepare-worker.ts), and
 * the pages then read the results:
 *
 * - `analyze` tasks: a revision body's analysis (src/node/artifacts.ts), sent
 *   by the loader as it reads each file (once);
 * - `pair` tasks, one per pair of revisions a page shows (changes pages,
 *   compare pages, feed entries): the diff and its redlines (src/node/diff-cache.ts).
 *
 * Every result is keyed by content, so doing this work early changes nothing
 * in the output; a result the pages ask for that was not prepared is
 * computed by the page.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { SiteModel } from '../core/site.ts';
import { changesPaths, comparePaths } from '../core/diff/pages.ts';
import { FEED_REDLINE } from '../core/diff/render.ts';
import { DiffCache } from './diff-cache.ts';

/** A revision as a worker finds it: its text by the hash of its bytes, its analysis by its key, where its body starts. */
export interface TextRef {
  sha256: string;
  analysis: string;
  bodyStart: number;
}

export type PrepareTask =
  | { kind: 'analyze'; body: string }
  /** `feed`: also the feed entry's redline. */
  | { kind: 'pair'; old: TextRef; new: TextRef; feed: boolean };

/** Below this many tasks, starting worker threads costs more than it saves. */
export const PREPARE_MIN_TASKS = 24;

/** How many worker threads: REDLINE_WORKERS, else one per core (at most 8); 0 turns preparing off. */
export function workerCount(env = process.env): number {
  const set = env.REDLINE_WORKERS;
  if (set !== undefined && set !== '') {
    const n = Number(set);
    return Number.isInteger(n) && n >= 0 ? n : 0;
  }
  return Math.min(8, availableParallelism());
}

const ref = (r: TextRef): TextRef => ({ sha256: r.sha256, analysis: r.analysis, bodyStart: r.bodyStart });

/**
 * A `pair` task for every pair the site shows: each revision after a policy's
 * first against the one before it (changes page and feed entry), and each
 * revision against the one in force (compare page), policy by policy, in
 * order, so that a worker meets each text several times in a row.
 */
export function pairTasks(model: SiteModel): PrepareTask[] {
  const tasks: PrepareTask[] = [];
  const seen = new Set<string>();
  const add = (old: TextRef, neu: TextRef, feed: boolean) => {
    const key = `${old.sha256}\0${neu.sha256}`;
    if (seen.has(key)) return;
    seen.add(key);
    tasks.push({ kind: 'pair', old: ref(old), new: ref(neu), feed });
  };
  for (const { props } of changesPaths(model)) add(props.from.revision, props.to.revision, !props.to.draft);
  for (const { props } of comparePaths(model)) add(props.from.revision, props.to.revision, false);
  return tasks;
}

export interface PreparePool {
  run(tasks: PrepareTask[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts `workers` worker threads, which keep their results under `cacheDir`.
 * `run` hands them tasks in small batches, in order, as each finishes its
 * previous batch; a task that throws is left to the page that needs it (which
 * will throw the same error, with context), and so is the rest of a worker's
 * work if the worker itself dies.
 */
export function startPool(workers: number, dirs: { artifacts: string; diffs: string }): PreparePool {
  const threads = Array.from({ length: workers }, () => new Worker(new URL('./prepare-worker.ts', import.meta.url), { workerData: dirs }));
  const alive = new Set(threads);
  for (const t of threads) {
    t.unref();
    t.on('exit', () => alive.delete(t));
    t.on('error', () => alive.delete(t));
  }
  return {
    async run(tasks) {
      let next = 0;
      const batch = Math.max(1, Math.min(16, Math.ceil(tasks.length / (workers * 8))));
      await Promise.all(
        [...alive].map(
          (t) =>
            new Promise<void>((resolve) => {
              const stop = () => {
                t.off('message', give);
                t.off('error', stop);
                t.off('exit', stop);
                resolve();
              };
              const give = () => {
                if (next >= tasks.length) return stop();
                const slice = tasks.slice(next, next + batch);
                next += batch;
                t.postMessage(slice);
              };
              t.on('message', give);
              t.on('error', stop);
              t.on('exit', stop);
              give();
            }),
        ),
      );
    },
    async close() {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}

/** The diffs and redlines of every pair the site shows, computed ahead on every core (when there are enough of them). */
export async function prepareSite(model: SiteModel, artifacts: string, diffs: string, shared?: () => PreparePool | undefined): Promise<number> {
  // Only what a previous build did not leave in the cache.
  const cache = new DiffCache(diffs);
  const tasks = pairTasks(model).filter((t) => t.kind !== 'pair' || !cache.has(t.old.analysis, t.new.analysis, t.feed ? [{}, FEED_REDLINE] : [{}]));
  const n = workerCount();
  if (n === 0 || tasks.length < PREPARE_MIN_TASKS) return 0;
  const given = shared?.();
  const pool = given ?? startPool(n, { artifacts, diffs });
  try {
    await pool.run(tasks);
  } finally {
    if (!given) await pool.close();
  }
  return tasks.length;
}

/**
 * One set of worker threads for a whole build, started when first asked for
 * (analyses, then pairs: each thread loads the Markdown pipeline and the diff
 * engine once), closed by `close`.
 */
export function lazyPool(dirs: { artifacts: string; diffs: string }): { get: () => PreparePool | undefined; close: () => Promise<void> } {
  let pool: PreparePool | undefined;
  return {
    get: () => {
      const n = workerCount();
      if (n === 0) return undefined;
      pool ??= startPool(n, dirs);
      return pool;
    },
    close: async () => {
      await pool?.close();
      pool = undefined;
    },
  };
}
