import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { redline, root, run } from './helpers/cli.ts';
import { project, revision, write } from './helpers/policies.ts';
import { correctedLines, formatLock, parseLock, type Lock } from '../src/core/lock.ts';

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const A = revision({ title: 'Privacy Policy' }, '\nWe keep your data safe.\n');
const B = revision({ title: 'Privacy Policy', summary: 'We delete data after a year.', published: '2024-03-01' }, '\nWe keep your data safe.\n\nWe delete it after a year.\n');
const lockText = (dir: string) => readFileSync(join(dir, 'policies/redline.lock'), 'utf8');
// The entries of the lock: its lines but the comments, blank lines and the format line (lock format 2).
const entryLines = (dir: string) => lockText(dir).split('\n').filter((l) => l !== '' && !l.startsWith('#') && l !== 'format 2');
/** SOURCE_DATE_EPOCH for noon of a day in Tokyo (the site's time zone): the real day, which --now cannot move. */
const epoch = (day: string) => String(Date.parse(`${day}T12:00:00+09:00`) / 1000);
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'pipe' });

describe('lock file format', () => {
  const h = (c: string) => c.repeat(64);
  const lock: Lock = new Map([
    ['terms/2024-01-01.md', { path: 'terms/2024-01-01.md', published: '2024-01-01', sha256: h('b'), corrections: [] }],
    [
      'privacy/2024-04-01.md',
      {
        path: 'privacy/2024-04-01.md',
        published: '2024-03-15',
        sha256: h('a'),
        corrections: [{ date: '2024-05-02', sha256: h('c'), was: h('a'), reason: 'Fixes "recieve".', lines: [{ sign: '-', line: 7, text: 'We recieve it.' }, { sign: '+', line: 7, text: 'We receive it.' }, { sign: '+', line: 8, text: '' }] }],
      },
    ],
  ]);

  it('writes one sorted, readable block per revision, the same bytes every time', async () => {
    const text = formatLock(lock);
    expect(text.split('\n').filter((l) => !l.startsWith('#'))).toEqual([
      '',
      'format 2',
      `privacy/2024-04-01.md published 2024-03-15 sha256 ${h('a')}`,
      `  corrected 2024-05-02 sha256 ${h('c')} was ${h('a')}`,
      '  reason Fixes "recieve".',
      '  - 7 We recieve it.',
      '  + 7 We receive it.',
      '  + 8',
      `terms/2024-01-01.md published 2024-01-01 sha256 ${h('b')}`,
      '',
    ]);
    expect(formatLock(new Map([...lock].reverse()))).toBe(text);
  });

  it('reads back what it writes', async () => {
    const { lock: back, problems } = parseLock(formatLock(lock), 'policies/redline.lock');
    expect(problems).toEqual([]);
    expect([...back.values()].sort((a, b) => a.path.localeCompare(b.path))).toEqual([...lock.values()].sort((a, b) => a.path.localeCompare(b.path)));
  });

  it('names every malformed line', async () => {
    const text = [
      '# comment',
      `privacy/2024-04-01.md published 2024-04-01 sha256 ${h('a')}`,
      `privacy/2024-04-01.md published 2024-04-01 sha256 ${h('a')}`,
      `privacy/2024-02-30.md published 2024-02-30 sha256 ${h('a')}`,
      `privacy/2024-05-01.md published 2024-05-01 sha256 xyz`,
      `privacy/2024-06-01.md published 2024-06-02 sha256 ${h('a')}`,
      '<<<<<<< HEAD',
      `  corrected 2024-05-02 sha256 ${h('c')} was ${h('d')}`,
      'something else',
      `terms/2024-01-01.md published 2024-01-01 sha256 ${h('b')}`,
      `  corrected 2024-05-02 sha256 ${h('c')} was ${h('b')}`,
      '  - 3 old',
    ].join('\n');
    expect(parseLock(text, 'policies/redline.lock').problems.map((p) => p.format())).toEqual([
      'policies/redline.lock:3: records privacy/2024-04-01.md twice — keep one line per revision; if a merge produced both, keep the older one and run "npm run redline -- check"',
      'policies/redline.lock:4: "privacy/2024-02-30.md" is not the path of a revision — each line names a revision as <policy>/<YYYY-MM-DD>.md',
      'policies/redline.lock:5: "xyz" is not a SHA-256 hash — a hash is 64 lower-case hexadecimal digits',
      'policies/redline.lock:6: published 2024-06-02 is after the effective date of privacy/2024-06-01.md — the lock is written by "npm run redline -- lock"; restore the last committed version of the file and run it again',
      'policies/redline.lock:7: has a merge conflict — keep the lines of both sides (one per revision), delete the conflict markers, then run "npm run redline -- check"',
      'policies/redline.lock:8: correction does not follow a revision line — the lock is written by "npm run redline -- lock"; restore the last committed version of the file and run it again',
      'policies/redline.lock:9: line is not understood: "something else" — the lock is written by "npm run redline -- lock"; restore the last committed version of the file and run it again',
      'policies/redline.lock:11: correction has no reason — add a line "  reason ..." under it saying why the text was corrected',
    ]);
  });
});

describe('correctedLines', () => {
  it('pairs each changed line as published with its correction', async () => {
    expect(correctedLines('a\nb\nc\nd\n', 'a\nB\nc\nd\n')).toEqual([
      { sign: '-', line: 2, text: 'b' },
      { sign: '+', line: 2, text: 'B' },
    ]);
  });
  it('keeps separate changes separate, with line numbers before and after', async () => {
    expect(correctedLines('1\n2\n3\n4\n5\n6\n', '1\n2x\n3\n4\nnew\n5\n6y\n')).toEqual([
      { sign: '-', line: 2, text: '2' },
      { sign: '+', line: 2, text: '2x' },
      { sign: '+', line: 5, text: 'new' },
      { sign: '-', line: 6, text: '6' },
      { sign: '+', line: 7, text: '6y' },
    ]);
  });
  it('is empty for the same text', async () => {
    expect(correctedLines('a\nb\n', 'a\nb\n')).toEqual([]);
  });
});

describe('redline lock', () => {
  it('records every revision with its announcement date and hash, and then has nothing to do', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A, 'privacy/2024-04-01.md': B });
    const r = await run(['lock', '--now', '2024-06-01'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `Recorded policies/privacy/2024-01-01.md (announced 2024-01-01, SHA-256 ${sha(A)})`,
        `Recorded policies/privacy/2024-04-01.md (announced 2024-03-01, SHA-256 ${sha(B)})`,
        'Wrote policies/redline.lock: commit it with the revisions.',
        '',
      ].join('\n'),
    );
    expect(entryLines(dir)).toEqual([`privacy/2024-01-01.md published 2024-01-01 sha256 ${sha(A)}`, `privacy/2024-04-01.md published 2024-03-01 sha256 ${sha(B)}`]);
    const before = lockText(dir);
    const again = await run(['lock', '--now', '2024-06-01'], { cwd: dir });
    expect(again.stdout).toBe('policies/redline.lock is up to date (2 revisions).\n');
    expect(lockText(dir)).toBe(before);
    expect((await run(['check', '--now', '2024-06-01'], { cwd: dir })).code).toBe(0);
  });

  it('never rewrites the hash of a published revision', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A });
    await run(['lock', '--now', '2024-06-01'], { cwd: dir });
    const before = lockText(dir);
    write(dir, { 'privacy/2024-01-01.md': A.replace('safe', 'secure') });
    const r = await run(['lock', '--now', '2024-06-01'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('policies/privacy/2024-01-01.md was published on 2024-01-01 and has changed since; published revisions are immutable — add a new revision instead.\n');
    expect(lockText(dir)).toBe(before);
  });

  it('says how to take back a recording made on the announcement day, and the way it says works (git restore)', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A });
    git(dir, 'init', '-q');
    await run(['lock', '--now', '2024-06-01'], { cwd: dir });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'first');
    // A revision announced today, recorded today, then edited before it went public.
    const today = revision({ title: 'Privacy Policy', summary: 'Shorter.' }, '\nWe keep your data.\n');
    write(dir, { 'privacy/2024-06-01.md': today });
    const draft = await run(['check', '--now', '2024-06-01'], { cwd: dir });
    expect(draft.stderr).toBe('warning: policies/privacy/2024-06-01.md: is not in policies/redline.lock yet (it is announced today, 2024-06-01) — once its text is final, run "npm run redline -- lock" and commit the lock with the revision\n1 problem (0 errors, 1 warning).\n');
    expect(draft.code).toBe(0);
    await run(['lock', '--now', '2024-06-01'], { cwd: dir });
    write(dir, { 'privacy/2024-06-01.md': today.replace('your data', 'your data for a year') });
    const edited = await run(['check', '--now', '2024-06-01'], { cwd: dir });
    expect(edited.code).toBe(1);
    expect(edited.stderr).toBe(
      'policies/privacy/2024-06-01.md was published on 2024-06-01 and has changed since; published revisions are immutable — it is announced today: if this version is not public yet, take its recording back with "git restore policies/redline.lock" (or revert the commit that recorded it), edit, and run "npm run redline -- lock" again; once it is public, add a new revision instead.\n1 problem (1 error, 0 warnings).\n',
    );
    // A day later, the same edit is only "add a new revision".
    expect((await run(['check', '--now', '2024-06-02'], { cwd: dir, env: { SOURCE_DATE_EPOCH: epoch('2024-06-02') } })).stderr).toContain('published revisions are immutable — add a new revision instead.');
    git(dir, 'restore', 'policies/redline.lock');
    expect((await run(['lock', '--now', '2024-06-01'], { cwd: dir })).code).toBe(0);
    expect((await run(['check', '--now', '2024-06-01'], { cwd: dir })).stderr).toBe('');
  });

  it('records a revision that is not announced yet, and records it again while it may still change', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A, 'privacy/2024-04-01.md': B });
    const runAt = (args: string[], opts: { cwd: string }) => run(args, { ...opts, env: { SOURCE_DATE_EPOCH: epoch(args[args.indexOf('--now') + 1]!) } });
    await runAt(['lock', '--now', '2024-02-01'], { cwd: dir });
    expect(entryLines(dir)[1]).toBe(`privacy/2024-04-01.md published 2024-03-01 sha256 ${sha(B)}`);
    const B2 = B.replace('a year', 'two years');
    write(dir, { 'privacy/2024-04-01.md': B2 });

    const c = await runAt(['check', '--now', '2024-02-01', '--strict'], { cwd: dir });
    expect(c.code).toBe(1);
    expect(c.stderr).toBe(
      'warning: policies/privacy/2024-04-01.md: has changed since it was recorded in policies/redline.lock — it is not announced until 2024-03-01, so it may still change: run "npm run redline -- lock" and commit the lock with the revision\n1 problem (0 errors, 1 warning).\n',
    );
    const l = await runAt(['lock', '--now', '2024-02-01'], { cwd: dir });
    expect(l.stdout).toContain(`Recorded again policies/privacy/2024-04-01.md, not announced until 2024-03-01 (SHA-256 ${sha(B2)})`);
    expect(entryLines(dir)[1]).toBe(`privacy/2024-04-01.md published 2024-03-01 sha256 ${sha(B2)}`);
    expect((await runAt(['check', '--now', '2024-02-01', '--strict'], { cwd: dir })).code).toBe(0);

    // From its announcement day on, the recorded text is final.
    write(dir, { 'privacy/2024-04-01.md': B });
    const late = await runAt(['check', '--now', '2024-03-01'], { cwd: dir });
    expect(late.code).toBe(1);
    // On that day itself, the message also says how to take a recording back if the version is not public yet.
    expect(late.stderr).toContain('policies/privacy/2024-04-01.md was published on 2024-03-01 and has changed since; published revisions are immutable — it is announced today: if this version is not public yet, take its recording back with "git restore policies/redline.lock"');
    expect((await runAt(['check', '--now', '2024-03-02'], { cwd: dir })).stderr).toContain('policies/privacy/2024-04-01.md was published on 2024-03-01 and has changed since; published revisions are immutable — add a new revision instead.\n');
  });

  it('forgets a revision that was never announced and is gone, but not a published one', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A, 'privacy/2024-04-01.md': B });
    const runAt = (args: string[], opts: { cwd: string }) => run(args, { ...opts, env: { SOURCE_DATE_EPOCH: epoch(args[args.indexOf('--now') + 1]!) } });
    await runAt(['lock', '--now', '2024-02-01'], { cwd: dir });
    rmSync(join(dir, 'policies/privacy/2024-04-01.md'));
    const c = await runAt(['check', '--now', '2024-02-01'], { cwd: dir });
    expect(c.stderr).toBe('warning: policies/privacy/2024-04-01.md: is recorded in policies/redline.lock but no longer exists — it was never announced, so run "npm run redline -- lock" to forget it\n1 problem (0 errors, 1 warning).\n');
    const l = await runAt(['lock', '--now', '2024-02-01'], { cwd: dir });
    expect(l.stdout).toContain('Forgot policies/privacy/2024-04-01.md, which was never announced and is gone');
    expect(entryLines(dir)).toEqual([`privacy/2024-01-01.md published 2024-01-01 sha256 ${sha(A)}`]);

    rmSync(join(dir, 'policies/privacy/2024-01-01.md'));
    write(dir, { 'privacy/2024-05-01.md': A });
    const gone = await runAt(['lock', '--now', '2024-06-01'], { cwd: dir });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toBe('policies/privacy/2024-01-01.md was published on 2024-01-01 and has been deleted since; published revisions are immutable — restore the file from version control, and add a new revision instead.\n');
  });

  it('refuses to record anything while a revision has an error', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A, 'privacy/2024-04-01.md': revision({ title: 'Privacy Policy' }) });
    const r = await run(['lock', '--now', '2024-06-01'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('policies/privacy/2024-04-01.md:1: has no summary — add "summary: ..." to the front matter saying what changed and why, in plain words\n');
    expect(() => lockText(dir)).toThrow();
  });

  it('is what check compares: a revision missing from the lock is a warning, announced or not (an error under --strict)', async () => {
    const dir = project({ 'privacy/2024-01-01.md': A });
    const none = await run(['check', '--now', '2024-06-01'], { cwd: dir });
    expect(none.stderr).toBe('warning: policies/redline.lock: not found — run "npm run redline -- lock" to record the SHA-256 of every revision, and commit it\n1 problem (0 errors, 1 warning).\n');
    expect(none.code).toBe(0);
    expect((await run(['check', '--now', '2024-06-01', '--strict'], { cwd: dir })).code).toBe(1);
    await run(['lock', '--now', '2024-06-01'], { cwd: dir });
    write(dir, { 'privacy/2024-04-01.md': B, 'privacy/2024-09-01.md': revision({ title: 'Privacy Policy', summary: 'Later.', published: '2024-08-01' }) });
    const r = await run(['check', '--now', '2024-06-01'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      [
        'warning: policies/privacy/2024-04-01.md: was published on 2024-03-01 but is not in policies/redline.lock — run "npm run redline -- lock" and commit the lock with the revision',
        'warning: policies/privacy/2024-09-01.md: is not in policies/redline.lock yet (it is announced on 2024-08-01) — run "npm run redline -- lock" and commit the lock with the revision',
        '2 problems (0 errors, 2 warnings).',
        '',
      ].join('\n'),
    );
    const strict = await run(['check', '--now', '2024-06-01', '--strict'], { cwd: dir });
    expect(strict.stderr).toBe(r.stderr);
    expect(strict.code).toBe(1);
  });
});

describe('the committed policies/redline.lock', () => {
  it('records both privacy revisions and their Japanese translations, byte for byte as they are', async () => {
    const lines = readFileSync(join(root, 'policies/redline.lock'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    const file = (d: string) => readFileSync(join(root, `policies/privacy/${d}.md`));
    expect(lines).toEqual([
      'format 2',
      `privacy/2024-04-01.ja.md published 2024-04-01 sha256 ${sha(file('2024-04-01.ja'))}`,
      `privacy/2024-04-01.md published 2024-04-01 sha256 ${sha(file('2024-04-01'))}`,
      `privacy/2025-04-01.ja.md published 2025-03-18 sha256 ${sha(file('2025-04-01.ja'))}`,
      `privacy/2025-04-01.md published 2025-03-18 sha256 ${sha(file('2025-04-01'))}`,
    ]);
  });
  it('passes check, before and after the second revision took effect', async () => {
    for (const now of ['2025-03-18', '2025-04-01', '2026-01-01']) {
      const r = await run(['check', '--now', now]);
      expect(r.stderr, now).toBe('');
      expect(r.code, now).toBe(0);
    }
  });
});

describe('redline correct (the corrigendum path)', () => {
  // The real day is the --now day: a correction may not be dated before the real day.
  const runAt = (args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}) =>
    run(args, { ...opts, env: { ...(args.includes('--now') ? { SOURCE_DATE_EPOCH: epoch(args[args.indexOf('--now') + 1]!) } : {}), ...opts.env } });
  const typo = revision({ title: 'Privacy Policy' }, '\nWe recieve your data.\n\nWe keep it safe.\n');
  const fixed = typo.replace('recieve', 'receive');

  it('records the hash as published, the new hash, the reason and the lines, finding the old text in git', async () => {
    const dir = project({ 'privacy/2024-01-01.md': typo });
    await runAt(['lock', '--now', '2024-01-01'], { cwd: dir });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'First revision');
    write(dir, { 'privacy/2024-01-01.md': fixed });
    git(dir, 'commit', '-qam', 'Fix the typo'); // committed already: the old text is found further back
    const r = await runAt(['correct', 'policies/privacy/2024-01-01.md', '--reason', 'Fixes the misspelt "recieve".', '--now', '2024-02-03'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recorded the correction of policies/privacy/2024-01-01.md on 2024-02-03: Fixes the misspelt "recieve".');
    expect(entryLines(dir)).toEqual([
      `privacy/2024-01-01.md published 2024-01-01 sha256 ${sha(typo)}`,
      `  corrected 2024-02-03 sha256 ${sha(fixed)} was ${sha(typo)}`,
      '  reason Fixes the misspelt "recieve".',
      '  - 5 We recieve your data.',
      '  + 5 We receive your data.',
    ]);
    expect((await runAt(['check', '--now', '2024-02-03'], { cwd: dir })).code).toBe(0);

    // The corrected text is now the one that may not change.
    write(dir, { 'privacy/2024-01-01.md': fixed.replace('safe', 'secure') });
    const again = await runAt(['check', '--now', '2024-02-03'], { cwd: dir });
    expect(again.stderr).toContain('policies/privacy/2024-01-01.md was published on 2024-01-01 and has changed since; published revisions are immutable — add a new revision instead.\n');
  });

  it('takes the text as published from --was, and checks its hash', async () => {
    const dir = project({ 'privacy/2024-01-01.md': typo });
    await runAt(['lock', '--now', '2024-01-01'], { cwd: dir });
    copyFileSync(join(dir, 'policies/privacy/2024-01-01.md'), join(dir, 'as-published.md'));
    write(dir, { 'privacy/2024-01-01.md': fixed });
    writeFileSync(join(dir, 'wrong.md'), fixed);
    const wrong = await runAt(['correct', 'policies/privacy/2024-01-01.md', '--reason', 'Typo.', '--was', 'wrong.md', '--now', '2024-02-03'], { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`wrong.md: is not the text as published (its SHA-256 is ${sha(fixed)}; the lock records ${sha(typo)}) — save the raw Markdown of the revision from the site, byte for byte\n`);
    const r = await runAt(['correct', 'policies/privacy/2024-01-01.md', '--reason', 'Typo.', '--was', 'as-published.md', '--now', '2024-02-03'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(entryLines(dir)[1]).toBe(`  corrected 2024-02-03 sha256 ${sha(fixed)} was ${sha(typo)}`);
  });

  it('refuses what is not a correction of a published revision', async () => {
    const dir = project({ 'privacy/2024-01-01.md': typo, 'privacy/2024-06-01.md': revision({ title: 'Privacy Policy', summary: 'Later.', published: '2024-05-01' }) });
    await runAt(['lock', '--now', '2024-01-01'], { cwd: dir });
    const correct = (...args: string[]) => runAt(['correct', ...args, '--now', '2024-02-03'], { cwd: dir });
    const cases: [string[], string][] = [
      [['policies/privacy/2024-01-01.md'], 'correct: --reason must be one line of text — run as: npm run redline -- correct policies/<policy>/<YYYY-MM-DD>.md --reason "what was wrong and why it is fixed"'],
      [['--reason', 'x'], 'correct: which revision? — run as: npm run redline -- correct policies/<policy>/<YYYY-MM-DD>.md --reason "what was wrong and why it is fixed"'],
      [['policies/privacy/2024-01-01.md', '--reason', 'x'], 'policies/privacy/2024-01-01.md: has not changed since it was recorded in policies/redline.lock — fix the typo in the file first, then run correct'],
      [['policies/privacy/2024-06-01.md', '--reason', 'x'], 'policies/privacy/2024-06-01.md: is not announced until 2024-05-01 — until then it may change: edit it and run "npm run redline -- lock"'],
      [['policies/privacy/2024-03-01.md', '--reason', 'x'], 'policies/privacy/2024-03-01.md: is not recorded in policies/redline.lock — only a recorded, published revision is corrected; name it as policies/<policy>/<YYYY-MM-DD>.md (or pass --policies DIR)'],
    ];
    for (const [args, message] of cases) {
      const r = await correct(...args);
      expect(r.stderr, args.join(' ')).toBe(`${message}\n`);
      expect(r.code).toBe(1);
    }
    write(dir, { 'privacy/2024-01-01.md': fixed.replace('title: Privacy Policy', 'title: Privacy Policy\npublished: 2023-12-01') });
    expect((await correct('policies/privacy/2024-01-01.md', '--reason', 'x')).stderr).toBe(
      'policies/privacy/2024-01-01.md: a correction may not change the announcement date (published 2024-01-01, now 2023-12-01) — put back "published: 2024-01-01"; to change what was announced, add a new revision\n',
    );
    write(dir, { 'privacy/2024-01-01.md': fixed });
    expect((await correct('policies/privacy/2024-01-01.md', '--reason', 'x')).stderr).toBe(
      `policies/privacy/2024-01-01.md: the text as published (SHA-256 ${sha(typo)}) is not in git history — pass --was FILE with that text, such as the raw Markdown saved from https://policies.illustrious.example/privacy/2024-01-01.md\n`,
    );
  });
});
