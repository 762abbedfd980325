import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicies, revisionBody } from '../src/node/policies.ts';
import { Artifacts } from '../src/node/artifacts.ts';
import { fixtures, tempDir } from './helpers/cli.ts';

/** Writes files into a fresh policies folder: { 'privacy/2024-01-01.md': '...' }. */
function policies(files: Record<string, string | Buffer>): string {
  const dir = join(tempDir(), 'policies');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}
const ok = (title = 'Privacy Policy', extra = '') => `---\ntitle: ${title}\n${extra}---\n\nText.\n`;
const load = (dir: string, artifacts = new Artifacts(undefined)) => loadPolicies(dir, artifacts);
const messages = async (dir: string) => (await load(dir)).problems.map((p) => p.format().replace(dir + '/', ''));

describe('loadPolicies', () => {
  it('reads the fixture site, revisions sorted by effective date', async () => {
    const artifacts = new Artifacts(undefined);
    const { policies: list, problems } = await load(join(fixtures, 'site', 'policies'), artifacts);
    expect(problems).toEqual([]);
    expect(list.map((p) => p.id)).toEqual(['cookies', 'terms']);
    const cookies = list[0]!;
    expect(cookies.revisions.map((r) => r.effective)).toEqual(['2024-01-01', '2024-06-01', '2025-01-15', '2025-06-01']);
    expect(cookies.revisions[2]).toMatchObject({ published: '2024-12-15', change: 'material', title: 'Cookie Policy', summary: 'We stop using cookies altogether.' });
    expect(cookies.revisions[0]!.published).toBe('2024-01-01');
    expect(cookies.revisions[0]!.summary).toBeUndefined();
    expect(cookies.revisions[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(revisionBody(artifacts, cookies.revisions[0]!).startsWith('\nWe use one cookie')).toBe(true);
    expect(cookies.revisions[0]!.bodyLine).toBe(4);
    // the body's analysis is kept under the revision's key, for the steps after
    expect(artifacts.readAnalysis(cookies.revisions[0]!.analysis)?.html).toContain('We use one cookie');
  });

  it('keeps dates written without quotes as the strings they are', async () => {
    const dir = policies({ 'p/2024-01-01.md': ok(), 'p/2024-02-01.md': ok('P', 'summary: s\npublished: 2024-01-15\n') });
    expect((await load(dir)).policies[0]!.revisions[1]!.published).toBe('2024-01-15');
  });

  it('reports each bad file on one line with its line number and a hint', async () => {
    const dir = policies({
      'privacy/2024-01-01.md': ok(),
      'privacy/2024-02-30.md': ok(),
      'privacy/2024-03-01.txt': ok(),
      'privacy/2024-04-01.md': '',
      'privacy/2024-05-01.md': 'title: x\n',
      'privacy/2024-06-01.md': '---\ntitle: "unclosed\n---\n\nText.\n',
      'privacy/2024-07-01.md': ok('P', 'summary: s\npublished: 2024-08-01\n'),
      'privacy/2024-08-01.md': ok('P'),
      'privacy/2024-09-01.md': ok('P', 'summary: s\nsumary: typo\n'),
      'privacy/2024-10-01.md': '\ufeff' + ok(),
      'privacy/2024-11-01.md': ok().replace(/\n/g, '\r\n'),
      'Bad Name/2024-01-01.md': ok(),
      'empty/.keep': '',
    });
    expect(await messages(dir)).toEqual([
      'Bad Name: "Bad Name" is not a valid policy name — use lower-case letters, digits and single hyphens, such as "privacy" or "terms-of-service"',
      'empty: has no revisions — add one with: npm run redline -- new empty --title "..."',
      'privacy/2024-02-30.md: "2024-02-30" is not a real calendar date: February 2024 has 29 days — the file name is the effective date, YYYY-MM-DD: check the month and day',
      'privacy/2024-03-01.txt: has the extension ".txt" — revisions are Markdown files: rename it to 2024-03-01.md',
      'privacy/2024-04-01.md: is empty — write the front matter (title, summary) and the policy text, or delete the file',
      'privacy/2024-05-01.md:1: has no front matter — start the file with a "---" line, then "title: ...", then another "---" line',
      expect.stringMatching(/^privacy\/2024-06-01\.md:2: front matter is not valid YAML \(.+\) — write one "key: value" per line/),
      'privacy/2024-07-01.md:4: published 2024-08-01 is after the effective date 2024-07-01 — a revision is announced on or before the day it takes effect; change "published" or rename the file',
      'privacy/2024-08-01.md:1: has no summary — add "summary: ..." to the front matter saying what changed and why, in plain words',
      'privacy/2024-09-01.md:4: unknown front matter field "sumary" — did you mean "summary"? (the fields are title, summary, published, change)',
      'privacy/2024-10-01.md:1: starts with a byte-order mark — save the file as UTF-8 without a BOM',
      'privacy/2024-11-01.md:1: has Windows (CRLF) line endings — save the file with Unix (LF) line endings; .gitattributes keeps them so',
    ]);
  });
});
