import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redline, run } from './helpers/cli.ts';
import { project, revision } from './helpers/policies.ts';
import { formatLock } from '../src/core/lock.ts';
import { displayPath } from '../src/node/policies.ts';

/** Every file below `dir` with its bytes. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => [join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name), 'hex')]));
}

/**
 * Every kind of bad input, through the command line as an author meets it:
 * `check` and `build` both refuse it with the same one-line message naming
 * the file (and line) with a hint, and exit code 1. Each case starts from a
 * good project (one policy, locked) and adds the bad files.
 */
const GOOD = revision({ title: 'Privacy Policy' }, '\nWe keep your data safe.\n');
const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const LOCK = formatLock(new Map([['privacy/2024-01-01.md', { path: 'privacy/2024-01-01.md', published: '2024-01-01', sha256: sha(GOOD), corrections: [] }]]));
const NOW = '2024-06-01';
const later = (fields: Record<string, string> = {}, body?: string) => revision({ title: 'Privacy Policy', summary: 'A change.', ...fields }, body);

function badProject(files: Record<string, string | Buffer>): string {
  return project({ 'privacy/2024-01-01.md': GOOD, 'redline.lock': LOCK, ...files });
}

interface Case {
  name: string;
  files: Record<string, string | Buffer>;
  /** The lines both commands print (check adds a count line). */
  errors: string[];
  /** Extra set-up in the project folder. */
  setup?: (dir: string) => void;
}

const cases: Case[] = [
  {
    name: 'a YAML tag in the front matter',
    files: { 'privacy/2024-05-01.md': '---\ntitle: !foo Privacy Policy\nsummary: A change.\n---\n\nText.\n' },
    errors: ['policies/privacy/2024-05-01.md:2: front matter is not valid YAML (Unresolved tag: !foo) — write one "key: value" per line; quote values that contain ": " or start with a special character'],
  },
  {
    name: 'a front matter key that is a list',
    files: { 'privacy/2024-05-01.md': '---\ntitle: Privacy Policy\nsummary: A change.\n[a]: x\n---\n\nText.\n' },
    errors: ['policies/privacy/2024-05-01.md:4: front matter has a key that is not a word — write one "key: value" per line, such as title: Privacy Policy'],
  },
  {
    name: 'a flood of YAML aliases',
    files: {
      'privacy/2024-05-01.md': `---\ntitle: Privacy Policy\nsummary: A change.\n${['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n')}\n---\n\nText.\n`,
    },
    errors: ['policies/privacy/2024-05-01.md:2: front matter could not be read (Excessive alias count indicates a resource exhaustion attack) — write plain "key: value" lines, without YAML anchors (&) and aliases (*)'],
  },
  {
    name: 'quotes nested twenty thousand deep',
    files: { 'privacy/2024-05-01.md': later({}, `\n${'> '.repeat(20000)}Deep.\n`) },
    errors: ['policies/privacy/2024-05-01.md:5: is nested too deeply to read as Markdown — a policy needs a few levels of quotes and lists, not thousands: simplify the nesting'],
  },
  {
    name: 'an empty file',
    files: { 'privacy/2024-05-01.md': '' },
    errors: ['policies/privacy/2024-05-01.md: is empty — write the front matter (title, summary) and the policy text, or delete the file'],
  },
  {
    name: 'a file of blank lines',
    files: { 'privacy/2024-05-01.md': '\n\n  \n' },
    errors: ['policies/privacy/2024-05-01.md: is empty — write the front matter (title, summary) and the policy text, or delete the file'],
  },
  {
    name: 'no front matter',
    files: { 'privacy/2024-05-01.md': 'title: Privacy Policy\n\nText.\n' },
    errors: ['policies/privacy/2024-05-01.md:1: has no front matter — start the file with a "---" line, then "title: ...", then another "---" line'],
  },
  {
    name: 'front matter never closed',
    files: { 'privacy/2024-05-01.md': '---\ntitle: Privacy Policy\n\nText.\n' },
    errors: ['policies/privacy/2024-05-01.md:1: front matter is never closed — end the front matter with a line holding only "---"'],
  },
  {
    name: 'invalid YAML',
    files: { 'privacy/2024-05-01.md': '---\ntitle: Privacy Policy\nsummary: [unclosed\n---\n\nText.\n' },
    errors: ['policies/privacy/2024-05-01.md:3: front matter is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ]) — write one "key: value" per line; quote values that contain ": " or start with a special character'],
  },
  {
    name: 'a value with an unquoted ": "',
    files: { 'privacy/2024-05-01.md': '---\ntitle: Privacy Policy\nsummary: Changed: retention\n---\n\nText.\n' },
    errors: ['policies/privacy/2024-05-01.md:3: front matter is not valid YAML (Nested mappings are not allowed in compact mappings) — write one "key: value" per line; quote values that contain ": " or start with a special character'],
  },
  {
    name: 'a key written twice',
    files: { 'privacy/2024-05-01.md': '---\ntitle: Privacy Policy\nsummary: A change.\ntitle: Privacy\n---\n\nText.\n' },
    errors: ['policies/privacy/2024-05-01.md:4: front matter has the key "title" twice (Map keys must be unique) — write one "key: value" per line; quote values that contain ": " or start with a special character'],
  },
  {
    name: 'front matter that is a list',
    files: { 'privacy/2024-05-01.md': '---\n- title\n- summary\n---\n\nText.\n' },
    errors: ['policies/privacy/2024-05-01.md:2: front matter is not a list of "key: value" lines — write one "key: value" per line, such as title: Privacy Policy'],
  },
  {
    name: 'no title',
    files: { 'privacy/2024-05-01.md': later({ title: '' }) },
    errors: ['policies/privacy/2024-05-01.md:2: has no title — add "title: ..." to the front matter'],
  },
  {
    name: 'an unknown front matter field (a typo)',
    files: { 'privacy/2024-05-01.md': revision({ title: 'Privacy Policy', sumary: 'A change.' }) },
    errors: ['policies/privacy/2024-05-01.md:3: unknown front matter field "sumary" — did you mean "summary"? (the fields are title, summary, published, change)'],
  },
  {
    name: 'a field name in capitals, one letter swapped, and one unknown',
    files: { 'privacy/2024-05-01.md': revision({ Title: 'Privacy Policy', summray: 'A change.', colour: 'red' }) },
    errors: [
      'policies/privacy/2024-05-01.md:2: unknown front matter field "Title" — did you mean "title"? (the fields are title, summary, published, change)',
      'policies/privacy/2024-05-01.md:2: has no title — add "title: ..." to the front matter',
      'policies/privacy/2024-05-01.md:3: unknown front matter field "summray" — did you mean "summary"? (the fields are title, summary, published, change)',
      'policies/privacy/2024-05-01.md:4: unknown front matter field "colour" — remove it: the fields are title, summary, published, change',
    ],
  },
  {
    name: 'the effective date as a field',
    files: { 'privacy/2024-05-01.md': later({ effective: '2024-05-01' }) },
    errors: ['policies/privacy/2024-05-01.md:4: unknown front matter field "effective" — the effective date is the file\'s name (YYYY-MM-DD.md), not a field; the fields are title, summary, published, change'],
  },
  {
    name: 'no summary on a later revision',
    files: { 'privacy/2024-05-01.md': revision({ title: 'Privacy Policy' }, '\nWe keep your data safer.\n') },
    errors: ['policies/privacy/2024-05-01.md:1: has no summary — add "summary: ..." to the front matter saying what changed and why, in plain words'],
  },
  {
    name: 'the summary placeholder of redline new',
    files: { 'privacy/2024-05-01.md': later({ summary: '"TODO: say what changed and why, in plain words"' }) },
    errors: ['policies/privacy/2024-05-01.md:3: summary is still a placeholder — replace it with what changed and why, in plain words'],
  },
  {
    name: 'a TODO placeholder in the text',
    files: { 'privacy/2024-05-01.md': later({}, '\n## Retention\n\nTODO: write the policy.\n') },
    errors: ['policies/privacy/2024-05-01.md:8: the text still holds a "TODO:" placeholder — write the text it stands for, or delete the line'],
  },
  {
    name: 'an unquoted date as the summary',
    files: { 'privacy/2024-05-01.md': later({ summary: '2024-05-01' }) },
    errors: ['policies/privacy/2024-05-01.md:3: summary "2024-05-01" would be read as a date — put it in quotes: summary: "2024-05-01"'],
  },
  {
    name: 'published after the effective date',
    files: { 'privacy/2024-05-01.md': later({ published: '2024-05-02' }) },
    errors: ['policies/privacy/2024-05-01.md:4: published 2024-05-02 is after the effective date 2024-05-01 — a revision is announced on or before the day it takes effect; change "published" or rename the file'],
  },
  {
    name: 'published that is not a date',
    files: { 'privacy/2024-05-01.md': later({ published: 'next week' }) },
    errors: ['policies/privacy/2024-05-01.md:4: published "next week" is not a calendar date — write the announcement date as YYYY-MM-DD'],
  },
  {
    name: 'published on 30 February',
    files: { 'privacy/2024-05-01.md': later({ published: '2024-02-30' }) },
    errors: ['policies/privacy/2024-05-01.md:4: published "2024-02-30" is not a real calendar date: February 2024 has 29 days — check the month and day of the announcement date'],
  },
  {
    name: 'published on 31 November',
    files: { 'privacy/2024-12-30.md': later({ published: '2024-11-31' }) },
    errors: ['policies/privacy/2024-12-30.md:4: published "2024-11-31" is not a real calendar date: November 2024 has 30 days — check the month and day of the announcement date'],
  },
  {
    name: 'a change that is neither material nor editorial',
    files: { 'privacy/2024-05-01.md': later({ change: 'major' }) },
    errors: ['policies/privacy/2024-05-01.md:4: change "major" is neither "material" nor "editorial" — write "change: material" (the default) or "change: editorial"'],
  },
  {
    name: 'no text after the front matter',
    files: { 'privacy/2024-05-01.md': later({}, '\n\n') },
    errors: ['policies/privacy/2024-05-01.md:5: has no policy text after the front matter — write the policy below the closing "---" line'],
  },
  {
    name: '2024-02-30.md',
    files: { 'privacy/2024-02-30.md': later() },
    errors: ['policies/privacy/2024-02-30.md: "2024-02-30" is not a real calendar date: February 2024 has 29 days — the file name is the effective date, YYYY-MM-DD: check the month and day'],
  },
  {
    name: 'month 13',
    files: { 'privacy/2024-13-01.md': later() },
    errors: ['policies/privacy/2024-13-01.md: "2024-13-01" is not a real calendar date: there is no month 13 — the file name is the effective date, YYYY-MM-DD: check the month and day'],
  },
  {
    name: 'a wrong extension',
    files: { 'privacy/2024-05-01.txt': later() },
    errors: ['policies/privacy/2024-05-01.txt: has the extension ".txt" — revisions are Markdown files: rename it to 2024-05-01.md'],
  },
  {
    name: 'no extension',
    files: { 'privacy/2024-12-30': later() },
    errors: ['policies/privacy/2024-12-30: has no extension — revisions are Markdown files: rename it to 2024-12-30.md'],
  },
  {
    name: 'two extensions',
    files: { 'privacy/2024-05-01.md.txt': later() },
    errors: ['policies/privacy/2024-05-01.md.txt: has the extension ".md.txt" — revisions are Markdown files: rename it to 2024-05-01.md'],
  },
  {
    name: 'a name that is not a date',
    files: { 'privacy/latest.md': later() },
    errors: ['policies/privacy/latest.md: is not named after a date — name each revision after its effective date, written YYYY-MM-DD, such as 2024-04-01.md'],
  },
  {
    name: 'two revisions on one date',
    files: { 'privacy/2024-01-01 (copy).md': later() },
    errors: ['policies/privacy/2024-01-01 (copy).md: is a second revision for 2024-01-01 (the other is policies/privacy/2024-01-01.md) — keep one revision per effective date: merge the two, or rename this one after the day it takes effect'],
  },
  {
    name: 'two revisions on one date, one with an upper-case extension',
    files: { 'privacy/2024-01-01.MD': later() },
    errors: ['policies/privacy/2024-01-01.MD: is a second revision for 2024-01-01 (the other is policies/privacy/2024-01-01.md) — keep one revision per effective date: merge the two, or rename this one after the day it takes effect'],
  },
  {
    name: 'a byte-order mark',
    files: { 'privacy/2024-05-01.md': '\ufeff' + later() },
    errors: ['policies/privacy/2024-05-01.md:1: starts with a byte-order mark — save the file as UTF-8 without a BOM'],
  },
  {
    name: 'CRLF line endings',
    files: { 'privacy/2024-05-01.md': later().replace(/\n/g, '\r\n') },
    errors: ['policies/privacy/2024-05-01.md:1: has Windows (CRLF) line endings — save the file with Unix (LF) line endings; .gitattributes keeps them so'],
  },
  {
    name: 'a CR further down',
    files: { 'privacy/2024-05-01.md': later({}, '\nOne.\n\nTwo.\r\n') },
    errors: ['policies/privacy/2024-05-01.md:8: has Windows (CRLF) line endings — save the file with Unix (LF) line endings; .gitattributes keeps them so'],
  },
  {
    name: 'a 10 MB file',
    files: { 'privacy/2024-05-01.md': later({}, '\n' + 'All work and no play. '.repeat(Math.ceil((10 * 1024 * 1024) / 22)).slice(0, 10 * 1024 * 1024) + '\n') },
    errors: ['policies/privacy/2024-05-01.md: is 10.0 MB, more than the 2 MB a revision may hold — check that this is the policy text; split very long policies into several policies'],
  },
  {
    name: 'text that is not UTF-8 (Latin-1)',
    files: { 'privacy/2024-05-01.md': Buffer.from(later({}, '\nCaf\u00e9.\n'), 'latin1') },
    errors: ['policies/privacy/2024-05-01.md: is not valid UTF-8 text — save the file with UTF-8 encoding'],
  },
  {
    name: 'a NUL character (a binary file)',
    files: { 'privacy/2024-05-01.md': later({}, '\nText\u0000.\n') },
    errors: ['policies/privacy/2024-05-01.md:6: contains a NUL character — this looks like a binary file; save the policy as plain UTF-8 text'],
  },
  {
    name: 'a non-ASCII file name',
    files: { 'privacy/２０２４-05-01.md': later() },
    errors: ['policies/privacy/２０２４-05-01.md: has a file name with non-ASCII characters — name each revision after its effective date, such as 2024-04-01.md'],
  },
  {
    name: 'a non-ASCII policy folder',
    files: { 'políticas/2024-01-01.md': GOOD },
    errors: ['policies/políticas: "políticas" is not a valid policy name — use lower-case letters, digits and single hyphens, such as "privacy" or "terms-of-service"'],
  },
  {
    name: 'a policy folder with spaces and capitals',
    files: { 'Cookie Policy/2024-01-01.md': GOOD },
    errors: ['policies/Cookie Policy: "Cookie Policy" is not a valid policy name — use lower-case letters, digits and single hyphens, such as "privacy" or "terms-of-service"'],
  },
  {
    name: 'a reserved policy name',
    files: { 'search/2024-01-01.md': GOOD },
    errors: ['policies/search: "search" is reserved for the site\'s own pages — rename the folder, for example to "search-policy"'],
  },
  {
    name: 'a policy folder with no revisions',
    files: { 'cookies/.gitkeep': '' },
    errors: ['policies/cookies: has no revisions — add one with: npm run redline -- new cookies --title "..."'],
  },
  {
    name: 'a stray file beside the policy folders',
    files: { 'notes.txt': 'remember to update the cookies policy' },
    errors: ['policies/notes.txt: is not a policy folder — keep each policy in its own folder: policies/<policy>/<YYYY-MM-DD>.md'],
  },
  {
    name: 'a folder inside a policy',
    files: { 'privacy/drafts/2024-05-01.md': later() },
    errors: ['policies/privacy/drafts: is a folder inside a policy — a policy folder holds only its revisions, named YYYY-MM-DD.md'],
  },
  {
    name: 'a script tag',
    files: { 'privacy/2024-05-01.md': later({}, '\nText.\n\n<script>alert("hi")</script>\n') },
    errors: ['policies/privacy/2024-05-01.md:8: raw HTML <script> is not allowed — policies may not embed scripts, frames, forms or styles; write the text in Markdown'],
  },
  {
    name: 'an iframe',
    files: { 'privacy/2024-05-01.md': later({}, '\n<iframe src="https://example.org/"></iframe>\n') },
    errors: ['policies/privacy/2024-05-01.md:6: raw HTML <iframe> is not allowed — policies may not embed scripts, frames, forms or styles; write the text in Markdown'],
  },
  {
    name: 'an event handler',
    files: { 'privacy/2024-05-01.md': later({}, '\n<p onclick="steal()">Click</p>\n') },
    errors: ['policies/privacy/2024-05-01.md:6: raw HTML with an event handler (on...=) is not allowed — remove the attribute; policies may not run scripts'],
  },
  {
    name: 'a javascript: link',
    files: { 'privacy/2024-05-01.md': later({}, '\nSee [our terms](javascript:alert(1)).\n') },
    errors: ['policies/privacy/2024-05-01.md:6: link to "javascript:" URL is not allowed — link to an https:// address, a mailto: address or a page of this site'],
  },
  {
    name: 'a javascript: URL in raw HTML',
    files: { 'privacy/2024-05-01.md': later({}, '\n<a href="javascript:void(0)">terms</a>\n') },
    errors: ['policies/privacy/2024-05-01.md:6: raw HTML with a javascript:, vbscript: or data: URL is not allowed — link to an https:// address or a page of this site'],
  },
  {
    name: 'an image beside the revision',
    files: { 'privacy/2024-05-01.md': later({}, '\n![Our office](./office.png)\n') },
    errors: ['policies/privacy/2024-05-01.md:6: image "./office.png" has a relative address, which the site cannot serve — a policy folder holds only its revisions: put the image in public/ and write its address from the site root, such as /images/chart.png'],
  },
  {
    name: 'a script tag inside a paragraph (one problem, not one per tag)',
    files: { 'privacy/2024-05-01.md': later({}, '\nText <script>alert("hi")</script> more text.\n') },
    errors: ['policies/privacy/2024-05-01.md:6: raw HTML <script> is not allowed — policies may not embed scripts, frames, forms or styles; write the text in Markdown'],
  },
  {
    name: 'a raw HTML image beside the revision',
    files: { 'privacy/2024-05-01.md': later({}, '\n<img src="office.png" alt="Our office">\n') },
    errors: ['policies/privacy/2024-05-01.md:6: image "office.png" has a relative address, which the site cannot serve — a policy folder holds only its revisions: put the image in public/ and write its address from the site root, such as /images/chart.png'],
  },
  {
    name: 'an image from another site',
    files: { 'privacy/2024-05-01.md': later({}, '\n![Tracker](https://tracker.example/pixel.gif)\n') },
    errors: ['policies/privacy/2024-05-01.md:6: an image from another site is not allowed — the site makes no third-party requests: put the image in public/ and write its address from the site root, such as /images/chart.png'],
  },
  {
    name: 'a corrupted lock file',
    files: { 'redline.lock': LOCK + 'privacy/2024-05-01.md published soon\n' },
    errors: ['policies/redline.lock:8: line is not understood: "privacy/2024-05-01.md published soon" — the lock is written by "npm run redline -- lock"; restore the last committed version of the file and run it again'],
  },
];

describe('bad input: check and build refuse it with one line naming the file, and exit code 1', () => {
  it(`covers at least 20 distinct bad inputs (${cases.length})`, async () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of cases) {
    it(c.name, async () => {
      const dir = badProject(c.files);
      const checked = await run(['check', '--now', NOW], { cwd: dir });
      const n = c.errors.length;
      expect(checked.stderr).toBe([...c.errors, `${n} ${n === 1 ? 'problem' : 'problems'} (${n} ${n === 1 ? 'error' : 'errors'}, 0 warnings).`, ''].join('\n'));
      expect(checked.code).toBe(1);
      const built = await run(['build', '--now', NOW, '--out', join(dir, 'dist')], { cwd: dir });
      expect(built.stderr).toBe(c.errors.join('\n') + '\n');
      expect(built.code).toBe(1);
    });
  }

  it('reports every problem of every file in one run, in file order', async () => {
    // Cases whose files do not collide: one project holding all of them at once.
    const names = ['2024-02-30.md', 'month 13', 'a name that is not a date', 'two revisions on one date', 'a non-ASCII file name', 'a non-ASCII policy folder', 'a policy folder with spaces and capitals', 'a reserved policy name', 'a policy folder with no revisions', 'a stray file beside the policy folders', 'a folder inside a policy', 'a script tag', 'a corrupted lock file'];
    const chosen = cases.filter((c) => names.includes(c.name));
    expect(chosen.length).toBe(names.length);
    const dir = badProject(Object.assign({}, ...chosen.map((c) => c.files)));
    const where = (l: string) => l.replace(/(?::\d+)?: .*$/, '');
    const expected = chosen.flatMap((c) => c.errors).sort((a, b) => where(a).localeCompare(where(b), 'en'));
    const checked = await run(['check', '--now', NOW], { cwd: dir });
    expect(checked.stderr).toBe([...expected, `${expected.length} problems (${expected.length} errors, 0 warnings).`, ''].join('\n'));
    expect(checked.code).toBe(1);
    const built = await run(['build', '--now', NOW, '--out', join(dir, 'dist')], { cwd: dir });
    expect(built.stderr).toBe([...expected, ''].join('\n'));
    expect(built.code).toBe(1);
  });

  it('counts warnings in check: a repeated heading', async () => {
    const dir = badProject({ 'privacy/2024-05-01.md': later({}, '\n## Retention\n\nOne.\n\n## Retention\n\nTwo.\n') });
    const r = await run(['check', '--now', NOW], { cwd: dir });
    expect(r.stderr).toBe(
      [
        'warning: policies/privacy/2024-05-01.md: was published on 2024-05-01 but is not in policies/redline.lock — run "npm run redline -- lock" and commit the lock with the revision',
        'warning: policies/privacy/2024-05-01.md:10: heading "Retention" repeats the heading on line 6 — make each heading unique so that links to its section stay unambiguous',
        '2 problems (0 errors, 2 warnings).',
        '',
      ].join('\n'),
    );
    // Warnings alone do not fail check (as they do not stop a build); --strict does.
    expect(r.code).toBe(0);
    expect((await run(['check', '--now', NOW, '--strict'], { cwd: dir })).code).toBe(1);
  });

  it('warns about a heading that would take an id the page uses for itself', async () => {
    const dir = badProject({ 'privacy/2024-05-01.md': later({}, '\n## Main\n\nOne.\n\n## RL summary\n\nTwo.\n\n## Main terms\n\nThree.\n') });
    const r = await run(['check', '--now', '2024-04-01'], { cwd: dir });
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: ') && !l.includes('redline.lock'));
    expect(warnings).toEqual([
      'warning: policies/privacy/2024-05-01.md:6: heading "Main" would get the id "main", which the pages use for themselves — reword the heading, so that its link and the page’s own stay apart',
      'warning: policies/privacy/2024-05-01.md:10: heading "RL summary" would get the id "rl-summary", which the pages use for themselves — reword the heading, so that its link and the page’s own stay apart',
    ]);
    expect(r.code).toBe(0);
  });

  it('warns about a revision that copies the one before it word for word', async () => {
    const dir = badProject({ 'privacy/2024-05-01.md': later({}, '\nWe keep your data safe.\n') });
    const r = await run(['check', '--now', '2024-04-01'], { cwd: dir });
    expect(r.stderr.split('\n')).toContain('warning: policies/privacy/2024-05-01.md:5: has the same title and text as policies/privacy/2024-01-01.md — write the change into the text, or delete this revision');
    expect(r.code).toBe(0);
  });
});

describe('a material revision that shows no change', () => {
  it('is a warning naming the revision before it (an edit inside an HTML comment, spacing); editorial ones and real edits are not', async () => {
    const first = revision({ title: 'Privacy Policy' }, '\nWe keep your data safe.\n\n<!-- reviewed by legal -->\n');
    const hidden = later({}, '\nWe keep   your data safe.\n\n<!-- reviewed by legal, twice -->\n');
    const dir = project({ 'privacy/2024-01-01.md': first, 'privacy/2024-05-01.md': hidden });
    const r = await run(['check', '--now', '2024-04-01'], { cwd: dir });
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: ') && !l.includes('redline.lock'));
    expect(warnings).toEqual([
      'warning: policies/privacy/2024-05-01.md:5: is marked material but a reader sees no change from policies/privacy/2024-01-01.md: only the Markdown source differs (an HTML comment, spacing, a link definition) — write the change into the text, or mark it "change: editorial" so that apps do not ask users to accept it again',
    ]);
    expect(r.code).toBe(0);
    expect((await run(['check', '--now', '2024-04-01', '--strict'], { cwd: dir })).code).toBe(1);
    const editorial = project({ 'privacy/2024-01-01.md': first, 'privacy/2024-05-01.md': later({ change: 'editorial' }, '\nWe keep   your data safe.\n\n<!-- reviewed by legal, twice -->\n') });
    expect((await run(['check', '--now', '2024-04-01'], { cwd: editorial })).stderr).not.toContain('reader sees no change');
    const real = project({ 'privacy/2024-01-01.md': first, 'privacy/2024-05-01.md': later({}, '\nWe keep your data very safe.\n\n<!-- reviewed by legal -->\n') });
    expect((await run(['check', '--now', '2024-04-01'], { cwd: real })).stderr).not.toContain('reader sees no change');
  });
});

describe('bad input on the command line', () => {
  const dir = badProject({});
  const cases: [string[], string][] = [
    [['frobnicate'], 'unknown command "frobnicate" — use one of: build, preview, check, new, lock, correct, verify, diff, translate, notify'],
    [['check', '--nope'], 'check: Unknown option \'--nope\' — run "npm run redline -- help" for the options of check'],
    [['check', '--now', '2024-02-30'], '--now "2024-02-30" is not a calendar date — write it as YYYY-MM-DD, such as --now 2026-01-01'],
    [['check', '--now', 'tomorrow'], '--now "tomorrow" is not a calendar date — write it as YYYY-MM-DD, such as --now 2026-01-01'],
    [['check', '--policies', 'nowhere'], 'nowhere: policies folder not found — create it, or point to it with --policies DIR'],
    [['lock', '--policies', 'nowhere'], 'nowhere: policies folder not found — create it, or point to it with --policies DIR'],
    [['build', '--policies', 'nowhere', '--out', 'dist'], 'nowhere: policies folder not found — create it, or point to it with --policies DIR'],
    [['check', '--policies', ''], '--policies is empty — name the folder that holds <policy>/<YYYY-MM-DD>.md, such as --policies policies'],
    [['check', '--policies', 'policies/redline.lock'], 'policies/redline.lock: is a file, not a policies folder — point --policies at the folder that holds <policy>/<YYYY-MM-DD>.md'],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), async () => {
      const r = await run(args, { cwd: dir });
      expect(r.stderr).toBe(`${message}\n`);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('asks for help or the version', async () => {
    const help = await run(['check', '--help'], { cwd: dir });
    expect(help.stdout).toMatch(/^npm run redline -- check \[--policies DIR\] \[--now YYYY-MM-DD\] \[--strict\]\n\nChecks every revision/);
    expect(help.code).toBe(0);
    const version = await run(['--version'], { cwd: dir });
    expect(version.stdout).toMatch(/^redline \d+\.\d+\.\d+\n$/);
    expect(version.code).toBe(0);
  });

  it('a SOURCE_DATE_EPOCH that is not a number', async () => {
    for (const command of ['check', 'build']) {
      const r = await run([command, '--out', 'dist'].slice(0, command === 'build' ? 3 : 1), { cwd: dir, env: { SOURCE_DATE_EPOCH: 'abc' } });
      expect(r.stderr).toBe('SOURCE_DATE_EPOCH "abc" is not a number of seconds since 1970 — set it to an integer such as 1767225600, or unset it (or use --now YYYY-MM-DD)\n');
      expect(r.code).toBe(1);
    }
    const ok = await run(['check'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '1717200000' } });
    expect(ok.stdout).toMatch(/^As of 2024-06-01 \(Asia\/Tokyo\)/);
  });

  it('a site with nothing announced yet: check fails as build does', async () => {
    const early = project({ 'privacy/2024-09-01.md': revision({ title: 'Privacy Policy', published: '2024-08-01' }, '\nWe keep your data safe.\n'), 'redline.lock': formatLock(new Map()) });
    expect((await run(['lock', '--now', NOW], { cwd: early })).code).toBe(0);
    const message = 'policies: nothing is announced yet as of 2024-06-01 — check the "published" dates, or preview with --drafts';
    const checked = await run(['check', '--now', NOW], { cwd: early });
    expect(checked.stderr).toBe(`${message}\n1 problem (1 error, 0 warnings).\n`);
    expect(checked.code).toBe(1);
    const built = await run(['build', '--now', NOW, '--out', 'dist'], { cwd: early });
    expect(built.stderr).toBe(`${message}\n`);
    expect(built.code).toBe(1);
    expect((await run(['check', '--now', '2024-08-01'], { cwd: early })).code).toBe(0);
  });

  it('an empty policies folder', async () => {
    const empty = project({});
    const r = await run(['check', '--now', NOW], { cwd: empty });
    expect(r.stderr).toBe('policies: holds no policies — add one with: npm run redline -- new <policy> --title "..."\n1 problem (1 error, 0 warnings).\n');
    expect(r.code).toBe(1);
    writeFileSync(join(empty, 'policies', 'README.md'), 'Our policies.\n');
    expect((await run(['build', '--now', NOW, '--out', 'dist'], { cwd: empty })).stderr).toBe('policies: holds no policies — add one with: npm run redline -- new <policy> --title "..."\n');
  });

  it('an output folder that would take the policies, the project or other files with it', async () => {
    const dir = badProject({});
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'todo.txt'), 'Keep me.\n');
    const before = snapshot(dir);
    const refused: [string, string][] = [
      ['policies', '--out policies holds the policies (policies): a build replaces its output folder whole — choose a folder of its own for the site, such as dist'],
      ['.', `--out ${displayPath(dir, dir)} holds the policies (policies): a build replaces its output folder whole — choose a folder of its own for the site, such as dist`],
      ['policies/privacy', '--out policies/privacy is inside the policies folder (policies) — choose a folder of its own for the site, such as dist'],
      ['notes', '--out notes is not empty and is not a site Redline built (it has no index.html); a build would replace it whole — choose a new or empty folder, or delete that one first'],
      ['notes/todo.txt', '--out notes/todo.txt is a file, not a folder — choose a folder of its own for the site, such as dist'],
      ['notes/todo.txt/site', '--out notes/todo.txt/site is inside notes/todo.txt, which is a file — choose a folder of its own for the site, such as dist'],
    ];
    for (const [out, message] of refused) {
      const r = await run(['build', '--now', NOW, '--out', out], { cwd: dir });
      expect(r.stderr).toBe(`${message}\n`);
      expect(r.code).toBe(1);
    }
    expect(snapshot(dir)).toEqual(before);
  });
});
