import { describe, expect, it, vi } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtures, run, tempDir } from './helpers/cli.ts';
import { parseLock, publishedLock } from '../src/core/lock.ts';
import { buildSiteModel } from '../src/core/site.ts';
import { loadPolicies } from '../src/node/policies.ts';
import { readLock } from '../src/node/lock-file.ts';
import { Artifacts } from '../src/node/artifacts.ts';
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

describe('the lock a site publishes', () => {
  it('holds the announced revisions only: never a scheduled one, not even shown as a draft', async () => {
    const dir = join(fixtures, 'lifecycle', 'policies');
    const { policies } = await loadPolicies(dir, new Artifacts(undefined));
    const { lock } = readLock(dir);
    const site = { name: 'Example', url: 'https://example.org/' };
    const keys = (text: string) => [...parseLock(text, 'redline.lock').lock.keys()];
    const asOf = (day: string, drafts: boolean) => keys(publishedLock(buildSiteModel(policies, day, drafts, (k) => lock!.get(k)?.corrections ?? []), (k) => lock!.get(k), site));
    const all = ['notes/2024-05-01.md', 'notes/2025-02-12.md', 'terms/2024-01-01.md', 'terms/2024-07-01.md', 'terms/2025-02-20.md', 'terms/2025-03-01.md', 'terms/2025-06-01.md'];
    expect(asOf('2025-02-10', true)).toEqual(all.filter((k) => k !== 'terms/2025-06-01.md'));
    expect(asOf('2025-02-03', true)).toEqual(all.filter((k) => !['terms/2025-06-01.md', 'notes/2025-02-12.md'].includes(k)));
    expect(asOf('2025-05-01', false)).toEqual(all);
    const text = publishedLock(buildSiteModel(policies, '2025-05-01', false, () => []), (k) => lock!.get(k), site);
    expect(parseLock(text, 'redline.lock').lock.get('terms/2024-07-01.md')!.corrections.map((c) => c.date)).toEqual(['2024-09-02']);
  });
});
