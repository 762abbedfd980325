/**
 * The adversarial pass as a property (issue 15, point 7): generated front
 * matter, bodies, file names and hand edits of the lock, fed to `check` and
 * `build` of a project that has a published, locked revision and a previous
 * build. Whatever comes, each command exits 0, or exits 1 with one line per
 * problem naming the file; never a stack trace; a failed build leaves the
 * previous output exactly as it was; and what check accepts, build builds.
 * `npm run test:props` (bounded to about a minute; REDLINE_FC_SCALE
 * multiplies the runs and the time).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { cpSync as copy, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync as exec } from 'node:child_process';
import { join } from 'node:path';
import { run, tempDir } from '../helpers/cli.ts';
import { prose } from '../helpers/markdown-gen.ts';

const SCALE = Number(process.env.REDLINE_FC_SCALE ?? 1);
const NOW = '2025-06-01';
const env = { SOURCE_DATE_EPOCH: String(Date.parse(`${NOW}T12:00:00+09:00`) / 1000) };

const FIRST = '---\ntitle: Privacy Policy\n---\n\n# Privacy Policy\n\nWe keep your data safe and never sell it.\n\nWrite to us at any time.\n';

/** Every file below `dir`, with the SHA-256 of its bytes: the output folder before and after. */
function snapshot(dir: string): string {
  const h = createHash('sha256');
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => join(e.parentPath, e.name)).sort()) {
    h.update(e);
    try {
      h.update(readFileSync(e));
    } catch {
      // a folder
    }
  }
  return h.digest('hex');
}

// Front matter: fields an author, a careless editor or a typo produce.
const date = fc.constantFrom('2024-01-01', '2025-05-01', '2025-07-01', '0024-04-20', '0001-01-01', '1900-01-01', '2999-12-31', '9999-12-31', '1899-12-31', '3000-01-01', '2024-02-30', '"2025-05-01"', '2025-5-1', 'soon');
const text = fc.constantFrom('Privacy Policy', '"Privacy: the policy"', 'Privacy: Policy', '""', '~', 'yes', '[a, b]', '{a: 1}', '!!str 5', '&a x', '*a', '"unclosed', 'é 東京 🙂', 'TODO: say what changed', '2024-01-01');
const field = fc.oneof(
  fc.tuple(fc.constant('title'), text),
  fc.tuple(fc.constant('summary'), text),
  fc.tuple(fc.constant('published'), date),
  fc.tuple(fc.constant('change'), fc.constantFrom('material', 'editorial', 'minor')),
  fc.tuple(fc.constantFrom('sumary', 'effective'), text),
);
const frontMatter = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('Privacy Policy', '"Privacy Policy"'), fc.constantFrom('We changed it.', '"Clarifies."'), fc.option(date, { nil: undefined })).map(([t, s, p]) => `---\ntitle: ${t}\nsummary: ${s}\n${p ? `published: ${p}\n` : ''}---\n`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('---', '---', '----', ''), fc.array(field, { maxLength: 4 }), fc.constantFrom('---', '---', '')).map(([a, fields, b]) => `${a}\n${fields.map(([k, v]) => `${k}: ${v}`).join('\n')}\n${b}\n`) },
);
// Bodies: prose, deep nesting of every kind, raw HTML, links with crafted titles, odd characters.
const deep = fc.tuple(fc.constantFrom('> ', '1. ', '- ', '<div>', '<span>', '*', '[', '<b><i>'), fc.integer({ min: 1, max: 3000 })).map(([unit, n]) => `${unit.repeat(n)}Deep.`);
const body = fc.oneof(
  { weight: 3, arbitrary: fc.nat(300).map((seed) => prose(30 + (seed % 80), seed)) },
  { weight: 2, arbitrary: deep },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'Write to [us](/contact "><img src=x onerror=alert(1)>").',
      '<a href="/x" title="$\'$&$1">x</a>',
      '<div>\n\nOpen block',
      '<script>alert(1)</script>',
      '<img src="/a.png" onerror="x()">',
      '[x](javascript:alert(1))',
      '![x](https://tracker.example/x.gif)',
      '| a | b |\n| - | - |\n| 1 | 2 |',
      '- [ ] task\n- [x] done',
      '<!-- open',
      'Text\u0000with NUL',
      'Line\r\nwith CRLF',
      'TODO: write this.',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);
const revision = fc.tuple(frontMatter, body).map(([fm, b]) => `${fm}\n${b}\n`);
const name = fc.constantFrom('2025-05-01.md', '2025-07-01.md', '2024-06-01.md', '0001-01-01.md', '9999-12-31.md', '2999-12-31.md', '1900-01-01.md', '2024-02-30.md', '2025-05-01.txt', 'latest.md', '2025-05-01 (copy).md');
/** A file the author adds: a revision's text, a FIFO, a folder, or bytes that are not UTF-8 text. */
const added = fc.tuple(fc.constantFrom('privacy', 'privacy', 'terms', 'Cookies'), name, fc.oneof({ weight: 6, arbitrary: revision }, { weight: 1, arbitrary: fc.constantFrom('<fifo>', '<folder>', '<latin-1>', '<bom>') }));
/** A revision an author would write: a good name, front matter and prose (so that some projects build). */
const good = fc.tuple(fc.constantFrom('privacy', 'terms'), fc.constantFrom('2025-05-01.md', '2025-07-01.md', '2999-12-31.md'), fc.nat(300)).map(([policy, file, seed]): [string, string, string] => [policy, file, `---\ntitle: Privacy Policy\nsummary: We changed it.\n---\n\n${prose(30 + (seed % 80), seed)}\n`]);
const files = fc.oneof({ weight: 1, arbitrary: fc.array(good, { maxLength: 2 }) }, { weight: 2, arbitrary: fc.array(fc.oneof(good, added), { maxLength: 3 }) });
const rewrites = fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: revision });

// Hand edits of the lock, as someone with commit access might make them.
const hex = fc.constantFrom('0', 'a', 'f').map((c) => c.repeat(64));
const lockEdit = fc.oneof(
  fc.tuple(fc.constant('correction'), hex, fc.constantFrom('2025-06-01', '2023-01-01', '0024-01-01', 'soon'), fc.array(fc.tuple(fc.constantFrom('-', '+'), fc.integer({ min: 0, max: 12 }), fc.constantFrom('We keep your data safe and never sell it.', 'We sell it.', '')), { maxLength: 4 }), fc.boolean()),
  fc.tuple(fc.constant('redate'), date),
  fc.tuple(fc.constant('delete-line')),
  fc.tuple(fc.constant('rehash'), hex),
  fc.tuple(fc.constant('format'), fc.constantFrom('1', '2', '3', 'x')),
  fc.tuple(fc.constant('garbage'), fc.constantFrom('<<<<<<< HEAD', '\uFEFF', 'privacy/2025-05-01.md published 2025-05-01 sha256 short', '  reason orphan', '  + 3 orphan')),
  fc.tuple(fc.constant('delete-file')),
);

const edits = fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(lockEdit, { minLength: 1, maxLength: 2 }) });

type Edit = [string, ...unknown[]];

/** Applies a lock edit to the project (the lock text, and for delete-file the revision itself). */
function applyEdit(dir: string, edit: Edit, current: string): void {
  const path = join(dir, 'policies/redline.lock');
  let lock = readFileSync(path, 'utf8');
  const entry = /^privacy\/2024-01-01\.md .*$/m;
  switch (edit[0]) {
    case 'correction': {
      const [, was, day, lines, fresh] = edit as [string, string, string, [string, number, string][], boolean];
      const wasHash = fresh ? createHash('sha256').update(FIRST).digest('hex') : was;
      lock = lock.replace(entry, (l) => `${l}\n  corrected ${day} sha256 ${createHash('sha256').update(current).digest('hex')} was ${wasHash}\n  reason Typo.${lines.map(([s, n, t]) => `\n  ${s} ${n}${t ? ` ${t}` : ''}`).join('')}`);
      break;
    }
    case 'redate':
      lock = lock.replace('published 2024-01-01', `published ${edit[1] as string}`);
      break;
    case 'delete-line':
      lock = lock.replace(entry, '');
      break;
    case 'rehash':
      lock = lock.replace(/sha256 [0-9a-f]{64}/, `sha256 ${edit[1] as string}`);
      break;
    case 'format':
      lock = lock.replace('format 2\n', `format ${edit[1] as string}\n`);
      break;
    case 'garbage':
      lock = (edit[1] as string) === '\uFEFF' ? `\uFEFF${lock}` : `${lock}${edit[1] as string}\n`;
      break;
    case 'delete-file':
      rmSync(join(dir, 'policies/privacy/2024-01-01.md'), { force: true });
      break;
  }
  writeFileSync(path, lock);
}

/** One line per problem, each naming a file under the policies folder (or the folder itself); a final count line from check. */
function expectOneLineProblems(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at |unexpected failure|RangeError|TypeError|Maximum call stack/);
  for (const line of stderr.split('\n')) {
    if (line === '' || /^\d+ problems? \(\d+ errors?, \d+ warnings?\)\.$/.test(line) || line.startsWith('note: ')) continue;
    expect(line, stderr).toMatch(/^(warning: )?policies(\/[^\n]*?)?(:\d+)?:? [^\n]+ — [^\n]+$/);
  }
}

describe('adversarial input: one line naming the file, never a trace, nothing built is lost', () => {
  const root = tempDir('redline-adversarial-props-');
  const base = join(root, 'base');

  beforeAll(async () => {
    mkdirSync(join(base, 'policies/privacy'), { recursive: true });
    writeFileSync(join(base, 'policies/privacy/2024-01-01.md'), FIRST);
    expect((await run(['lock'], { cwd: base, env })).code).toBe(0);
    const b = await run(['build', '--out', join(base, 'dist')], { cwd: base, env });
    expect(b.stderr).toBe('');
  }, 120_000);

  it('check and build, over generated files and lock edits', async () => {
    let n = 0;
    let built = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(files, edits, rewrites, async (files, edits, rewrite) => {
        const dir = join(root, String(n++));
        copy(base, dir, { recursive: true });
        const current = rewrite ?? FIRST;
        if (rewrite !== undefined) writeFileSync(join(dir, 'policies/privacy/2024-01-01.md'), rewrite);
        for (const [policy, file, content] of files) {
          const folder = join(dir, 'policies', policy);
          const path = join(folder, file);
          mkdirSync(folder, { recursive: true });
          rmSync(path, { recursive: true, force: true });
          if (content === '<fifo>') exec('mkfifo', [path]);
          else if (content === '<folder>') mkdirSync(path);
          else if (content === '<latin-1>') writeFileSync(path, Buffer.from(`${FIRST}Caf\u00e9.\n`, 'latin1'));
          else if (content === '<bom>') writeFileSync(path, `\uFEFF${FIRST}`);
          else writeFileSync(path, content);
        }
        for (const edit of edits) applyEdit(dir, edit as Edit, current);
        const out = join(dir, 'dist');
        const before = snapshot(out);
        const checked = await run(['check', '--now', NOW], { cwd: dir, env });
        const build = await run(['build', '--now', NOW, '--out', out], { cwd: dir, env });
        for (const r of [checked, build]) {
          expect([0, 1]).toContain(r.code);
          expectOneLineProblems(r.stderr);
        }
        if (build.code === 1) {
          refused++;
          expect(snapshot(out), build.stderr).toBe(before);
        } else {
          built++;
        }
        // What check accepts, build builds.
        if (checked.code === 0) expect(build.code, build.stderr).toBe(0);
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 60 * SCALE, interruptAfterTimeLimit: 50_000 * SCALE, endOnFailure: true },
    );
    console.log(`adversarial: ${n} generated projects, ${built} built, ${refused} refused`);
    expect(built).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, 600_000);
});
