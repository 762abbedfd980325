/**
 * The heavy, per-revision and per-pair work of a build, done ahead of Astro
 * on every core: Astro renders pages one at a time, on one thread, so `redline
 * build` first fills the on-disk caches in worker threads (src/lib/prepare-worker.ts),
 * and the pages then read their results:
 *
 * - `text` tasks, one per revision file: the lint rules (src/lib/content-rules.ts),
 *   the rendered HTML (renderRevision, src/lib/markdown.ts) and the compare
 *   page script's data (compareData, src/lib/diff/pages.ts);
 * - `pair` tasks, one per pair of revisions a page shows (changes pages,
 *   compare pages, feed entries): the diff and its redlines (src/lib/diff/cache.ts).
 *
 * Every result is keyed by content, so doing this work early changes nothing
 * in the output; a task the pages no longer ask for only costs time, and a
 * result the pages ask for that was not prepared is computed by the page as
 * before.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteModel } from '../core/site.ts';
import { changesPaths, comparePaths } from '../core/diff/pages.ts';

export type PrepareTask =
  | { kind: 'text'; path: string }
  /** `old`/`new`: revision files. `feed`: also the feed entry's redline. */
  | { kind: 'pair'; old: string; new: string; feed: boolean };

/** Below this many revisions, starting worker threads costs more than it saves. */
export const PREPARE_MIN_REVISIONS = 24;

/** How many worker threads: REDLINE_WORKERS, else one per core (at most 8); 0 turns preparing off. */
export function workerCount(env = process.env): number {
  const set = env.REDLINE_WORKERS;
  if (set !== undefined && set !== '') {
    const n = Number(set);
    return Number.isInteger(n) && n >= 0 ? n : 0;
  }
  return Math.min(8, availableParallelism());
}

/** A `text` task for every revision file under `dir` (`<policy>/<YYYY-MM-DD>.md`), policy by policy, oldest first. */
export function textTasks(dir: string): PrepareTask[] {
  const tasks: PrepareTask[] = [];
  for (const policy of readdirSync(dir).sort()) {
    const folder = join(dir, policy);
    if (policy.startsWith('.') || !statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder).sort()) {
      if (/^\d{4}-\d{2}-\d{2}\.md$/.test(name)) tasks.push({ kind: 'text', path: join(folder, name) });
    }
  }
  return tasks;
}

/**
 * A `pair` task for every pair the site shows: each revision after a policy's
 * first against the one before it (changes page and feed entry), and each
 * revision against the one in force (compare page), policy by policy, in
 * order, so that a worker meets each text several times in a row.
 */
export function pairTasks(model: SiteModel): PrepareTask[] {
  const tasks: PrepareTask[] = [];
  const seen = new Set<string>();
  const add = (old: string, neu: string, feed: boolean) => {
    const key = `${old}\0${neu}`;
    if (seen.has(key)) return;
    seen.add(key);
    tasks.push({ kind: 'pair', old, new: neu, feed });
  };
  for (const { props } of changesPaths(model)) add(props.from.revision.path, props.to.revision.path, !props.to.draft);
  for (const { props } of comparePaths(model)) add(props.from.revision.path, props.to.revision.path, false);
  return tasks;
}

export interface PreparePool {
  run(tasks: PrepareTask[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts `workers` worker threads. `run` hands them tasks in small batches,
 * in order, as each finishes its previous batch; a task that throws is left
 * to the page that needs it (which will throw the same error, with context),
 * and so is the rest of a worker's work if the worker itself dies.
 */
export function startPool(workers: number): PreparePool {
  const threads = Array.from({ length: workers }, () => new Worker(new URL('./prepare-worker.ts', import.meta.url)));
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
                t.off('error', fail);
                t.off('exit', stop);
                resolve();
              };
              const fail = (e: Error) => {
                if (process.env.REDLINE_VERBOSE) process.stderr.write(`redline: a preparing thread stopped (${e.message}); the pages will do its work\n`);
                stop();
              };
              const give = () => {
                if (next >= tasks.length) return stop();
                const slice = tasks.slice(next, next + batch);
                next += batch;
                t.postMessage(slice);
              };
              t.on('message', give);
              t.on('error', fail);
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
