import { existsSync, mkdirSync, rmSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, resolve, join, sep } from 'node:path';
import { createHash } from 'node:crypto';
import type { Command } from './command.ts';
import { parse, dateOption } from '../args.ts';
import { loadSettings, policiesDir, projectRoot, cacheDir, packageRoot, settingsFile } from '../context.ts';
import { RedlineError, RedlineProblems } from '../../core/errors.ts';
import { displayPath } from '../../node/policies.ts';
import { buildingDir, claimScratch, recoverOutput, swapIn } from '../../node/output.ts';
import { leastRecentlyUsed } from '../../node/disk-cache.ts';
import { cliIntegration, type CliOptions } from '../../astro/options.ts';

/**
 * `redline build`: Astro's own build (the project's astro.config.mjs, with
 * the redline() integration), given this command's options, into a new
 * folder that then replaces the output folder whole. Every problem the
 * integration's loader finds is printed on one line; a failed build leaves
 * the previous site exactly as it was.
 */
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
    const out = resolve(values.out ?? 'dist');
    // Before anything else: the last complete site back in place, if a build was stopped mid-swap.
    for (const note of recoverOutput(out)) process.stderr.write(`note: ${note}\n`);
    const root = projectRoot();
    // The settings and --site are checked here, for a one-line error before Astro starts.
    const settings = await loadSettings(values.site, root);
    const now = dateOption('now', values.now);
    // The policies: --policies, else the folder the project's redline() names (policies/, unless it says otherwise).
    const dir = values.policies !== undefined ? policiesDir(values.policies) : resolve(root === packageRoot ? process.cwd() : root, 'policies');
    if (!existsSync(dir)) throw new RedlineError({ file: displayPath(dir), message: 'policies folder not found', hint: 'create it, or point to it with --policies DIR' });
    checkOut(out, dir, root);
    let counted = { policies: 0, revisions: 0, today: now ?? '' };
    const warnings: RedlineError[] = [];
    let errors: RedlineError[] = [];
    const options: CliOptions = {
      policies: values.policies !== undefined || root === packageRoot ? dir : undefined,
      // A folder without an Astro project of its own is built as Redline's site, with the folder's settings if it has them;
      // so is a folder with settings of its own inside a project (as check reads them: src/cli/context.ts, settingsFile).
      settings: root === packageRoot || settingsFile(root) !== resolve(root, 'redline.config.ts') ? settingsFile(root) : undefined,
      now,
      drafts: values.drafts ?? false,
      site: values.site !== undefined ? settings.url : undefined,
      report: (e, w) => {
        errors = e;
        warnings.push(...w);
      },
      loaded: (c) => (counted = c),
    };
    await timed('built the site', () => astroBuild(root, out, options, () => errors, () => warnings));
    const { policies, revisions } = counted;
    process.stdout.write(`Built ${policies} ${policies === 1 ? 'policy' : 'policies'} (${revisions} ${revisions === 1 ? 'revision' : 'revisions'}) as of ${counted.today} into ${displayPath(out)}\n`);
    return 0;
  },
};

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
export function checkOut(out: string, policies: string, root: string): void {
  const inside = (a: string, b: string) => a === b || a.startsWith(b.endsWith(sep) ? b : b + sep);
  const hint = 'choose a folder of its own for the site, such as dist';
  if (inside(policies, out)) throw new RedlineError({ message: `--out ${displayPath(out)} holds the policies (${displayPath(policies)}): a build replaces its output folder whole`, hint });
  if (inside(out, policies)) throw new RedlineError({ message: `--out ${displayPath(out)} is inside the policies folder (${displayPath(policies)})`, hint });
  if (inside(root, out)) throw new RedlineError({ message: `--out ${displayPath(out)} holds the project: a build replaces its output folder whole`, hint });
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

/**
 * Runs Astro's build into a fresh temporary folder beside `out`, then swaps
 * it in (src/node/output.ts). A failed build leaves the previous `out`
 * exactly as it was; a build killed at any moment leaves it, or the new
 * site, for the next command to find.
 */
async function astroBuild(root: string, out: string, options: CliOptions, errors: () => RedlineError[], warnings: () => RedlineError[]): Promise<void> {
  const parent = dirname(out);
  mkdirSync(parent, { recursive: true });
  const tmp = buildingDir(out);
  rmSync(tmp, { recursive: true, force: true });
  const cache = cacheDir(root);
  // One Astro cache per (policies, out) pair, so that concurrent builds never share one.
  const key = createHash('sha256').update(`${options.policies ?? root}\0${out}`).digest('hex').slice(0, 12);
  const astroCache = join(cache, `astro-${key}`);
  mkdirSync(astroCache, { recursive: true });
  const now = new Date();
  utimesSync(astroCache, now, now);
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const printWarnings = () => {
    for (const w of warnings()) process.stderr.write(`warning: ${w.format()}\n`);
  };
  // With --out outside the working directory, Astro keeps the server half of the build in ./.astro/.prerender
  // while it builds: one build at a time there, and what a stopped build left is removed first (src/node/output.ts).
  // (Astro's own test, getOutDirWithinCwd in astro/dist/core/build/common.js.)
  const scratch = claimScratch(process.cwd(), cache, !tmp.startsWith(process.cwd()));
  for (const note of scratch.removed) process.stderr.write(`note: ${note}\n`);
  if (scratch.busy !== undefined) {
    throw new RedlineError({ message: `another build (process ${scratch.busy}) is running from this folder with its output outside it, and Astro would share ./.astro/.prerender with it`, hint: 'wait for it to finish, or run the build from a folder that holds --out' });
  }
  try {
    const { build: astro } = await import('astro');
    await astro({
      root,
      outDir: tmp,
      cacheDir: astroCache,
      logLevel: process.env.REDLINE_VERBOSE ? 'info' : 'silent',
      integrations: [cliIntegration(options)],
    });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    // The loader's problems, one line each (the errors alone: they are what must be fixed).
    if (errors().length > 0) throw new RedlineProblems(errors());
    printWarnings();
    if (e instanceof RedlineError || process.env.REDLINE_DEBUG) throw e;
    const err = e as Error & { hint?: string };
    if (err?.name === 'RedlineError') {
      const { file, line } = err as Error & { file?: string; line?: number };
      throw new RedlineError({ file, line, message: err.message, hint: err.hint });
    }
    throw new RedlineError({ message: `Astro could not build the site: ${astroFailure(e)}`, hint: `${displayPath(out)} is left as it was; set REDLINE_DEBUG=1 for details` });
  } finally {
    scratch.release();
  }
  printWarnings();
  pruneAstroCaches(cache);
  if (!existsSync(tmp) || readdirSync(tmp).length === 0) {
    rmSync(tmp, { recursive: true, force: true });
    throw new RedlineError({ message: 'the build produced no files', hint: 'run again with REDLINE_VERBOSE=1 to see what Astro did' });
  }
  swapIn(tmp, out);
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
  const removed = leastRecentlyUsed(cache, (n) => n.startsWith('astro-'), ASTRO_CACHES_KEPT, ASTRO_CACHE_IN_USE_MS, nowMs);
  for (const path of removed) rmSync(path, { recursive: true, force: true });
  return removed;
}

/** The line of an Astro/Vite failure that says what went wrong ("ImageNotFound: Could not find…"). */
function astroFailure(e: unknown): string {
  const lines = String((e as Error)?.message ?? e).split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^[A-Z][A-Za-z]*(?:Error|NotFound|Invalid\w*)?: /.test(l)) ?? lines.find((l) => !/^Build failed/.test(l)) ?? lines[0] ?? 'unknown error';
}
