import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { SEARCHABLE_PAGES } from '../src/node/search-index.ts';
import { writeCorpus } from '../bench/corpus.ts';
import { loadPolicies } from '../src/core/revisions.ts';
import { buildSiteModel } from '../src/core/site.ts';
import { pairTasks, textTasks, workerCount, startPool } from '../src/node/prepare.ts';
import { lintBody, parseMarkdown } from '../src/core/markdown/lint.ts';
import { renderAndLint, renderMarkdown } from '../src/node/render.ts';
import { listFiles, redline, tempDir, run } from './helpers/cli.ts';

describe('prepare: the work done ahead of the pages', () => {
  it('lists every revision file, and every pair the changes and compare pages show', async () => {
    const dir = join(tempDir('redline-prepare-'), 'policies');
    writeCorpus(dir, { policies: 2, revisions: 9, words: 300 });
    const texts = textTasks(dir);
    expect(texts).toHaveLength(9);
    expect(texts.every((t) => t.kind === 'text' && t.path.endsWith('.md'))).toBe(true);

    const { policies } = loadPolicies(dir);
    const newest = policies.flatMap((p) => p.revisions.map((r) => r.effective)).sort().at(-1)!;
    const model = buildSiteModel(policies, newest);
    const pairs = pairTasks(model);
    // privacy: 5 revisions, terms: 4. Consecutive pairs: 4 + 3 (with feed entries); against the one
    // in force: 4 + 3, of which the newest-but-one is already a consecutive pair.
    const feed = pairs.filter((p) => p.kind === 'pair' && p.feed);
    expect(feed).toHaveLength(7);
    expect(pairs).toHaveLength(7 + 4 + 3 - 2);
    const keys = pairs.map((p) => (p.kind === 'pair' ? `${p.old}>${p.new}` : ''));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('uses one worker per core unless REDLINE_WORKERS says otherwise', async () => {
    expect(workerCount({ REDLINE_WORKERS: '0' })).toBe(0);
    expect(workerCount({ REDLINE_WORKERS: '3' })).toBe(3);
    expect(workerCount({ REDLINE_WORKERS: 'many' })).toBe(0);
    expect(workerCount({})).toBeGreaterThanOrEqual(1);
  });

  it('fills the caches in worker threads', async () => {
    const root = tempDir('redline-prepare-');
    const dir = join(root, 'policies');
    writeCorpus(dir, { policies: 1, revisions: 4, words: 300 });
    const cache = join(root, 'cache');
    const before = process.env.REDLINE_CACHE_DIR;
    process.env.REDLINE_CACHE_DIR = cache;
    try {
      const pool = startPool(2);
      try {
        await pool.run(textTasks(dir));
        const { policies } = loadPolicies(dir);
        await pool.run(pairTasks(buildSiteModel(policies, policies[0]!.revisions.at(-1)!.effective)));
      } finally {
        await pool.close();
      }
    } finally {
      if (before === undefined) delete process.env.REDLINE_CACHE_DIR;
      else process.env.REDLINE_CACHE_DIR = before;
    }
    const count = (d: string) => (existsSync(d) ? readdirSync(d).flatMap((s) => readdirSync(join(d, s))).filter((f) => !f.endsWith('.tmp')).length : 0);
    expect(count(join(cache, 'html'))).toBe(4);
    expect(count(join(cache, 'lint'))).toBe(4);
    // 3 consecutive diffs and their redlines (pages and feed), 2 more against the newest, the compare data of 4 texts.
    expect(count(join(cache, 'diffs'))).toBeGreaterThanOrEqual(3 * 3 + 2 * 2 + 4);
  });

  it('caches lint results without changing them', async () => {
    const body = '# Terms\n\n<script>alert(1)</script>\n\n## Scope\n\nText.\n\n## Scope\n\nMore.\n';
    const plain = lintBody(body, 'p/2024-01-01.md', 5).map((p) => p.format());
    expect(plain).toHaveLength(2);
    const before = process.env.REDLINE_CACHE_DIR;
    process.env.REDLINE_CACHE_DIR = tempDir('redline-lint-');
    try {
      expect(lintBody(body, 'p/2024-01-01.md', 5).map((p) => p.format())).toEqual(plain);
      // The second call reads the cache: same problems, under the name of the file asked about.
      expect(lintBody(body, 'q/2025-01-01.md', 5).map((p) => p.format())).toEqual(plain.map((f) => f.replace('p/2024-01-01.md', 'q/2025-01-01.md')));
      // Messages name lines of the file: another start line is another result.
      expect(lintBody(body, 'p/2024-01-01.md', 7).map((p) => p.line)).toEqual(lintBody(body, 'p/2024-01-01.md', 5).map((p) => p.line! + 2));
    } finally {
      if (before === undefined) delete process.env.REDLINE_CACHE_DIR;
      else process.env.REDLINE_CACHE_DIR = before;
    }
  });

  it('lints the very tree it renders, finding what a separate parse finds', async () => {
    const bodies = [
      '# Terms\n\n<script>alert(1)</script>\n\n## Scope\n\nText.\n\n## Scope\n\nMore.\n',
      'Intro with <span onclick="x()">a handler</span> and [a link](javascript:alert(1)).\n\n![chart](https://example.com/c.png)\n',
      '| a | b |\n| --- | --- |\n| <iframe src="x"></iframe> | ~~old~~ |\n\n[ref]: data:text/html,hi\n\n> ## Quoted\n>\n> - [ ] item <https://example.org>\n',
      'Setext heading\n===\n\nSetext heading\n---\n\n```\n<script>not html</script>\n```\n',
    ];
    for (const body of bodies) {
      const separate = lintBody(body, 'x.md', 3).map((p) => p.format());
      let fromRender: string[] = [];
      await renderMarkdown(body, (tree) => {
        expect(tree).toEqual(parseMarkdown(body));
        fromRender = lintBody(body, 'x.md', 3, tree).map((p) => p.format());
      });
      expect(fromRender).toEqual(separate);
      expect(separate.length).toBeGreaterThan(0);
    }
    // renderAndLint fills both caches from one parse.
    const before = process.env.REDLINE_CACHE_DIR;
    const cache = tempDir('redline-lint-');
    process.env.REDLINE_CACHE_DIR = cache;
    try {
      await renderAndLint(bodies[0]!, 'x.md', 3);
      expect(readdirSync(join(cache, 'html'))).toHaveLength(1);
      expect(readdirSync(join(cache, 'lint'))).toHaveLength(1);
      expect(lintBody(bodies[0]!, 'x.md', 3).map((p) => p.format())).toEqual(lintBody(bodies[0]!, 'x.md', 3, parseMarkdown(bodies[0]!)).map((p) => p.format()));
    } finally {
      if (before === undefined) delete process.env.REDLINE_CACHE_DIR;
      else process.env.REDLINE_CACHE_DIR = before;
    }
  });

  it('changes nothing in the output: a build with workers equals one without, byte for byte', async () => {
    const root = tempDir('redline-prepare-');
    const dir = join(root, 'policies');
    const written = writeCorpus(dir, { policies: 2, revisions: 30, words: 400 });
    const build = async (name: string, workers: string) => {
      const out = join(root, name);
      const r = await run(['build', '--policies', dir, '--out', out, '--now', written.newest], {
        env: { REDLINE_WORKERS: workers, REDLINE_CACHE_DIR: join(root, `cache-${name}`), REDLINE_VERBOSE: '1' },
      });
      expect(r.code, r.stderr).toBe(0);
      return { out, log: r.stderr };
    };
    const a = build('with', '2');
    const b = build('without', '0');
    expect(a.log).toContain('redline: prepared 30 revisions');
    expect(b.log).not.toContain('redline: prepared');
    const files = listFiles(a.out);
    expect(files).toEqual(listFiles(b.out));
    expect(files.length).toBeGreaterThan(200);
    for (const f of files) expect(readFileSync(join(a.out, f)).equals(readFileSync(join(b.out, f))), f).toBe(true);

    // The search index is built from SEARCHABLE_PAGES only: every page marked for it must be one of them.
    const marked = files.filter((f) => f.endsWith('.html') && readFileSync(join(a.out, f), 'utf8').includes('data-pagefind-body'));
    expect(marked.length).toBeGreaterThanOrEqual(30);
    for (const f of marked) expect(matchesGlob(f, SEARCHABLE_PAGES), f).toBe(true);
    expect(existsSync(join(a.out, 'pagefind', 'pagefind.js'))).toBe(true);
  });
});
