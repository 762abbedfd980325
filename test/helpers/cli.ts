import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const fixtures = join(root, 'test', 'fixtures');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `redline <args>` as a user would (a child process on this Node), from `cwd`. */
export function redline(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Run {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [join(root, 'src/cli/redline.ts'), ...args], {
    cwd: opts.cwd ?? root,
    env: { ...process.env, REDLINE_VERBOSE: '', REDLINE_DEBUG: '', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'redline-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Builds `test/fixtures/<name>/policies` into a fresh temp folder; throws with stderr on failure. */
export function buildFixture(name: string, args: string[] = [], env: Record<string, string> = {}): string {
  const out = join(tempDir(`redline-${name}-`), 'dist');
  const r = redline(['build', '--policies', join(fixtures, name, 'policies'), '--out', out, ...args], { env });
  if (r.code !== 0) throw new Error(`build of fixture ${name} failed (${r.code}):\n${r.stderr}`);
  return out;
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
