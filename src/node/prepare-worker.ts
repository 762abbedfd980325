// A worker thread of src/lib/prepare.ts: receives batches of tasks, fills the
// on-disk caches, and answers each batch with the number of tasks done.
import { parentPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitFrontMatter } from '../core/frontmatter.ts';
import { renderAndLint } from './render.ts';
import { DiffCache } from './diff-cache.ts';
import { FEED_REDLINE } from '../core/diff/render.ts';
import { COMPARE_DATA, compareData } from '../core/diff/pages.ts';
import type { PrepareTask } from './prepare.ts';

const cacheRoot = process.env.REDLINE_CACHE_DIR;
// The same folder src/diff-data.ts reads (REDLINE_DIFF_CACHE=off: nothing on disk, nothing to prepare).
const diffs = cacheRoot && process.env.REDLINE_DIFF_CACHE !== 'off' ? new DiffCache(join(cacheRoot, 'diffs')) : undefined;

/** The body as the pages read it (src/diff-data.ts: revisionBody), and the line it starts on. */
function body(path: string): { body: string; bodyLine: number } {
  const raw = readFileSync(path, 'utf8');
  const split = splitFrontMatter(raw, path);
  return { body: split.body, bodyLine: split.bodyLine };
}

async function run(task: PrepareTask): Promise<void> {
  if (task.kind === 'text') {
    const { body: text, bodyLine } = body(task.path);
    await renderAndLint(text, task.path, bodyLine);
    diffs?.derived(COMPARE_DATA, text, () => compareData(text));
    return;
  }
  if (!diffs) return;
  const a = body(task.old).body;
  const b = body(task.new).body;
  const d = diffs.diff(a, b);
  diffs.redline(a, b, {}, d);
  if (task.feed && !d.stats.identical) diffs.redline(a, b, FEED_REDLINE, d);
}

parentPort!.on('message', async (tasks: PrepareTask[]) => {
  for (const task of tasks) {
    try {
      await run(task);
    } catch {
      // Left to the page that needs it, which reports it with its context.
    }
  }
  parentPort!.postMessage(tasks.length);
});
