/**
 * check accepts ⇒ build builds, and both report the same problems: over
 * generated policies folders (front matter that YAML readers read
 * differently, Markdown with raw HTML, dates at the edges), `redline check`
 * and `redline build` run in this process on the same files, and never print
 * a stack trace. Both read the files through the one reader
 * (src/node/inspect.ts); this checks it end to end, through a real Astro build.
 * `npm run test:props` (REDLINE_FC_SCALE multiplies the runs).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir } from '../helpers/cli.ts';
import { prose } from '../helpers/markdown-gen.ts';

const SCALE = Number(process.env.REDLINE_FC_SCALE ?? 1);
const NOW = '2025-06-01';

/** Values YAML readers disagree on, or that a policy author plausibly types. */
const yamlValue = fc.constantFrom(
  'Privacy Policy', '"Privacy Policy"', "'Privacy: the policy'", 'Privacy: Policy', '0b1010', '0x1F', '1e3', '010', '.inf', '~', 'null', 'yes', 'no', 'on', 'true',
  '2024-01-01', '"2024-01-01"', '2024-1-1', '2024-01-01T00:00:00Z', '12:30', '[a, b]', '{a: 1}', '!!str 5', '&a x', '*a', '|\n  block', '>\n  folded', '', '"unclosed', 'é, 東京, 🙂', '- item',
);
const dateValue = fc.constantFrom('2024-01-01', '2024-03-01', '2024-12-31', '2025-05-01', '2025-06-01', '2025-07-01', '2024-02-30', '2024-1-5', '"2024-03-01"', '0024-03-01', 'tomorrow');
const field = fc.oneof(
  fc.tuple(fc.constant('title'), yamlValue),
  fc.tuple(fc.constant('summary'), yamlValue),
  fc.tuple(fc.constant('published'), dateValue),
  fc.tuple(fc.constant('change'), fc.constantFrom('material', 'editorial', 'minor', '"editorial"', 'Material')),
  fc.tuple(fc.constantFrom('sumary', 'titel', 'effective', '[key]', 'title'), yamlValue),
);
const fence = fc.constantFrom('---', '---', '---', '--- # start', '---  ', '----', '');
const body = fc.oneof(
  fc.nat(400).map((seed) => `\n${prose(40 + (seed % 120), seed)}\n`),
  fc.constantFrom(
    '\n## Data\n\nWe keep <b>your</b> data.\n',
    '\n<div>\n\nOpen block\n',
    '\n<script>alert(1)</script>\n',
    '\n[link](javascript:alert(1))\n',
    '\n![x](https://tracker.example/x.gif)\n',
    '\n## Same\n\n## Same\n',
    '\nTODO: write this.\n',
    '\n> '.repeat(200) + 'deep\n',
    '\n| a | b |\n| - | - |\n| 1 | 2 |\n',
    '\n- [ ] task\n- [x] done\n',
    '\n<!-- a comment -->\nText.\n',
    '',
  ),
);
/** A revision an author would write: title, sometimes a summary, a date and a change kind, then prose. */
const wellFormed = fc.tuple(fc.constantFrom('Privacy Policy', '"Terms: the rules"', 'Cookie Policy'), fc.option(fc.constantFrom('We changed the retention period.', '"2024-01-01"', 'Clarifies "data".'), { nil: undefined }), fc.option(dateValue, { nil: undefined }), fc.option(fc.constantFrom('material', 'editorial'), { nil: undefined }), body).map(
  ([title, summary, published, change, text]) => `---\ntitle: ${title}\n${summary ? `summary: ${summary}\n` : ''}${published ? `published: ${published}\n` : ''}${change ? `change: ${change}\n` : ''}---\n${text}`,
);
const anyText = fc.tuple(fence, fc.array(field, { maxLength: 5 }), fence, body).map(([open, fields, close, text]) => `${open}\n${fields.map(([k, v]) => `${k}: ${v}`).join('\n')}\n${close}\n${text}`);
const revisionText = fc.oneof({ arbitrary: wellFormed, weight: 3 }, { arbitrary: anyText, weight: 1 });
const fileName = fc.constantFrom('2024-01-01.md', '2024-03-01.md', '2025-05-01.md', '2025-07-01.md', '2024-02-30.md', '2024-03-01.txt', 'notes.md');
const messyFolder = fc.record({ policy: fc.constantFrom('privacy', 'privacy', 'terms', 'Cookies', 'search'), files: fc.array(fc.tuple(fileName, revisionText), { minLength: 1, maxLength: 3 }) });
/** A folder an author would write: valid names and dates, a summary after the first revision, YAML values that readers may still read differently. */
const safeBody = fc.oneof(
  fc.nat(400).map((seed) => `\n${prose(40 + (seed % 120), seed)}\n`),
  fc.constantFrom('\n## Data\n\nWe keep <b>your</b> data.\n', '\n| a | b |\n| - | - |\n| 1 | 2 |\n', '\n- [ ] task\n- [x] done\n', '\n<!-- a comment -->\nText.\n', '\nSee [the history](/privacy/history/) and www.example.com.\n'),
);
const cleanFolder = fc
  .record({
    policy: fc.constantFrom('privacy', 'terms'),
    dates: fc.uniqueArray(fc.constantFrom('2024-01-01', '2024-03-01', '2025-05-01', '2025-07-01'), { minLength: 1, maxLength: 3 }),
    titles: fc.array(fc.constantFrom('Privacy Policy', '"Terms: the rules"', "'Cookie Policy'", 'Privacy Policy # with a comment', 'é 東京 🙂'), { minLength: 3, maxLength: 3 }),
    summaries: fc.array(fc.constantFrom('We changed the retention period.', '"2024-01-01"', 'Clarifies "data".', "'0b1010'", '"yes"'), { minLength: 3, maxLength: 3 }),
    changes: fc.array(fc.constantFrom(undefined, 'material', 'editorial'), { minLength: 3, maxLength: 3 }),
    early: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    bodies: fc.array(safeBody, { minLength: 3, maxLength: 3 }),
  })
  .map(({ policy, dates, titles, summaries, changes, early, bodies }) => ({
    policy,
    files: [...dates].sort().map((date, i): [string, string] => {
      const lines = ['---', `title: ${titles[i]}`];
      if (i > 0) lines.push(`summary: ${summaries[i]}`);
      if (early[i]) lines.push(`published: ${date.slice(0, 8)}01`);
      if (changes[i]) lines.push(`change: ${changes[i]}`);
      return [`${date}.md`, `${lines.join('\n')}\n---\n${bodies[i]}`];
    }),
  }));
const folder = fc.oneof({ arbitrary: cleanFolder, weight: 2 }, { arbitrary: messyFolder, weight: 1 });

const errorsOf = (stderr: string) => stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: ') && !/^\d+ problems? \(/.test(l));
const warningsOf = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('warning: '));

describe('check accepts ⇒ build builds, over generated input', () => {
  it('reports the same problems in check and build, and builds whatever check accepts', async () => {
    const root = tempDir('redline-props-');
    let n = 0;
    let builtSites = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(folder, { minLength: 1, maxLength: 2 }), async (folders) => {
        const dir = join(root, String(n++));
        for (const f of folders) {
          mkdirSync(join(dir, 'policies', f.policy), { recursive: true });
          for (const [name, text] of f.files) writeFileSync(join(dir, 'policies', f.policy, name), text);
        }
        const checked = await run(['check', '--now', NOW], { cwd: dir });
        const built = await run(['build', '--now', NOW, '--out', join(dir, 'dist')], { cwd: dir });
        for (const r of [checked, built]) expect(r.stderr).not.toMatch(/\n\s+at |unexpected failure/);
        const errors = errorsOf(checked.stderr);
        if (errors.length === 0) {
          expect(errorsOf(built.stderr), built.stderr).toEqual([]);
          expect(built.code).toBe(0);
          builtSites++;
          expect(warningsOf(built.stderr)).toEqual(warningsOf(checked.stderr));
        } else {
          expect(built.code).toBe(1);
          expect(errorsOf(built.stderr)).toEqual(errors);
        }
        // (the folders are removed at the end: a tool Astro starts may keep the working directory of the call)
      }),
      { numRuns: 40 * SCALE, endOnFailure: true },
    );
    rmSync(root, { recursive: true, force: true });
    // The property says something only if some of the generated folders were good enough to build.
    expect(builtSites).toBeGreaterThan(0);
    process.stdout.write(`check ⇒ build: ${n} generated folders, ${builtSites} built\n`);
  }, 600_000);
});
