import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash, randomUUID } from 'node:crypto';
import { runCli } from '../../src/cli/index.ts';

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const fixtures = join(root, 'test', 'fixtures');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/**
 * Runs `redline <args>` as a separate process on this Node, from `cwd`: for
 * the few tests of the command as a program (exit codes, stack traces, pipes).
 */
export function redline(args: string[], opts: RunOptions = {}): Run {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [join(root, 'src/cli/redline.ts'), ...args], {
    cwd: opts.cwd ?? root,
    env: { ...process.env, REDLINE_VERBOSE: '', REDLINE_DEBUG: '', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `redline <args>` in this process (runCli), from `cwd`, with `env` set
 * for the call, and its output captured: what the command prints and its
 * exit code, without starting Node again. Calls run one at a time (the
 * working directory, environment and output are the process's own).
 */
export function run(args: string[], opts: RunOptions = {}): Promise<Run> {
  const task = queue.then(() => (mustTakeTurns(args, opts) ? oneAtATime(() => runNow(args, opts)) : runNow(args, opts)));
  queue = task.catch(() => undefined);
  return task;
}

/**
 * Builds that must not run at the same time as another in a second test process (Vitest runs two
 * files at once): a build whose output is outside its working directory uses Astro's scratch
 * folder there (./.astro/.prerender), and a second such build from the same folder is refused
 * (src/node/output.ts, claimScratch); and on a fresh checkout, the first builds write the files
 * Astro keeps in the repository's .astro/ through one temporary name each.
 */
function mustTakeTurns(args: string[], opts: RunOptions): boolean {
  if (args[0] !== 'build') return false;
  if (!existsSync(join(root, '.astro', 'content-modules.mjs'))) return true;
  const cwd = resolve(opts.cwd ?? root);
  const i = args.indexOf('--out');
  const out = resolve(cwd, i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : 'dist');
  return cwd === root && !out.startsWith(cwd + '/');
}

/** The process that holds a lock folder, if it says. */
function holderOf(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `f` while holding a lock shared by this run's test processes: a folder, renamed into place
 * with the holder's pid already in it (a rename onto a folder that exists fails). A lock whose
 * holder has ended is moved aside, and given back if it turns out to be held by a live process.
 */
async function oneAtATime<T>(f: () => Promise<T>): Promise<T> {
  const dir = sharedDir();
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, 'build.lock');
  const mine = join(dir, `build.lock.${process.pid}.${randomUUID()}`);
  mkdirSync(mine);
  writeFileSync(join(mine, 'pid'), String(process.pid));
  for (;;) {
    try {
      renameSync(mine, lock);
      break;
    } catch {
      const holder = holderOf(lock);
      if (holder !== undefined && !alive(holder)) {
        const aside = join(dir, `build.lock.stale.${randomUUID()}`);
        try {
          renameSync(lock, aside);
          const moved = holderOf(aside);
          if (moved !== undefined && alive(moved)) renameSync(aside, lock);
          else rmSync(aside, { recursive: true, force: true });
        } catch {
          // taken or moved by another process meanwhile: look again
        }
        continue;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await f();
  } finally {
    if (holderOf(lock) === process.pid) rmSync(lock, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function runNow(args: string[], opts: RunOptions): Promise<Run> {
  const cwd = process.cwd();
  const env = { REDLINE_VERBOSE: '', REDLINE_DEBUG: '', ...opts.env };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const out = process.stdout.write;
  const err = process.stderr.write;
  let stdout = '';
  let stderr = '';
  const capture = (append: (s: string) => void) =>
    function (this: unknown, chunk: string | Uint8Array, ...rest: unknown[]): boolean {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    };
  process.stdout.write = capture((s) => (stdout += s)) as typeof process.stdout.write;
  process.stderr.write = capture((s) => (stderr += s)) as typeof process.stderr.write;
  try {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.chdir(opts.cwd ?? root);
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.chdir(cwd);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export function tempDir(prefix = 'redline-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A new folder inside the repository (.test-projects/, ignored by git), for an
 * Astro project of a test's own that uses Redline from src/: Astro reads
 * components outside the project root correctly only when the two share a
 * folder, and Node strips no types under node_modules.
 */
export function projectTempDir(prefix = 'project-'): string {
  const parent = join(root, '.test-projects');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, prefix));
}

/** Where this test run keeps the sites it builds once and shares between test files (test/setup.ts). */
function sharedDir(): string {
  const run = process.env.REDLINE_TEST_RUN ?? 'local';
  return join(root, 'node_modules', '.cache', 'redline-test', run);
}

/**
 * Builds `test/fixtures/<name>/policies` with `args` (and `env` for the
 * build), once per test run: every test file asking for the same build gets
 * the same folder. Treat it as read-only. Throws with the output on failure.
 */
export async function buildFixture(name: string, args: string[] = [], env: Record<string, string> = {}): Promise<string> {
  const key = createHash('sha256').update(JSON.stringify([name, args, env])).digest('hex').slice(0, 16);
  const dir = join(sharedDir(), `${name}-${key}`);
  const out = join(dir, 'dist');
  const done = join(dir, 'done');
  const lock = join(sharedDir(), `${name}-${key}.lock`);
  mkdirSync(sharedDir(), { recursive: true });
  for (;;) {
    if (existsSync(done)) return out;
    try {
      mkdirSync(lock);
      break;
    } catch {
      // another test file is building it: wait
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    const tmp = `${dir}.building-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    // A fixture with settings of its own (test/fixtures/languages) is built with them, from its folder.
    const own = existsSync(join(fixtures, name, 'redline.config.ts'));
    const r = await run(['build', '--policies', join(fixtures, name, 'policies'), '--out', join(tmp, 'dist'), ...args], { env, ...(own ? { cwd: join(fixtures, name) } : {}) });
    if (r.code !== 0) throw new Error(`build of fixture ${name} failed (${r.code}):\n${r.stderr}`);
    writeFileSync(join(tmp, 'done'), '');
    renameSync(tmp, dir);
    return out;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

/** Every file under `dir`, relative, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
