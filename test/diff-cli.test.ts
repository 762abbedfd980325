import { describe, expect, it } from 'vitest';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { redline, tempDir, run } from './helpers/cli.ts';

const dir = tempDir('redline-diff-cli-');
const OLD = join(dir, '2024-01-01.md');
const NEW = join(dir, 'draft.md');
writeFileSync(OLD, '---\ntitle: Terms\n---\n\n## Sharing\n\nWe may share your personal data with partners.\n\n## Gone\n\nThis section goes.\n');
writeFileSync(NEW, '---\ntitle: Terms\nsummary: Clearer words.\n---\n\n## Sharing\n\nWe may share your personal information with partners.\n');
const PLAIN_A = join(dir, 'a.md');
const PLAIN_B = join(dir, 'b.md');
writeFileSync(PLAIN_A, 'One two three.\n');
writeFileSync(PLAIN_B, 'One 2 three.\n');

describe('redline diff', () => {
  it('marks the changes of two revisions (their bodies), by section, with the stats at the end; plain when not a terminal', async () => {
    const r = await run(['diff', OLD, NEW], { env: { NO_COLOR: '', FORCE_COLOR: '' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '## Sharing',
        '',
        'We may share your personal [-data-]{+information+} with partners.',
        '',
        '[-## Gone-]',
        '',
        '[-This section goes.-]',
        '',
        '1 word added, 5 words removed; 3 blocks (1 changed, 2 removed) in 2 sections: Sharing; Gone.',
        '',
      ].join('\n'),
    );
    expect(r.stdout).not.toContain('title:');
  });

  it('shows a moved item once where it is, with its number, and a line where it was; an inserted item with its number; a comment-only edit as no visible change', async () => {
    const a = join(dir, 'list-a.md');
    const b = join(dir, 'list-b.md');
    writeFileSync(a, '## A\n\n1. First item here\n2. Second item moves\n3. Third item stays\n\nBody.\n<!-- note -->\n');
    writeFileSync(b, '## A\n\n1. First item here\n2. Third item stays\n3. Second item moves\n4. A brand new item\n\nBody.\n<!-- changed note -->\n');
    const r = await run(['diff', a, b], { env: { NO_COLOR: '1', FORCE_COLOR: '' } });
    expect(r.stdout).toBe(
      [
        '## A',
        '',
        '(Moved to item 3) Second item moves',
        '',
        '3. Second item moves  (moved here from item 2)',
        '',
        '{+4. A brand new item+}',
        '',
        '<!-- {+changed +}note -->  (no visible change: an HTML comment in the Markdown source)',
        '',
        '4 words added, 0 words removed; 2 blocks (1 added, 1 moved) in 1 section: A; 1 change in the Markdown source only (no visible change).',
        '',
      ].join('\n'),
    );
    const j = JSON.parse((await run(['diff', a, b, '--format', 'json'])).stdout) as { moves: Array<{ old: [number, number]; new: [number, number]; edited: boolean }>; invisible: unknown[] };
    expect(j.moves).toHaveLength(1);
    expect(j.moves[0]!.edited).toBe(false);
    expect(j.invisible).toEqual([{ side: 'both', type: 'html', old: [expect.any(Number), expect.any(Number)], new: [expect.any(Number), expect.any(Number)] }]);
  });

  it('colours the marks on a terminal', async () => {
    const r = await run(['diff', PLAIN_A, PLAIN_B], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(r.stdout).toContain('One \x1b[31;9mtwo\x1b[0m\x1b[32;4m2\x1b[0m three.');
    expect((await run(['diff', PLAIN_A, PLAIN_B], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).toContain('One [-two-]{+2+} three.');
  });

  it('writes JSON: stats, sections and operations that rebuild both bodies', async () => {
    const r = await run(['diff', PLAIN_A, PLAIN_B, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { ops: Array<[string, string]>; stats: { wordsInserted: number } };
    expect(j.ops).toEqual([['=', 'One '], ['-', 'two'], ['+', '2'], ['=', ' three.\n']]);
    expect(j.stats.wordsInserted).toBe(1);
  });

  it('writes a standalone HTML page', async () => {
    const r = await run(['diff', OLD, NEW, '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!doctype html>/);
    expect(r.stdout).toContain('<del>data</del><ins>information</ins>');
    expect(r.stdout).toContain('<h2 id="old-gone"><del>Gone</del></h2>');
  });

  it('says "no changes" for identical files', async () => {
    expect((await run(['diff', PLAIN_A, PLAIN_A])).stdout).toBe('No changes: the two texts are identical.\n');
  });

  it('refuses bad input in one line, with exit code 1', async () => {
    const missing = await run(['diff', PLAIN_A, join(dir, 'nope.md')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.md: not found — check the path; give the old file first, then the new one\n$/);
    expect(missing.stderr.split('\n')).toHaveLength(2);
    const format = await run(['diff', PLAIN_A, PLAIN_B, '--format', 'pdf']);
    expect(format.code).toBe(1);
    expect(format.stderr).toBe('--format "pdf" is not a format — use one of: terminal, html, json\n');
    const one = await run(['diff', PLAIN_A]);
    expect(one.code).toBe(1);
    expect(one.stderr).toMatch(/^diff needs two files, the old one and the new one \(got 1\) — /);
    mkdirSync(join(dir, 'folder'), { recursive: true });
    expect((await run(['diff', join(dir, 'folder'), PLAIN_B])).stderr).toMatch(/folder: is a folder, not a Markdown file — /);
    const bad = join(dir, 'bad.md');
    writeFileSync(bad, '---\ntitle: [unclosed\n---\n\nText.\n');
    const fm = await run(['diff', bad, PLAIN_B]);
    expect(fm.code).toBe(1);
    expect(fm.stderr).toMatch(/bad\.md:2: front matter is not valid YAML/);
  });
});
