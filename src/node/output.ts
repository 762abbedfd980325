/**
 * The output folder of `redline build`, replaced whole by each build: the
 * site is built into `.<out>.building-<pid>` beside it, then swapped in with
 * two renames (`out` → `.<out>.old-<pid>`, the new site → `out`), then the
 * old one is removed. A rename is atomic, but two are not: a process killed
 * between them leaves no `out`. So every command that uses the output folder
 * first calls `recoverOutput`, which puts the last complete site back before
 * anything else, and removes what killed builds left beside it.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The folder a build writes its site into, beside `out`. */
export function buildingDir(out: string, pid = process.pid): string {
  return join(dirname(out), `.${basename(out)}.building-${pid}`);
}

/** Where the previous site waits while the new one is swapped in. */
export function oldDir(out: string, pid = process.pid): string {
  return join(dirname(out), `.${basename(out)}.old-${pid}`);
}

/** Whether a process is running (a folder named after a process that is gone is a leftover). This process's own id counts as gone: it has just started. */
function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`);
}

/**
 * Puts the last complete site back at `out` if a build was killed while
 * swapping it in, and removes the folders killed builds left beside it
 * (those of builds still running are left alone). What it did, one line each.
 *
 * A build renames `out` away only once its new site is complete, so a
 * `.<out>.old-<pid>` beside a missing `out` means the `.<out>.building-<pid>`
 * of the same process is complete: it becomes `out` (the newer site); without
 * one, the old site goes back.
 */
export function recoverOutput(out: string): string[] {
  const parent = dirname(out);
  const name = basename(out);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return [];
  }
  const pattern = new RegExp(`^\\.${escapeRegExp(name)}\\.(building|old)-(\\d+)$`);
  const stale = new Map<number, { building?: string; old?: string }>();
  for (const entry of entries) {
    const m = pattern.exec(entry);
    if (!m) continue;
    const pid = Number(m[2]);
    if (alive(pid)) continue;
    const found = stale.get(pid) ?? {};
    found[m[1] as 'building' | 'old'] = join(parent, entry);
    stale.set(pid, found);
  }
  const done: string[] = [];
  if (!existsSync(out)) {
    // The newest interrupted swap: the complete new site, else the old one.
    const swaps = [...stale.entries()].filter(([, f]) => f.old).sort(([, a], [, b]) => mtime(b.building ?? b.old!) - mtime(a.building ?? a.old!));
    const swap = swaps[0];
    if (swap) {
      const [pid, f] = swap;
      const complete = f.building && existsSync(join(f.building, 'index.html')) ? f.building : f.old!;
      renameSync(complete, out);
      done.push(`restored ${name} from a build that was stopped while it swapped the new site in (process ${pid})`);
      if (complete === f.building) delete f.building;
      else delete f.old;
    }
  }
  for (const f of stale.values()) {
    for (const dir of [f.building, f.old]) {
      if (!dir) continue;
      rmSync(dir, { recursive: true, force: true });
      done.push(`removed ${basename(dir)}, left by a build that was stopped`);
    }
  }
  return done;
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Astro's scratch folder for a build whose output is outside the working
 * directory: it writes the server half of the build to `<cwd>/.astro/.prerender`
 * and removes it at the end, so a build killed midway leaves it, and two such
 * builds from one folder would share it. Each build marks the folder with a
 * file named after its process (`.redline-build-<pid>`) while it runs.
 * `claimScratch` removes what stopped builds left (their marks, and the
 * scratch folder when no running build marks it), refuses to share it with a
 * running build, and returns the function that releases it (`outside`: the
 * build's output is outside `cwd`, else Astro does not use it). Older versions of
 * Redline ran each build from `run-<pid>` in its cache folder: those of
 * stopped builds are removed too.
 */
export function claimScratch(cwd: string, cacheDir: string, outside: boolean): { release: () => void; removed: string[]; busy: number | undefined } {
  const removed: string[] = [];
  try {
    for (const entry of readdirSync(cacheDir)) {
      const m = /^run-(\d+)$/.exec(entry);
      if (m && !alive(Number(m[1]))) {
        rmSync(join(cacheDir, entry), { recursive: true, force: true });
        removed.push(`removed ${entry} from the cache, left by a build that was stopped`);
      }
    }
  } catch {
    // no cache folder yet
  }
  if (!outside) return { release: () => {}, removed, busy: undefined };
  const scratch = join(cwd, '.astro');
  const marks = (() => {
    try {
      return readdirSync(scratch).filter((n) => /^\.redline-build-\d+$/.test(n));
    } catch {
      return [];
    }
  })();
  const running = marks.map((n) => Number(n.slice('.redline-build-'.length))).filter(alive);
  if (running.length > 0) return { release: () => {}, removed, busy: running[0] };
  for (const mark of marks) rmSync(join(scratch, mark), { force: true });
  if (marks.length > 0 && existsSync(join(scratch, '.prerender'))) {
    rmSync(join(scratch, '.prerender'), { recursive: true, force: true });
    removed.push('removed .astro/.prerender, left by a build that was stopped');
  }
  const existed = existsSync(scratch);
  const mark = join(scratch, `.redline-build-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  writeFileSync(mark, '');
  return {
    removed,
    busy: undefined,
    release: () => {
      rmSync(mark, { force: true });
      // The folder Astro leaves behind, empty, if this build made it.
      if (!existed && existsSync(scratch) && readdirSync(scratch).length === 0) rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * Swaps the complete site in `building` in as `out`: `out` → old, `building`
 * → `out`, then the old site is removed. Killed at any point, the next
 * recoverOutput(out) leaves a complete site at `out`.
 */
export function swapIn(building: string, out: string): void {
  const old = oldDir(out);
  if (existsSync(out)) {
    renameSync(out, old);
    // For the test of a kill between the two renames (test/adversarial.test.ts): says so, then waits to be killed.
    const hook = process.env.REDLINE_TEST_HOOK_SWAP;
    if (hook) {
      writeFileSync(hook, String(process.pid));
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
    }
  }
  renameSync(building, out);
  rmSync(old, { recursive: true, force: true });
}
