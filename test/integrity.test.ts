import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { run } from './helpers/cli.ts';
import { project, revision, write } from './helpers/policies.ts';
import { formatLock, parseLock, recordRevisions, verifyLock, type Lock } from '../src/core/lock.ts';
import { fileStates, readLock } from '../src/node/lock-file.ts';
import { loadPolicies } from '../src/node/policies.ts';
import { Artifacts } from '../src/node/artifacts.ts';
import { resolveToday } from '../src/core/dates.ts';
import { correctionLimit } from '../src/core/corrections.ts';

/**
 * The holes an audit found in "verifiable immutability of what was
 * published", each closed: --now cannot reopen a published revision, history
 * cannot be back-filled, a correction cannot rewrite a text, and a lock that
 * is a folder, names a folder or starts with a byte-order mark is a one-line
 * error.
 */
const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
/** SOURCE_DATE_EPOCH for noon of a day in Tokyo (the site's time zone). */
const epoch = (day: string) => String(Date.parse(`${day}T12:00:00+09:00`) / 1000);
const A = revision({ title: 'Privacy Policy' }, '\nWe keep your data safe.\n');
const B = revision({ title: 'Privacy Policy', summary: 'We delete data after a year.', published: '2024-03-01' }, '\nWe keep your data safe.\n\nWe delete it after a year.\n');
const lockText = (dir: string) => readFileSync(join(dir, 'policies/redline.lock'), 'utf8');
/** Runs redline with the real day (SOURCE_DATE_EPOCH) set to the --now day, unless env says otherwise. */
const runAt = (args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}) =>
  run(args, { ...opts, env: { ...(args.includes('--now') ? { SOURCE_DATE_EPOCH: epoch(args[args.indexOf('--now') + 1]!) } : {}), ...opts.env } });
const HUNDRED = Array.from({ length: 100 }, (_, i) => `Sentence number ${i + 1} says that we keep your data safe and never sell it.`).join('\n\n');

describe('the real day, not --now, decides what is published', () => {
  it('reads SOURCE_DATE_EPOCH, else the clock, in the site time zone', async () => {
    expect(resolveToday({ timeZone: 'Asia/Tokyo', sourceDateEpoch: epoch('2024-02-01') })).toBe('2024-02-01');
    // 2024-01-31 20:00 UTC is 2024-02-01 05:00 in Tokyo.
    expect(resolveToday({ timeZone: 'Asia/Tokyo', sourceDateEpoch: undefined, clock: () => Date.UTC(2024, 0, 31, 20) })).toBe('2024-02-01');
    expect(resolveToday({ sourceDateEpoch: undefined, timeZone: 'America/Los_Angeles', clock: () => Date.UTC(2024, 0, 31, 20) })).toBe('2024-01-31');
  });

  it('lock --now <a past day> never rewrites the hash of a revision published by the real day', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A, 'privacy/2024-04-01.md': B });
    const env = { SOURCE_DATE_EPOCH: epoch('2024-06-01') };
    expect((await runAt(['lock'], { cwd: dir, env })).code).toBe(0);
    const before = lockText(dir);
    write(dir, { 'privacy/2024-04-01.md': B.replace('a year', 'ten years') });
    const message = 'policies/privacy/2024-04-01.md was published on 2024-03-01 and has changed since; published revisions are immutable — add a new revision instead.\n';
    for (const now of ['2024-06-01', '2024-02-01', '2023-01-01']) {
      const l = await runAt(['lock', '--now', now], { cwd: dir, env });
      expect(l.stderr, now).toBe(message);
      expect(l.code, now).toBe(1);
      expect(lockText(dir), now).toBe(before);
      const c = await runAt(['check', '--now', now], { cwd: dir, env });
      expect(c.stderr, now).toContain(message);
      expect(c.code, now).toBe(1);
    }
    const b = await runAt(['build', '--now', '2024-02-01', '--out', 'dist'], { cwd: dir, env });
    expect(b.stderr).toBe(message);
    expect(b.code).toBe(1);
  });

  it('on the real clock too (no SOURCE_DATE_EPOCH): the committed kind of history stays closed', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A, 'privacy/2024-04-01.md': B });
    const env = { SOURCE_DATE_EPOCH: undefined };
    expect((await runAt(['lock', '--now', '2024-06-01'], { cwd: dir, env })).code).toBe(0);
    write(dir, { 'privacy/2024-04-01.md': B.replace('a year', 'ten years') });
    const l = await runAt(['lock', '--now', '2024-01-01'], { cwd: dir, env });
    expect(l.stdout).toBe('');
    expect(l.stderr).toBe('policies/privacy/2024-04-01.md was published on 2024-03-01 and has changed since; published revisions are immutable — add a new revision instead.\n');
  });

  it('still records a revision again while the real day is before its announcement', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A, 'privacy/2024-04-01.md': B });
    const env = { SOURCE_DATE_EPOCH: epoch('2024-02-01') };
    await runAt(['lock'], { cwd: dir, env });
    const B2 = B.replace('a year', 'two years');
    write(dir, { 'privacy/2024-04-01.md': B2 });
    // --now in the past or up to the day before the announcement: the revision may still change.
    for (const now of ['2024-01-15', '2024-02-29']) {
      write(dir, { 'privacy/2024-04-01.md': now === '2024-01-15' ? B2 : B });
      const l = await runAt(['lock', '--now', now], { cwd: dir, env });
      expect(l.stdout, now).toContain(`Recorded again policies/privacy/2024-04-01.md, not announced until 2024-03-01 (SHA-256 ${sha(now === '2024-01-15' ? B2 : B)})`);
    }
    // A --now on or after the announcement treats it as published: nothing is rewritten.
    write(dir, { 'privacy/2024-04-01.md': B2 });
    expect((await runAt(['lock', '--now', '2024-03-01'], { cwd: dir, env })).code).toBe(1);
  });

  it('verifyLock and recordRevisions take the real day as a parameter', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A, 'privacy/2024-04-01.md': B });
    const policiesDir = join(dir, 'policies');
    const lock: Lock = new Map([
      ['privacy/2024-01-01.md', { path: 'privacy/2024-01-01.md', published: '2024-01-01', sha256: sha(A), corrections: [] }],
      ['privacy/2024-04-01.md', { path: 'privacy/2024-04-01.md', published: '2024-03-01', sha256: sha('older text'), corrections: [] }],
    ]);
    writeFileSync(join(policiesDir, 'redline.lock'), formatLock(lock));
    const { policies, hashes } = await loadPolicies(policiesDir, new Artifacts(undefined));
    const read = readLock(policiesDir);
    const state = fileStates(policiesDir, hashes);
    const displayOf = (path: string) => join(policiesDir, path);
    // Real day before the announcement: the revision may change.
    expect(verifyLock(policies, read, state, displayOf, '2024-02-01', [], '2024-02-01').broken).toEqual([]);
    expect(recordRevisions(read.lock, policies, state, '2024-02-01', '2024-02-01').updated.map((r) => r.effective)).toEqual(['2024-04-01']);
    // Real day after it: published, whatever today says.
    expect(verifyLock(policies, read, state, displayOf, '2024-02-01', [], '2024-03-01').broken.map((p) => p.message)).toEqual([
      `${join(policiesDir, 'privacy/2024-04-01.md')} was published on 2024-03-01 and has changed since; published revisions are immutable`,
    ]);
    expect(() => recordRevisions(read.lock, policies, state, '2024-02-01', '2024-03-01')).toThrow('was published on 2024-03-01; its line in redline.lock is never rewritten');
  });
});

describe('history cannot be back-filled', () => {
  const inserted = revision({ title: 'Privacy Policy', summary: 'Back-dated.' }, '\nWe sell your data.\n');
  const message =
    'policies/privacy/2024-02-01.md: is not in policies/redline.lock and takes effect on 2024-02-01, on or before privacy/2024-04-01.md (published 2024-03-01): it would insert itself into history that is already published — published history is never rewritten: remove this file, and add the change as a new revision announced today or later (npm run redline -- new privacy); a correction of a published text is "npm run redline -- correct"';

  it('check and build fail, and lock refuses, for a revision taking effect on or before a published one', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A, 'privacy/2024-04-01.md': B });
    await runAt(['lock', '--now', '2024-06-01'], { cwd: dir });
    const before = lockText(dir);
    write(dir, { 'privacy/2024-02-01.md': inserted });
    const c = await runAt(['check', '--now', '2024-06-01'], { cwd: dir });
    expect(c.stderr).toBe(`${message}\n1 problem (1 error, 0 warnings).\n`);
    expect(c.code).toBe(1);
    const l = await runAt(['lock', '--now', '2024-06-01'], { cwd: dir });
    expect(l.stderr).toBe(`${message}\n`);
    expect(l.code).toBe(1);
    expect(lockText(dir)).toBe(before);
    const b = await runAt(['build', '--now', '2024-06-01', '--out', 'dist'], { cwd: dir });
    expect(b.stderr).toBe(`${message}\n`);
    expect(b.code).toBe(1);
    // Even with a --now before the revisions it would precede: the real day has published them.
    const early = await runAt(['lock', '--now', '2024-01-15'], { cwd: dir, env: { SOURCE_DATE_EPOCH: epoch('2024-06-01') } });
    expect(early.stderr).toBe(`${message}\n`);
    expect(early.code).toBe(1);
  });

  it('refuses one before the first published revision too, but not one after the last', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A });
    await runAt(['lock', '--now', '2024-06-01'], { cwd: dir });
    write(dir, { 'privacy/2023-06-01.md': A });
    expect((await runAt(['check', '--now', '2024-06-01'], { cwd: dir })).stderr).toContain('policies/privacy/2023-06-01.md: is not in policies/redline.lock and takes effect on 2023-06-01, on or before privacy/2024-01-01.md (published 2024-01-01)');
    rmSync(join(dir, 'policies/privacy/2023-06-01.md'));
    write(dir, { 'privacy/2024-05-01.md': inserted });
    expect((await runAt(['lock', '--now', '2024-06-01'], { cwd: dir })).code).toBe(0);
  });

  it('lets a revision go before one that is recorded but not announced yet (by the real day)', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A, 'privacy/2024-04-01.md': B });
    const env = { SOURCE_DATE_EPOCH: epoch('2024-02-01') };
    await runAt(['lock'], { cwd: dir, env });
    write(dir, { 'privacy/2024-03-01.md': revision({ title: 'Privacy Policy', summary: 'Sooner.' }, '\nSoon.\n') });
    const l = await runAt(['lock'], { cwd: dir, env });
    expect(l.stderr).toBe('');
    expect(l.stdout).toContain('Recorded policies/privacy/2024-03-01.md (announced 2024-03-01');
  });

  it('locks a whole history at once when there is no lock yet (adopting Redline)', async () => {
    const dir = project({ 'privacy/2020-01-01.md': A, 'privacy/2021-01-01.md': revision({ title: 'Privacy Policy', summary: 'Older.' }), 'privacy/2024-04-01.md': B });
    const l = await runAt(['lock', '--now', '2024-06-01'], { cwd: dir });
    expect(l.stderr).toBe('');
    expect(l.code).toBe(0);
    expect(lockText(dir).split('\n').filter((x) => /^privacy\//.test(x))).toHaveLength(3);
    expect((await runAt(['check', '--now', '2024-06-01'], { cwd: dir })).code).toBe(0);
  });

  it('a new policy is not history of another one', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A });
    await runAt(['lock', '--now', '2024-06-01'], { cwd: dir });
    write(dir, { 'terms/2023-01-01.md': revision({ title: 'Terms' }) });
    expect((await runAt(['lock', '--now', '2024-06-01'], { cwd: dir })).code).toBe(0);
  });
});

describe('a correction is not a rewrite', () => {
  const published = revision({ title: 'Privacy Policy' }, `\n${HUNDRED}\n`);
  const setUp = async () => {
    const dir = project({ 'privacy/2024-01-01.md': published });
    await runAt(['lock', '--now', '2024-01-01'], { cwd: dir });
    copyFileSync(join(dir, 'policies/privacy/2024-01-01.md'), join(dir, 'as-published.md'));
    return dir;
  };
  const correct = (dir: string) => runAt(['correct', 'policies/privacy/2024-01-01.md', '--reason', 'Typo.', '--was', 'as-published.md', '--now', '2024-02-03'], { cwd: dir });
  const hint = 'a correction fixes typos; to change the text, restore it as published and add a new revision instead (npm run redline -- new privacy)';

  it('allows up to 20 words changed (or 2% of a short text, at least 4)', async () => {
    expect(correctionLimit(0)).toBe(4);
    expect(correctionLimit(100)).toBe(4);
    expect(correctionLimit(500)).toBe(10);
    expect(correctionLimit(1000)).toBe(20);
    expect(correctionLimit(100_000)).toBe(20);
  });

  it('records ten words fixed in a text of 1,400 words', async () => {
    const dir = await setUp();
    let text = published;
    for (let i = 1; i <= 10; i++) text = text.replace(`Sentence number ${i} says`, `Sentence number ${i} sayz`);
    write(dir, { 'privacy/2024-01-01.md': text });
    const r = await correct(dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('refuses eleven words fixed (22 inserted plus deleted), naming the file', async () => {
    const dir = await setUp();
    let text = published;
    for (let i = 1; i <= 11; i++) text = text.replace(`Sentence number ${i} says`, `Sentence number ${i} sayz`);
    write(dir, { 'privacy/2024-01-01.md': text });
    const before = lockText(dir);
    const r = await correct(dir);
    expect(r.stderr).toBe(`policies/privacy/2024-01-01.md: changes 22 words (inserted plus deleted, moved text counted) of 1400: more than a correction may (20) — ${hint}\n`);
    expect(r.code).toBe(1);
    expect(lockText(dir)).toBe(before);
  });

  it('may not be back-dated with --now', async () => {
    const dir = await setUp();
    write(dir, { 'privacy/2024-01-01.md': published.replace('Sentence number 1 says', 'Sentence number 1 sayz') });
    const r = await run(['correct', 'policies/privacy/2024-01-01.md', '--reason', 'Typo.', '--was', 'as-published.md', '--now', '2024-02-03'], { cwd: dir, env: { SOURCE_DATE_EPOCH: epoch('2024-03-01') } });
    expect(r.stderr).toBe('--now 2024-02-03 is before today (2024-03-01) — a correction is recorded on the day it is made: leave out --now\n');
    expect(r.code).toBe(1);
    const ok = await run(['correct', 'policies/privacy/2024-01-01.md', '--reason', 'Typo.', '--was', 'as-published.md'], { cwd: dir, env: { SOURCE_DATE_EPOCH: epoch('2024-03-01') } });
    expect(ok.stdout).toContain('Recorded the correction of policies/privacy/2024-01-01.md on 2024-03-01: Typo.');
  });

  it('refuses a whole text replaced, and a new title', async () => {
    const dir = await setUp();
    write(dir, { 'privacy/2024-01-01.md': revision({ title: 'Privacy Policy' }, '\nWe sell your data to anyone.\n') });
    expect((await correct(dir)).stderr).toBe(`policies/privacy/2024-01-01.md: changes 1400 words (inserted plus deleted, moved text counted) of 1400: more than a correction may (20) — ${hint}\n`);
    write(dir, { 'privacy/2024-01-01.md': published.replace('title: Privacy Policy', 'title: Data Policy') });
    const r = await correct(dir);
    expect(r.stderr).toBe(`policies/privacy/2024-01-01.md: a correction may not change the title ("Privacy Policy" → "Data Policy") — ${hint}\n`);
    expect(r.code).toBe(1);
    write(dir, { 'privacy/2024-01-01.md': published.replace('title: Privacy Policy', 'title: Privacy Policy\nchange: editorial') });
    expect((await correct(dir)).stderr).toBe(`policies/privacy/2024-01-01.md: a correction may not change the kind of change (material → editorial) — ${hint}\n`);
  });
});

describe('folders where files belong, and a byte-order mark, are one-line errors', () => {
  const locked = async () => {
    const dir = project({ 'privacy/2024-01-01.md': A });
    await runAt(['lock', '--now', '2024-06-01'], { cwd: dir });
    return dir;
  };
  const expectOneLine = (r: { stderr: string; code: number }, line: string) => {
    expect(r.stderr).not.toContain('unexpected failure');
    expect(r.stderr.split('\n')[0]).toBe(line);
    expect(r.code).toBe(1);
  };

  it('a lock that is a folder', async () => {
    const dir = await locked();
    rmSync(join(dir, 'policies/redline.lock'));
    mkdirSync(join(dir, 'policies/redline.lock'));
    const line = 'policies/redline.lock: is a folder, not a file — the lock is one text file, written by "npm run redline -- lock": move the folder away, then restore the committed lock file (or run lock, if there was none)';
    const c = await runAt(['check', '--now', '2024-06-01'], { cwd: dir });
    expect(c.stderr).toBe(`${line}\n1 problem (1 error, 0 warnings).\n`);
    expect(c.code).toBe(1);
    for (const args of [['lock'], ['build', '--out', 'dist'], ['correct', 'policies/privacy/2024-01-01.md', '--reason', 'x']]) {
      const r = await runAt([...args, '--now', '2024-06-01'], { cwd: dir });
      expect(r.stderr, args[0]).toBe(`${line}\n`);
      expect(r.code, args[0]).toBe(1);
    }
  });

  it('a lock entry naming a folder, published or not, or written with a slash', async () => {
    const dir = await locked();
    const h = 'a'.repeat(64);
    writeFileSync(join(dir, 'policies/redline.lock'), `${lockText(dir)}privacy/2024-02-01.md published 2024-02-01 sha256 ${h}\nprivacy/2024-09-01.md published 2024-08-01 sha256 ${h}\n`);
    mkdirSync(join(dir, 'policies/privacy/2024-02-01.md'));
    mkdirSync(join(dir, 'policies/privacy/2024-09-01.md'));
    const c = await runAt(['check', '--now', '2024-06-01', '--policies', 'policies'], { cwd: dir, env: { SOURCE_DATE_EPOCH: epoch('2024-06-01') } });
    expect(c.stderr).toBe(
      [
        'policies/privacy/2024-02-01.md: is a folder inside a policy — a policy folder holds only its revisions, named YYYY-MM-DD.md',
        'policies/privacy/2024-02-01.md was published on 2024-02-01 and is now a folder, not the file recorded in policies/redline.lock; published revisions are immutable — move the folder away and restore the file from version control.',
        'policies/privacy/2024-09-01.md: is a folder inside a policy — a policy folder holds only its revisions, named YYYY-MM-DD.md',
        // never announced: only the lock is out of date, which is a warning (check --strict fails on it)
        'warning: policies/privacy/2024-09-01.md: is recorded in policies/redline.lock but is a folder, not a file — put the revision back as a file, or remove the folder and run "npm run redline -- lock" to forget it (it was never announced)',
        '4 problems (3 errors, 1 warning).',
        '',
      ].join('\n'),
    );
    expect(c.code).toBe(1);
    expectOneLine(await runAt(['lock', '--now', '2024-06-01'], { cwd: dir }), 'policies/privacy/2024-02-01.md: is a folder inside a policy — a policy folder holds only its revisions, named YYYY-MM-DD.md');
    expectOneLine(await runAt(['correct', 'policies/privacy/2024-02-01.md', '--reason', 'x', '--now', '2024-06-01'], { cwd: dir }), 'policies/privacy/2024-02-01.md: is a folder, not a revision file — move the folder away, restore the file from version control, then fix the typo');

    const slash = await locked();
    writeFileSync(join(slash, 'policies/redline.lock'), `${lockText(slash)}privacy/2024-02-01.md/ published 2024-02-01 sha256 ${h}\n`);
    expectOneLine(await runAt(['check', '--now', '2024-06-01'], { cwd: slash }), 'policies/redline.lock:8: "privacy/2024-02-01.md/" is not the path of a revision — each line names a revision as <policy>/<YYYY-MM-DD>.md');
  });

  it('correct --was <a folder>', async () => {
    const dir = await locked();
    write(dir, { 'privacy/2024-01-01.md': A.replace('safe', 'sfae') });
    mkdirSync(join(dir, 'saved'));
    const r = await runAt(['correct', 'policies/privacy/2024-01-01.md', '--reason', 'x', '--was', 'saved', '--now', '2024-06-01'], { cwd: dir });
    expect(r.stderr).toBe('saved: is a folder, not a file — --was names a file holding the text as published, such as the raw Markdown saved from the site\n');
    expect(r.code).toBe(1);
  });

  it('a lock that starts with a byte-order mark', async () => {
    const dir = await locked();
    const text = lockText(dir);
    writeFileSync(join(dir, 'policies/redline.lock'), `\uFEFF${text}`);
    const line = 'policies/redline.lock:1: starts with a byte-order mark — an editor added it: save the file as UTF-8 without a byte-order mark (or restore the last committed version)';
    const c = await runAt(['check', '--now', '2024-06-01'], { cwd: dir });
    expect(c.stderr).toBe(`${line}\n1 problem (1 error, 0 warnings).\n`);
    const l = await runAt(['lock', '--now', '2024-06-01'], { cwd: dir });
    expect(l.stderr).toBe(`${line}\n`);
    expect(l.code).toBe(1);
    // The rest of the file is still read: its entries are not reported missing.
    const { lock, problems } = parseLock(`\uFEFF${text}`, 'policies/redline.lock');
    expect(problems).toHaveLength(1);
    expect([...lock.keys()]).toEqual(['privacy/2024-01-01.md']);
  });
});
