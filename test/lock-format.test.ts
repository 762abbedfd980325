import { describe, expect, it, vi } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtures, run, tempDir } from './helpers/cli.ts';
import { parseLock } from '../src/core/lock.ts';
import { diffMarkdown } from '../src/core/diff/index.ts';

// The diff engine is being rewritten between versions of Redline; the rules a
// recorded correction is checked by must not depend on it. Here it fails on
// any use: check, lock and correct never call it.
vi.mock('../src/core/diff/engine.ts', async (original) => {
  const real = await original<typeof import('../src/core/diff/engine.ts')>();
  const refuse = () => {
    throw new Error('the diff engine was used to check a correction');
  };
  return { ...real, ENGINE_VERSION: 'a later engine', diffBlocks: refuse };
});

/** SOURCE_DATE_EPOCH for noon of a day in Tokyo (the site's time zone). */
const at = (day: string) => ({ SOURCE_DATE_EPOCH: String(Date.parse(`${day}T12:00:00+09:00`) / 1000) });

/** A copy of test/fixtures/lock-v1: a lock in format 1 with three corrections, written by Redline before the format line (its README). */
function v1(): string {
  const dir = tempDir('redline-lock-v1-');
  cpSync(join(fixtures, 'lock-v1', 'policies'), join(dir, 'policies'), { recursive: true });
  return dir;
}

describe('the lock format: a version line, and a migration that changes nothing recorded', () => {
  it('reads a format 1 lock; check warns, and every correction recorded then is still valid (without the diff engine)', async () => {
    const dir = v1();
    const c = await run(['check'], { cwd: dir, env: at('2024-07-05') });
    expect(c.stderr).toBe('warning: policies/redline.lock: is in lock format 1 — run "npm run redline -- lock" to write it in format 2 (it adds the line "format 2"; nothing recorded changes), and commit it\n1 problem (0 errors, 1 warning).\n');
    expect(c.code).toBe(0);
    expect((await run(['check', '--strict'], { cwd: dir, env: at('2024-07-05') })).code).toBe(1);
  });

  it('lock migrates it to format 2 by adding only the format line; check is then clean', async () => {
    const dir = v1();
    const before = readFileSync(join(dir, 'policies/redline.lock'), 'utf8');
    const l = await run(['lock'], { cwd: dir, env: at('2024-07-05') });
    expect(l.stdout).toBe('Wrote policies/redline.lock in lock format 2 (it was in format 1): only the line "format 2" is new.\nWrote policies/redline.lock: commit it with the revisions.\n');
    const after = readFileSync(join(dir, 'policies/redline.lock'), 'utf8');
    expect(after.split('\n').filter((line) => !before.split('\n').includes(line))).toEqual(['format 2']);
    expect(after.replace('format 2\n', '')).toBe(before);
    const c = await run(['check'], { cwd: dir, env: at('2024-07-05') });
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    expect((await run(['lock'], { cwd: dir, env: at('2024-07-05') })).stdout).toBe('policies/redline.lock is up to date (2 revisions).\n');
  });

  it('correct records a new correction without the diff engine, and check verifies it', async () => {
    expect(() => diffMarkdown('a', 'b')).toThrow('the diff engine was used to check a correction');
    const dir = v1();
    const file = join(dir, 'policies/privacy/2024-06-01.md');
    const was = readFileSync(file, 'utf8');
    writeFileSync(join(dir, 'was.md'), was);
    writeFileSync(file, was.replace('for five years.', 'for five years only.'));
    const r = await run(['correct', 'policies/privacy/2024-06-01.md', '--reason', 'Says "only".', '--was', 'was.md'], { cwd: dir, env: at('2024-07-06') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { lock, format } = parseLock(readFileSync(join(dir, 'policies/redline.lock'), 'utf8'), 'redline.lock');
    expect(format).toBe(2);
    expect(lock.get('privacy/2024-06-01.md')!.corrections.map((x) => x.reason)).toEqual(['Removes a stray comma from the summary.', 'Says "only".']);
    expect((await run(['check'], { cwd: dir, env: at('2024-07-06') })).stderr).toBe('');
  });

  it('refuses a lock in a format it does not know, and a format line out of place, in one line', async () => {
    const dir = v1();
    const path = join(dir, 'policies/redline.lock');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('\nprivacy/2024-01-01.md', '\nformat 3\nprivacy/2024-01-01.md'));
    const c = await run(['check'], { cwd: dir, env: at('2024-07-05') });
    expect(c.stderr.split('\n')[0]).toBe('policies/redline.lock:6: is in lock format "3", which this version of Redline does not read (it reads formats 1 and 2) — a newer Redline wrote it: update Redline (npm install) and run the command again');
    expect(c.code).toBe(1);
    writeFileSync(path, `${text}format 2\n`);
    expect((await run(['check'], { cwd: dir, env: at('2024-07-05') })).stderr.split('\n')[0]).toBe('policies/redline.lock:20: the "format" line must come once, before the first revision line — the lock is written by "npm run redline -- lock"; restore the last committed version of the file and run it again');
  });
});
