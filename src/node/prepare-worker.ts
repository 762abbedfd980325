// A worker thread of src/node/prepare.ts: receives batches of tasks, fills the
// disk caches, and answers each batch with the number of tasks done.
import { parentPort, workerData } from 'node:worker_threads';
import { Artifacts } from './artifacts.ts';
import { DiffCache, docOf } from './diff-cache.ts';
import { FEED_REDLINE } from '../core/diff/render.ts';
import type { PrepareTask } from './prepare.ts';

const dirs = workerData as { artifacts: string; diffs: string };
const artifacts = new Artifacts(dirs.artifacts);
const diffs = new DiffCache(dirs.diffs);

function run(task: PrepareTask): void {
  if (task.kind === 'analyze') {
    artifacts.analysis(task.body);
    return;
  }
  const a = docOf(artifacts, task.old);
  const b = docOf(artifacts, task.new);
  const d = diffs.diff(a, b);
  diffs.redline(a, b, {}, d);
  if (task.feed && !d.stats.identical) diffs.redline(a, b, FEED_REDLINE, d);
}

parentPort!.on('message', (tasks: PrepareTask[]) => {
  for (const task of tasks) {
    try {
      run(task);
    } catch {
      // Left to the page that needs it, which reports it with its context.
    }
  }
  parentPort!.postMessage(tasks.length);
});
