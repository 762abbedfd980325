/**
 * npm run bench — how fast and lean `redline build` is, from a few revisions
 * to 10,000, against a plain Astro build of the same Markdown files built in
 * the same run. See README "Performance".
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus, policyName, revisionsPerPolicy, writeCorpus } from './corpus.ts';
import { loadDiffEngine, median, revisionFiles, timeDiffs, type DiffTimings } from './diffs.ts';
import { report, type BuildFigures, type CaseResult, type Incremental } from './report.ts';
import { measure, type Measured } from './measure.ts';
import { plainBuildCommand, writePlainProject } from './plain.ts';
import { addDays } from '../src/core/dates.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const MB = 1024 * 1024;

const USAGE = `npm run bench -- [options]

  --revisions N[,N…]   synthetic corpora of N revisions each (default 100,1000)
  --policies N         policies the revisions are spread over (default 10)
  --words N            words per revision (default 3000)
  --seed TEXT          seed of the generator (default "redline")
  --corpus DIR         also (or, with --revisions 0, only) a real corpus: DIR/<policy>/<YYYY-MM-DD>.md
                       (by default ../shared/corpus/github when it exists; --no-corpus: none)
  --full               the scale curve: --revisions 100,1000,10000 and the default real corpus
  --runs N             cold builds of each corpus, reporting medians (default 1)
  --no-plain           skip the plain Astro baseline
  --no-incremental     skip the rebuilds
  --json FILE          also write the results as JSON to FILE (they are printed in any case)
  --keep               keep the work folder (corpora, sites, caches)
  --work DIR           work folder (default: a new folder under the system temp folder)`;

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}

function dirStats(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        bytes += statSync(p).size;
        files++;
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return { bytes, files };
}

function figures(m: Measured, revisions: number, out: string): BuildFigures {
  const size = m.code === 0 ? dirStats(out) : { bytes: 0, files: 0 };
  const f: BuildFigures = {
    ok: m.code === 0,
    code: m.code,
    wallS: m.wallMs / 1000,
    perRevisionMs: m.wallMs / revisions,
    peakRssMB: m.peakRss === undefined ? null : m.peakRss / MB,
    cpuS: m.cpuMs === undefined ? null : m.cpuMs / 1000,
    outputMB: size.bytes / MB,
    outputFiles: size.files,
  };
  f.peakByCommandMB = Object.fromEntries(Object.entries(m.peakByCommand).map(([k, v]) => [k, Math.round(v / MB)]));
  const steps: Record<string, number> = {};
  for (const line of m.stderr.split('\n')) {
    const step = /^redline: (.+?) in ([\d.]+) s$/.exec(line);
    if (step) steps[step[1]!.replace(/\d+ /, '')] = Number(step[2]);
  }
  if (Object.keys(steps).length > 0) f.steps = steps;
  if (m.code !== 0) f.error = (m.stderr + m.stdout).trim().split('\n').slice(-6).join('\n');
  return f;
}

/** The run whose wall time is the median (the lower middle one for an even count). */
function medianRun(runs: BuildFigures[]): BuildFigures {
  const ok = runs.filter((r) => r.ok);
  if (ok.length === 0) return runs[runs.length - 1]!;
  const sorted = [...ok].sort((a, b) => a.wallS - b.wallS);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return { ...mid, peakRssMB: median(ok.map((r) => r.peakRssMB ?? NaN)) };
}

function newestDate(dir: string): string {
  let newest = '0000-01-01';
  for (const [, files] of revisionFiles(dir)) for (const f of files) if (basename(f, '.md') > newest) newest = basename(f, '.md');
  return newest;
}

function log(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

async function buildRedline(policies: string, out: string, cache: string, now: string): Promise<Measured> {
  return measure(process.execPath, [join(repoRoot, 'src/cli/redline.ts'), 'build', '--policies', policies, '--out', out, '--now', now], {
    cwd: repoRoot,
    // REDLINE_TIMINGS makes redline build time its own steps; REDLINE_VERBOSE would also make Astro
    // write a line per page, which the measured build would pay for.
    env: { ...process.env, REDLINE_CACHE_DIR: cache, REDLINE_VERBOSE: '', REDLINE_TIMINGS: '1', ASTRO_TELEMETRY_DISABLED: '1' },
  });
}

/** A new revision for `policy` (the folder), the day after its newest one. */
function nextRevision(c: { source: CaseResult['source']; dir: string; policies: number; revisions: number; words: number; seed: string }): { path: string; date: string } {
  const folders = revisionFiles(c.dir);
  const [policy, files] = c.source === 'synthetic' ? folders.find(([p]) => p.endsWith(`/${policyName(0)[0]}`) || p === policyName(0)[0])! : folders[0]!;
  const newest = basename(files[files.length - 1]!, '.md');
  if (c.source === 'synthetic') {
    // The generator's next revision of the first policy: the same seeded sequence, one step further.
    const counts = revisionsPerPolicy(c.policies, c.revisions + 1);
    let i = 0;
    for (const rev of generateCorpus({ policies: c.policies, revisions: c.revisions + 1, words: c.words, seed: c.seed })) {
      if (rev.policy !== policy) break;
      if (++i === counts[0]) {
        const path = join(c.dir, policy, `${rev.effective}.md`);
        writeFileSync(path, rev.text);
        return { path, date: rev.effective };
      }
    }
    throw new Error('the generator made no next revision');
  }
  // A real corpus: the newest revision with one paragraph added, the day after.
  const date = addDays(newest, 1);
  const lines = readFileSync(files[files.length - 1]!, 'utf8').split('\n');
  const close = lines.indexOf('---', 1);
  const front = lines.slice(1, close).filter((l) => !/^(summary|published):/.test(l));
  const text = ['---', ...front, 'summary: "Adds a paragraph on how long this benchmark keeps its notes."', ...lines.slice(close)].join('\n');
  const path = join(c.dir, policy, `${date}.md`);
  writeFileSync(path, `${text.replace(/\n*$/, '\n')}\nWe keep the notes of this benchmark for thirty days, after which we delete them.\n`);
  return { path, date };
}

async function runCase(
  spec: { name: string; source: CaseResult['source']; from?: string; policies: number; revisions: number; words: number; seed: string },
  opts: { work: string; runs: number; plain: boolean; incremental: boolean; diff: Awaited<ReturnType<typeof loadDiffEngine>> },
): Promise<CaseResult> {
  const base = join(opts.work, spec.name);
  rmSync(base, { recursive: true, force: true });
  const dir = join(base, 'policies');
  mkdirSync(dir, { recursive: true });
  let meanWords = 0;
  if (spec.source === 'synthetic') {
    log(`${spec.name}: generating ${spec.revisions} revisions in ${spec.policies} policies`);
    meanWords = writeCorpus(dir, { policies: spec.policies, revisions: spec.revisions, words: spec.words, seed: spec.seed }).meanWords;
  } else {
    // A copy, so that the incremental rebuild can add a revision without touching the original.
    cpSync(spec.from!, dir, { recursive: true, filter: (src) => !basename(src).startsWith('.') });
  }
  const folders = revisionFiles(dir);
  const policies = folders.length;
  const revisions = folders.reduce((n, [, f]) => n + f.length, 0);
  if (revisions === 0) fail(`${spec.from ?? dir} holds no revisions (expected DIR/<policy>/<YYYY-MM-DD>.md)`);
  if (spec.source === 'corpus') {
    const { countWords } = await import('./corpus.ts');
    let words = 0;
    for (const [, files] of folders) for (const f of files) words += countWords(readFileSync(f, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''));
    meanWords = Math.round(words / revisions);
  }
  const markdownMB = dirStats(dir).bytes / MB;
  const now = newestDate(dir);
  const out = join(base, 'site');
  const cache = join(base, 'cache');
  const plainDir = join(base, 'plain');
  const plainOut = join(plainDir, 'dist');
  const runs: CaseResult['runs'] = { redline: [], plain: [] };

  for (let r = 0; r < opts.runs; r++) {
    const tag = opts.runs > 1 ? ` (run ${r + 1}/${opts.runs})` : '';
    rmSync(cache, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    log(`${spec.name}: redline build, cold${tag}`);
    const red = figures(await buildRedline(dir, out, cache, now), revisions, out);
    runs.redline.push(red);
    log(`${spec.name}: redline ${red.ok ? `${red.wallS.toFixed(1)} s, ${Math.round(red.peakRssMB ?? 0)} MB` : `FAILED (exit ${red.code})\n${red.error}`}`);
    if (opts.plain) {
      writePlainProject(plainDir, dir, repoRoot);
      const c = plainBuildCommand(plainDir, plainOut, repoRoot);
      log(`${spec.name}: plain Astro build${tag}`);
      const pl = figures(await measure(c.cmd, c.args, { cwd: c.cwd, env: c.env }), revisions, plainOut);
      runs.plain.push(pl);
      log(`${spec.name}: plain ${pl.ok ? `${pl.wallS.toFixed(1)} s, ${Math.round(pl.peakRssMB ?? 0)} MB` : `FAILED (exit ${pl.code})\n${pl.error}`}`);
      rmSync(plainDir, { recursive: true, force: true });
    }
  }
  const redline = medianRun(runs.redline);
  const plain = opts.plain ? medianRun(runs.plain) : null;
  const ratio =
    plain && plain.ok && redline.ok
      ? { time: redline.wallS / plain.wallS, memory: redline.peakRssMB && plain.peakRssMB ? redline.peakRssMB / plain.peakRssMB : null }
      : null;

  let diff: DiffTimings | null = null;
  if (opts.diff) {
    log(`${spec.name}: timing the diff engine`);
    diff = timeDiffs(dir, opts.diff) ?? null;
  }

  let incremental: Incremental | null = null;
  if (opts.incremental && redline.ok) {
    log(`${spec.name}: rebuild, nothing changed`);
    const unchanged = await buildRedline(dir, out, cache, now);
    const added = nextRevision({ source: spec.source, dir, policies: spec.policies, revisions, words: spec.words, seed: spec.seed });
    log(`${spec.name}: rebuild after adding ${added.path.split('/').slice(-2).join('/')}`);
    const after = await buildRedline(dir, out, cache, added.date > now ? added.date : now);
    if (unchanged.code === 0 && after.code === 0) {
      incremental = {
        unchangedS: unchanged.wallMs / 1000,
        addedS: after.wallMs / 1000,
        extraS: (after.wallMs - unchanged.wallMs) / 1000,
        coldPerRevisionS: redline.wallS / revisions,
        added: added.path.split('/').slice(-2).join('/'),
      };
    } else {
      log(`${spec.name}: a rebuild failed:\n${(unchanged.code ? unchanged.stderr : after.stderr).trim().split('\n').slice(-6).join('\n')}`);
    }
    rmSync(added.path, { force: true });
  }

  return { name: spec.name, source: spec.source, dir: spec.from ?? '(generated)', policies, revisions, meanWords, markdownMB, now, redline, plain, ratio, runs, incremental, diff };
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        revisions: { type: 'string' },
        policies: { type: 'string' },
        words: { type: 'string' },
        seed: { type: 'string' },
        corpus: { type: 'string', multiple: true },
        'no-corpus': { type: 'boolean' },
        full: { type: 'boolean' },
        runs: { type: 'string' },
        'no-plain': { type: 'boolean' },
        'no-incremental': { type: 'boolean' },
        json: { type: 'string' },
        keep: { type: 'boolean' },
        work: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (e) {
    fail(`${(e as Error).message.split('\n')[0]}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const int = (name: string, v: string | undefined, dflt: number, min = 1): number => {
    if (v === undefined) return dflt;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number of at least ${min}, not "${v}"`);
    return n;
  };
  const sizes = (values.revisions ?? (values.full ? '100,1000,10000' : '100,1000'))
    .split(',')
    .map((s) => int('revisions', s.trim(), 0, 0))
    .filter((n) => n > 0);
  const policies = int('policies', values.policies, 10);
  const words = int('words', values.words, 3000, 50);
  const seed = values.seed ?? 'redline';
  const runs = int('runs', values.runs, 1);
  const defaultCorpus = resolve(repoRoot, '..', 'shared', 'corpus', 'github');
  const corpora = values.corpus ?? (!values['no-corpus'] && existsSync(defaultCorpus) ? [defaultCorpus] : []);
  for (const c of corpora) if (!existsSync(c) || !statSync(c).isDirectory()) fail(`--corpus ${c}: no such folder`);
  if (sizes.length === 0 && corpora.length === 0) fail('nothing to measure: give --revisions N or --corpus DIR');

  const work = values.work ? resolve(values.work) : mkdtempSync(join(tmpdir(), 'redline-bench-'));
  mkdirSync(work, { recursive: true });
  const machine: Record<string, string> = {
    CPU: cpus()[0]?.model.trim() ?? 'unknown',
    cores: String(availableParallelism()),
    RAM: `${Math.round(totalmem() / 1024 ** 3)} GB`,
    Node: process.version,
    Astro: (JSON.parse(readFileSync(join(repoRoot, 'node_modules/astro/package.json'), 'utf8')) as { version: string }).version,
    'load average at start': loadavg().map((l) => l.toFixed(2)).join(' '),
  };
  log(`work folder ${work}`);
  const diff = await loadDiffEngine();
  if (!diff) log('no diff engine in this checkout (src/core/diff): diff timings are skipped');

  const results: CaseResult[] = [];
  const opts = { work, runs, plain: !values['no-plain'], incremental: !values['no-incremental'], diff };
  try {
    for (const c of corpora) {
      results.push(await runCase({ name: basename(resolve(c)), source: 'corpus', from: resolve(c), policies: 0, revisions: 0, words, seed }, opts));
    }
    for (const n of sizes) {
      results.push(await runCase({ name: `synthetic-${n}`, source: 'synthetic', policies: Math.min(policies, n), revisions: n, words, seed }, opts));
    }
  } finally {
    if (!values.keep) rmSync(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }
  machine['load average at end'] = loadavg().map((l) => l.toFixed(2)).join(' ');
  const json = JSON.stringify({ machine, results }, null, 2);
  if (values.json) writeFileSync(values.json, json + '\n');
  process.stdout.write(`\n${report(results, machine)}\n\n${json}\n`);
}

await main();
