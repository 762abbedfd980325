/**
 * Redline's one content loader. It reads the policies folder through the
 * code `redline check` uses (src/node/inspect.ts): every revision file read
 * once and checked, every body parsed once, the lock verified. What it
 * derives from each body (HTML, lint, blocks) goes into the disk cache by
 * content (src/node/artifacts.ts); Astro's data store gets small metadata
 * only (it goes into the build's bundle).
 *
 * A problem stops `astro build` (the `redline` command prints each on one
 * line). In `astro dev`, the revisions are watched: an edit updates the
 * pages, and a problem shows in the terminal and as Astro's error overlay
 * on every page until it is fixed.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RedlineError } from '../core/errors.ts';
import { lockKey } from '../core/lock.ts';
import { inspectPolicies, siteModelOf } from '../node/inspect.ts';
import { Artifacts } from '../node/artifacts.ts';
import { lazyPool, prepareSite, type PreparePool } from '../node/prepare.ts';
import { resolvedOptions, type ResolvedOptions } from './options.ts';
import { PROBLEMS_ID, type RevisionEntryData, type ProblemsEntryData, type TranslationEntryData } from './entries.ts';
import { translationKey } from '../core/translations.ts';

export const COLLECTION = 'redline';

/** With REDLINE_TIMINGS (or REDLINE_VERBOSE) set, how long each step took, on stderr (the benchmark reads it). */
async function timed<T>(what: (r: T) => string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await f();
  if (process.env.REDLINE_TIMINGS || process.env.REDLINE_VERBOSE) process.stderr.write(`redline: ${what(r)} in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  return r;
}

async function loadInto(ctx: LoaderContext, o: ResolvedOptions): Promise<void> {
  const artifacts = new Artifacts(join(o.cacheDir, 'artifacts'));
  const build = o.command === 'build';
  // A build's worker threads, started if there is enough to do, serve the analyses and then the pairs.
  const workers = lazyPool({ artifacts: join(o.cacheDir, 'artifacts'), diffs: join(o.cacheDir, 'diffs') });
  try {
    await loadWith(ctx, o, artifacts, build, workers.get);
  } finally {
    await workers.close();
  }
}

async function loadWith(ctx: LoaderContext, o: ResolvedOptions, artifacts: Artifacts, build: boolean, pool: () => PreparePool | undefined): Promise<void> {
  const found = await timed(
    (f) => `read and checked ${f.policies.reduce((n, p) => n + p.revisions.length, 0)} revisions`,
    () => inspectPolicies(o.policies, { artifacts, today: o.today, realToday: o.realToday, parallel: build, settings: o.settings, pool }),
  );
  let errors = found.errors;
  let model;
  if (errors.length === 0) {
    try {
      model = siteModelOf(o.policies, found.policies, o.today, o.drafts, found.lock);
    } catch (e) {
      if (!(e instanceof RedlineError)) throw e;
      errors = [e];
    }
  }
  if (errors.length > 0 && o.command !== 'dev') {
    if (o.report) o.report(errors, found.warnings);
    else for (const p of [...errors, ...found.warnings]) ctx.logger.error(p.format());
    throw new Error(`${errors.length === 1 ? 'a problem' : `${errors.length} problems`} in the policies: ${errors[0]!.format()}`);
  }
  if (o.report) o.report([], found.warnings);
  else for (const w of found.warnings) ctx.logger.warn(w.format());

  ctx.store.clear();
  for (const policy of found.policies) {
    for (const rev of policy.revisions) {
      const line = found.lock?.get(lockKey(rev));
      const data: RevisionEntryData = { ...rev, summary: rev.summary ?? null, corrections: line?.corrections ?? [], locked: line ? { published: line.published, sha256: line.sha256 } : null };
      ctx.store.set({ id: `${rev.policy}/${rev.effective}`, data: data as unknown as Record<string, unknown>, digest: `${rev.sha256}:${rev.analysis}:${JSON.stringify(data.corrections)}:${JSON.stringify(data.locked)}` });
    }
    for (const t of policy.translations ?? []) {
      const key = translationKey(t);
      const line = found.lock?.get(key);
      const data: TranslationEntryData = { ...t, translation: true, summary: t.summary ?? null, own: t.own ?? null, translates: t.translates!, corrections: line?.corrections ?? [], locked: line ? { published: line.published, sha256: line.sha256 } : null };
      ctx.store.set({ id: `${t.policy}/${t.effective}.${t.lang}`, data: data as unknown as Record<string, unknown>, digest: `${t.sha256}:${t.analysis}:${t.published}:${t.translates}:${JSON.stringify(data.corrections)}:${JSON.stringify(data.locked)}` });
    }
  }
  if (errors.length > 0) {
    // astro dev: every page shows the problems (src/astro/runtime/site-data.ts) until they are fixed.
    for (const p of errors) ctx.logger.error(p.format());
    const data: ProblemsEntryData = { problems: errors.map((p) => ({ file: p.file, line: p.line, message: p.message, hint: p.hint, text: p.format() })) };
    ctx.store.set({ id: PROBLEMS_ID, data: data as unknown as Record<string, unknown>, digest: ctx.generateDigest(JSON.stringify(data)) });
    return;
  }
  if (model) o.loaded?.({ policies: model.policies.length, revisions: model.policies.reduce((n, p) => n + p.revisions.length, 0), today: o.today });
  // The diffs and redlines the pages will show, computed ahead on every core (a build only).
  if (build && model) await timed((n) => `prepared ${n} pairs`, () => prepareSite(model, join(o.cacheDir, 'artifacts'), join(o.cacheDir, 'diffs'), pool));
}

/** The loads of `astro dev`, one after another (Astro may call the loader again while an earlier load's reload runs). */
let devLoads: Promise<void> = Promise.resolve();
function oneLoadAtATime(load: () => Promise<void>): Promise<void> {
  const next = devLoads.then(load);
  devLoads = next.catch(() => undefined);
  return next;
}

/** Every file under `dir` with its size and time of change: what a load read, to tell whether it changed meanwhile. */
function folderState(dir: string): string {
  const lines: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(d, name);
      try {
        const st = statSync(path);
        if (st.isDirectory()) walk(path);
        else lines.push(`${path}\0${st.size}\0${st.mtimeMs}`);
      } catch {
        // gone meanwhile: the next event loads again
      }
    }
  };
  walk(dir);
  return lines.join('\n');
}

/** The loader of the `redline` collection (src/content.config.ts). */
export function redlineLoader(): Loader {
  return {
    name: 'redline',
    load: async (ctx) => {
      if (ctx.collection !== COLLECTION) {
        throw new Error(`name Redline's collection "${COLLECTION}" in src/content.config.ts (it is "${ctx.collection}"): its pages read it by that name`);
      }
      const o = resolvedOptions(ctx.config);
      if (!ctx.watcher) {
        await loadInto(ctx, o);
        return;
      }
      // astro dev: any change under the policies folder loads it again (what did not change is read from the cache).
      const first = folderState(o.policies);
      await oneLoadAtATime(() => loadInto(ctx, o));
      ctx.watcher.add(o.policies);
      // An editor saves in steps (the file emptied, then written), and the watcher may report only the
      // first: events are gathered for a moment, and a load during which a file changed is made again.
      let timer: ReturnType<typeof setTimeout> | undefined;
      let running = false;
      let again = false;
      const run = async () => {
        running = true;
        try {
          do {
            again = false;
            const before = folderState(o.policies);
            await oneLoadAtATime(() => loadInto(ctx, o)).catch((e: unknown) => ctx.logger.error(String((e as Error)?.message ?? e)));
            if (folderState(o.policies) !== before) again = true;
          } while (again);
        } finally {
          running = false;
        }
      };
      const soon = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (running) again = true;
          else void run();
        }, 50);
      };
      const reload = (path: string) => {
        if (path.startsWith(o.policies)) soon();
      };
      // (a file saved during the first load, before anything listened)
      if (folderState(o.policies) !== first) soon();
      for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) ctx.watcher.on(event, reload);
    },
  };
}
