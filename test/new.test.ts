import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redline, run } from './helpers/cli.ts';
import { project, revision } from './helpers/policies.ts';

const FIRST = revision({ title: 'Privacy Policy' }, '\n## What we collect\n\nYour e-mail address.\n');
const SECOND = revision({ title: 'Privacy Policy', summary: 'We also collect your name.' }, '\n## What we collect\n\nYour e-mail address and your name.\n');
const read = (dir: string, name: string) => readFileSync(join(dir, 'policies', name), 'utf8');
const base = () => project({ 'privacy/2024-01-01.md': FIRST, 'privacy/2024-06-01.md': SECOND });

describe('redline new <policy>', () => {
  it('starts a material revision from the one in force: announced today, in force 30 days later', async () => {
    const dir = base();
    const r = await run(['new', 'privacy', '--now', '2025-01-10'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('policies/privacy/2025-02-09.md');
    expect(r.stdout).toContain('A material revision of privacy, copied from policies/privacy/2024-06-01.md: announced on 2025-01-10, takes effect on 2025-02-09.');
    expect(read(dir, 'privacy/2025-02-09.md')).toBe(
      '---\ntitle: Privacy Policy\nsummary: "TODO: say what changed and why, in plain words"\npublished: 2025-01-10\n---\n\n## What we collect\n\nYour e-mail address and your name.\n',
    );
  });

  it('cannot be published by accident: check and build refuse the placeholder until it is replaced', async () => {
    const dir = base();
    await run(['lock', '--now', '2025-01-10'], { cwd: dir });
    await run(['new', 'privacy', '--now', '2025-01-10'], { cwd: dir });
    const placeholder = 'policies/privacy/2025-02-09.md:3: summary is still a placeholder — replace it with what changed and why, in plain words';
    const c = await run(['check', '--now', '2025-01-10'], { cwd: dir });
    expect(c.stderr).toBe(`${placeholder}\n1 problem (1 error, 0 warnings).\n`);
    expect(c.code).toBe(1);
    const b = await run(['build', '--now', '2025-01-10', '--out', 'dist'], { cwd: dir });
    expect(b.stderr).toBe(`${placeholder}\n`);
    expect(b.code).toBe(1);
    expect((await run(['lock', '--now', '2025-01-10'], { cwd: dir })).stderr).toBe(`${placeholder}\n`);

    // The author writes the change and the summary, then locks and commits.
    const file = join(dir, 'policies/privacy/2025-02-09.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"TODO: say what changed and why, in plain words"', 'We no longer collect your name.').replace(' and your name', ''));
    expect((await run(['check', '--now', '2025-01-10'], { cwd: dir })).stderr).toBe(
      'warning: policies/privacy/2025-02-09.md: is not in policies/redline.lock yet (it is announced today, 2025-01-10) — once its text is final, run "npm run redline -- lock" and commit the lock with the revision\n1 problem (0 errors, 1 warning).\n',
    );
    expect((await run(['lock', '--now', '2025-01-10'], { cwd: dir })).code).toBe(0);
    const ok = await run(['check', '--now', '2025-01-10'], { cwd: dir });
    expect(ok.stdout).toContain('policies/privacy/2025-02-09.md  upcoming: announced on 2025-01-10, takes effect on 2025-02-09');
    expect(ok.code).toBe(0);
  });

  it('makes an editorial revision take effect the day it is written', async () => {
    const dir = base();
    const r = await run(['new', 'privacy', '--editorial', '--now', '2025-01-10'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(read(dir, 'privacy/2025-01-10.md')).toBe(
      '---\ntitle: Privacy Policy\nsummary: "TODO: say what changed and why, in plain words"\nchange: editorial\n---\n\n## What we collect\n\nYour e-mail address and your name.\n',
    );
  });

  it('takes the dates it is given, and copies the revision the new one replaces', async () => {
    const dir = base();
    const r = await run(['new', 'privacy', '--effective', '2024-03-01', '--published', '2024-02-01', '--now', '2024-01-15'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('copied from policies/privacy/2024-01-01.md: announced on 2024-02-01, takes effect on 2024-03-01.');
    expect(read(dir, 'privacy/2024-03-01.md')).toContain('published: 2024-02-01\n---\n\n## What we collect\n\nYour e-mail address.\n');
  });

  it('notes when a material change gets less than 30 days of notice', async () => {
    const dir = base();
    const r = await run(['new', 'privacy', '--effective', '2025-01-20', '--now', '2025-01-10'], { cwd: dir });
    expect(r.stdout).toContain("Note: that is 10 days' notice; material changes usually get 30.");
  });

  it('never overwrites a file', async () => {
    const dir = base();
    const r = await run(['new', 'privacy', '--effective', '2024-06-01', '--now', '2024-05-01'], { cwd: dir });
    expect(r.stderr).toBe('policies/privacy/2024-06-01.md: already exists — edit it (if it is not published yet), or choose another day with --effective YYYY-MM-DD\n');
    expect(r.code).toBe(1);
    expect(read(dir, 'privacy/2024-06-01.md')).toBe(SECOND);
  });
});

describe('redline new <policy> --title', () => {
  it('starts a new policy whose text check refuses until it is written', async () => {
    const dir = base();
    const r = await run(['new', 'cookies', '--title', 'Cookie Policy: EU', '--now', '2025-01-10'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('policies/cookies/2025-01-10.md');
    expect(read(dir, 'cookies/2025-01-10.md')).toBe('---\ntitle: "Cookie Policy: EU"\n---\n\nTODO: write the policy.\n');
    const c = await run(['check', '--now', '2025-01-10'], { cwd: dir });
    expect(c.stderr).toContain('policies/cookies/2025-01-10.md:5: the text still holds a "TODO:" placeholder — write the text it stands for, or delete the line\n');
    writeFileSync(join(dir, 'policies/cookies/2025-01-10.md'), read(dir, 'cookies/2025-01-10.md').replace('TODO: write the policy.', 'We use no cookies.'));
    await run(['lock', '--now', '2025-01-10'], { cwd: dir });
    expect((await run(['check', '--now', '2025-01-10'], { cwd: dir })).code).toBe(0);
  });

  it('announces a new policy ahead when given an effective date', async () => {
    const dir = base();
    expect((await run(['new', 'terms', '--title', 'Terms of Service', '--effective', '2025-03-01', '--now', '2025-01-10'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'terms/2025-03-01.md')).toBe('---\ntitle: Terms of Service\npublished: 2025-01-10\n---\n\nTODO: write the policy.\n');
  });
});

describe('redline new: bad input', () => {
  const cases: [string[], string][] = [
    [['new'], 'new: which policy? — run as: npm run redline -- new <policy> [--effective YYYY-MM-DD] [--published YYYY-MM-DD] [--editorial], or new <policy> --title "..." for a new policy'],
    [['new', 'Privacy Policy'], '"Privacy Policy" is not a valid policy name — use lower-case letters, digits and single hyphens, such as "privacy" or "terms-of-service"'],
    [['new', 'history', '--title', 'History'], '"history" is reserved for the site\'s own pages — choose another name, such as "history-policy"'],
    [['new', 'cookies'], 'policies/cookies: does not exist — to start a new policy, add --title "...": npm run redline -- new cookies --title "..."'],
    [['new', 'privacy', '--title', 'Privacy'], 'policies/privacy: already exists — leave out --title to add the next revision of privacy'],
    [['new', 'privacy', '--effective', '2025-02-30'], '--effective "2025-02-30" is not a calendar date — write it as YYYY-MM-DD, such as --effective 2026-01-01'],
    [['new', 'privacy', '--effective', '2025-02-01', '--published', '2025-03-01'], '--published 2025-03-01 is after the effective date 2025-02-01 — a revision is announced on or before the day it takes effect'],
    [['new', 'privacy', '--effective', '2025-01-09'], '--effective 2025-01-09 is before today (2025-01-10) — a revision takes effect today or later; a correction of a published text is "npm run redline -- correct"'],
    [['new', 'privacy', '--effective', '2024-05-01', '--published', '2024-05-01'], '--published 2024-05-01 is before today (2025-01-10) — a revision is announced today or later; a correction of a published text is "npm run redline -- correct"'],
    [['new', 'privacy', '--effective', '2025-03-01', '--published', '2025-01-01'], '--published 2025-01-01 is before today (2025-01-10) — a revision is announced today or later; a correction of a published text is "npm run redline -- correct"'],
    [['new', 'cookies', '--title', 'Cookie Policy', '--effective', '2024-01-01'], '--effective 2024-01-01 is before today (2025-01-10) — a revision takes effect today or later; a correction of a published text is "npm run redline -- correct"'],
    [['new', 'privacy', 'terms'], 'new: one policy at a time (got privacy, terms) — run as: npm run redline -- new <policy> [--effective YYYY-MM-DD] [--published YYYY-MM-DD] [--editorial], or new <policy> --title "..." for a new policy'],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), async () => {
      const dir = base();
      const r = await run([...args, '--now', '2025-01-10'], { cwd: dir });
      expect(r.stderr).toBe(`${message}\n`);
      expect(r.code).toBe(1);
    });
  }

  it('refuses an effective date before the first revision', async () => {
    const r = await run(['new', 'privacy', '--effective', '2023-06-01', '--now', '2023-05-01'], { cwd: base() });
    expect(r.stderr).toBe('--effective 2023-06-01 is before the first revision of privacy (policies/privacy/2024-01-01.md) — a new revision takes effect after the one it replaces\n');
    expect(r.code).toBe(1);
  });

  it('takes today itself as a date: it is not before today', async () => {
    const dir = base();
    const r = await run(['new', 'privacy', '--effective', '2025-01-10', '--published', '2025-01-10', '--now', '2025-01-10'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'policies/privacy/2025-01-10.md'))).toBe(true);
  });

  it('refuses to copy from a policy with a broken revision', async () => {
    const dir = project({ 'privacy/2024-01-01.md': FIRST, 'privacy/2024-06-01.md': SECOND.replace('title: Privacy Policy', 'title: Privacy Policy\nsumary: typo') });
    const r = await run(['new', 'privacy', '--now', '2025-01-10'], { cwd: dir });
    expect(r.stderr).toBe('policies/privacy/2024-06-01.md:3: unknown front matter field "sumary" — fix the revisions of this policy first (npm run redline -- check), then run new again\n');
    expect(r.code).toBe(1);
  });

  it('leaves nothing behind when it refuses', async () => {
    const dir = base();
    await run(['new', 'privacy', '--effective', '2025-02-01', '--published', '2025-03-01', '--now', '2025-01-10'], { cwd: dir });
    expect(existsSync(join(dir, 'policies/privacy/2025-02-01.md'))).toBe(false);
  });
});
