import { existsSync, mkdirSync, renameSync, rmSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, resolve, basename, join, sep } from 'node:path';
import { createHash } from 'node:crypto';
import type { Command } from './command.ts';
import { parse } from '../args.ts';
import { loadSettings, today, policiesDir, projectRoot } from '../context.ts';
import { loadPolicies, displayPath } from '../../core/revisions.ts';
import { RedlineError, RedlineProblems } from '../../core/errors.ts';
import { buildSiteModel, type SiteModel } from '../../core/site.ts';
import { PREPARE_MIN_REVISIONS, pairTasks, startPool, textTasks, workerCount } from '../../node/prepare.ts';
import { readLock, verifyLock, sortProblems } from '../../core/lock.ts';
import { writeSearchIndex } from '../../node/search-index.ts';

export const build: Command = {
  usage: 'build [--policies DIR] [--out DIR] [--site URL] [--now YYYY-MM-DD] [--drafts]',
  summary: 'Builds the static site from the policies into a folder (default ./dist).',
  async run(argv) {
    const { values } = parse('build', argv, {
      policies: { type: 'string' },
      out: { type: 'string' },
      site: { type: 'string' },
      now: { type: 'string' },
      drafts: { type: 'boolean' },
    });
    const settings = loadSettings(values.site);
    const day = today(settings, values.now);
    const dir = policiesDir(values.policies);
    const out = resolve(values.out ?? 'dist');
    process.env.REDLINE_CACHE_DIR ||= PROJECT_CACHE;
    checkOut(out, dir);

    // The heavy work (lint, rendering, diffs, redlines) is done first on every core, into the
    // on-disk caches that validation and the pages read (src/lib/prepare.ts).
    const texts = workerCount() > 0 && existsSync(dir) ? textTasks(dir) : [];
    const pool = texts.length >= PREPARE_MIN_REVISIONS ? startPool(workerCount()) : undefined;
    let model: SiteModel;
    try {
      if (pool) await timed(`prepared ${texts.length} revisions`, () => pool.run(texts));
      model = await timed('validated the revisions', () => validate(dir, day, values.drafts ?? false, today(settings)));
      if (pool) {
        const pairs = pairTasks(model);
        await timed(`prepared ${pairs.length} pairs`, () => pool.run(pairs));
      }
    } finally {
      await pool?.close();
    }
    await timed('built the site', () => astroBuild({ policies: dir, out, site: settings.url, now: day, drafts: values.drafts ?? false }));
    const revisions = model.policies.reduce((n, p) => n + p.revisions.length, 0);
    process.stdout.write(`Built ${model.policies.length} ${model.policies.length === 1 ? 'policy' : 'policies'} (${revisions} revisions) as of ${day} into ${displayPath(out)}\n`);
    return 0;
  },
};

/** Redline's caches unless REDLINE_CACHE_DIR moves them; Astro always runs from a folder here (astroBuild). */
const PROJECT_CACHE = join(projectRoot, 'node_modules', '.cache', 'redline');

/** With REDLINE_VERBOSE or REDLINE_TIMINGS set, how long each step took, on stderr (REDLINE_TIMINGS alone leaves Astro quiet). */
async function timed<T>(what: string, f: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await f();
  if (process.env.REDLINE_VERBOSE || process.env.REDLINE_TIMINGS) process.stderr.write(`redline: ${what} in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  return r;
}

/**
 * The output folder is replaced whole by each build: refuse one that holds
 * anything else — the policies, the project, or files that are not a site
 * Redline built (it always has an index.html).
 */
export function checkOut(out: string, policies: string): void {
  const inside = (a: string, b: string) => a === b || a.startsWith(b.endsWith(sep) ? b : b + sep);
  const hint = 'choose a folder of its own for the site, such as dist';
  if (inside(policies, out)) throw new RedlineError({ message: `--out ${displayPath(out)} holds the policies (${displayPath(policies)}): a build replaces its output folder whole`, hint });
  if (inside(out, policies)) throw new RedlineError({ message: `--out ${displayPath(out)} is inside the policies folder (${displayPath(policies)})`, hint });
  if (inside(projectRoot, out)) throw new RedlineError({ message: `--out ${displayPath(out)} holds the project: a build replaces its output folder whole`, hint });
  for (let up = dirname(out); up !== dirname(up); up = dirname(up)) {
    if (existsSync(up) && !statSync(up).isDirectory()) throw new RedlineError({ message: `--out ${displayPath(out)} is inside ${displayPath(up)}, which is a file`, hint });
  }
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new RedlineError({ message: `--out ${displayPath(out)} is a file, not a folder`, hint });
  const entries = readdirSync(out);
  if (entries.length > 0 && !entries.includes('index.html')) {
    throw new RedlineError({ message: `--out ${displayPath(out)} is not empty and is not a site Redline built (it has no index.html); a build would replace it whole`, hint: 'choose a new or empty folder, or delete that one first' });
  }
}

/** Loads and checks every revision and the lock; the site model, or the problems thrown. */
function validate(dir: string, day: string, drafts: boolean, realToday: string): SiteModel {
  const { policies, problems } = loadPolicies(dir);
  // Published revisions are immutable: a changed or deleted one stops the build (src/lib/lock.ts).
  const lockRead = readLock(dir);
  const { broken, unrecorded } = verifyLock(policies, lockRead, dir, day, problems, realToday);
  const errors = sortProblems([...problems.filter((p) => p.severity === 'error'), ...broken]);
  const warnings = [...problems.filter((p) => p.severity === 'warning'), ...unrecorded];
  // The errors alone when there are any: they are what must be fixed.
  if (errors.length > 0) throw new RedlineProblems(errors);
  for (const w of sortProblems(warnings)) process.stderr.write(`warning: ${w.format()}\n`);
  if (policies.length === 0) {
    throw new RedlineError({ file: displayPath(dir), message: 'holds no policies', hint: 'add one with: npm run redline -- new <policy> --title "..."' });
  }
  const model = buildSiteModel(policies, day, drafts);
  if (model.policies.length === 0) {
    throw new RedlineError({ file: displayPath(dir), message: `nothing is announced yet as of ${day}`, hint: 'check the "published" dates, or preview with --drafts' });
  }
  return model;
}

export interface AstroBuildOptions {
  policies: string;
  out: string;
  site: string;
  now: string;
  drafts: boolean;
}

/**
 * Runs Astro's build into a fresh temporary folder beside `out`, then swaps
 * it in. A failed build leaves the previous `out` exactly as it was.
 */
export async function astroBuild(o: AstroBuildOptions): Promise<void> {
  const parent = dirname(o.out);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(o.out)}.building-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  process.env.REDLINE_POLICIES = o.policies;
  process.env.REDLINE_SITE = o.site;
  process.env.REDLINE_NOW = o.now;
  process.env.REDLINE_DRAFTS = o.drafts ? '1' : '';
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  process.env.REDLINE_ROOT = projectRoot;
  // Rendered revisions, diffs and Astro's own caches live here between builds (REDLINE_CACHE_DIR may move them).
  const cache = (process.env.REDLINE_CACHE_DIR ||= PROJECT_CACHE);
  // One Astro cache per (policies, out) pair, so that concurrent builds never share one.
  const key = createHash('sha256').update(`${o.policies}\0${o.out}`).digest('hex').slice(0, 12);
  // Astro (Vite) resolves the site's dependencies from the working directory: build from the
  // project, whatever folder the command was started in (every path here is absolute). When the
  // output folder is outside the working directory, Astro writes the server half of the build to
  // <cwd>/.astro/.prerender: a folder of this build's own inside the project, so that concurrent
  // builds (tests, the benchmark) never delete each other's chunks.
  const cwd = process.cwd();
  const runDir = join(PROJECT_CACHE, `run-${process.pid}`);
  const astroCache = join(cache, `astro-${key}`);
  mkdirSync(astroCache, { recursive: true });
  const now = new Date();
  utimesSync(astroCache, now, now);
  try {
    const { build: astro } = await import('astro');
    mkdirSync(runDir, { recursive: true });
    process.chdir(runDir);
    await astro({
      root: projectRoot,
      outDir: tmp,
      cacheDir: astroCache,
      logLevel: process.env.REDLINE_VERBOSE ? 'info' : 'warn',
    });
  } catch (e) {
    process.chdir(cwd);
    rmSync(runDir, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
    if (e instanceof RedlineError || process.env.REDLINE_DEBUG) throw e;
    throw new RedlineError({ message: `Astro could not build the site: ${astroFailure(e)}`, hint: `${displayPath(o.out)} is left as it was; set REDLINE_DEBUG=1 for details` });
  }
  process.chdir(cwd);
  rmSync(runDir, { recursive: true, force: true });
  pruneAstroCaches(cache);
  if (!existsSync(tmp) || readdirSync(tmp).length === 0) {
    rmSync(tmp, { recursive: true, force: true });
    throw new RedlineError({ message: 'the build produced no files', hint: 'run again with REDLINE_VERBOSE=1 to see what Astro did' });
  }
  // The search index (Pagefind) over the built pages, before the swap: a failure leaves `out` as it was.
  try {
    await writeSearchIndex(tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const old = join(parent, `.${basename(o.out)}.old-${process.pid}`);
  if (existsSync(o.out)) renameSync(o.out, old);
  renameSync(tmp, o.out);
  rmSync(old, { recursive: true, force: true });
}

/** How many of Astro's caches (one per policies/output pair) are kept, the most recently used. */
const ASTRO_CACHES_KEPT = 8;
/** A cache used this recently is never removed: a concurrent build may be using it. */
const ASTRO_CACHE_IN_USE_MS = 60 * 60 * 1000;

/**
 * Removes Astro's caches of policies/output pairs that were not built lately
 * (tests and the benchmark build into many temporary folders; each left a cache).
 * Every build marks its own as used when it starts.
 */
export function pruneAstroCaches(cache: string, nowMs = Date.now()): string[] {
  let entries: { path: string; used: number }[];
  try {
    entries = readdirSync(cache)
      .filter((n) => n.startsWith('astro-'))
      .map((n) => ({ path: join(cache, n), used: statSync(join(cache, n)).mtimeMs }));
  } catch {
    return [];
  }
  entries.sort((a, b) => b.used - a.used);
  const removed: string[] = [];
  for (const e of entries.slice(ASTRO_CACHES_KEPT)) {
    if (nowMs - e.used < ASTRO_CACHE_IN_USE_MS) continue;
    rmSync(e.path, { recursive: true, force: true });
    removed.push(e.path);
  }
  return removed;
}

/** The line of an Astro/Vite failure that says what went wrong ("ImageNotFound: Could not find…"). */
function astroFailure(e: unknown): string {
  const lines = String((e as Error)?.message ?? e).split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^[A-Z][A-Za-z]*(?:Error|NotFound|Invalid\w*)?: /.test(l)) ?? lines.find((l) => !/^Build failed/.test(l)) ?? lines[0] ?? 'unknown error';
}
