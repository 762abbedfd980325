import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { SEARCHABLE_PAGES } from '../src/node/search-index.ts';
import { writeCorpus } from '../bench/corpus.ts';
import { loadPolicies, revisionBody } from '../src/node/policies.ts';
import { Artifacts } from '../src/node/artifacts.ts';
import { DiffCache, docOf } from '../src/node/diff-cache.ts';
import { buildSiteModel } from '../src/core/site.ts';
import { readRevision } from '../src/core/revisions.ts';
import type { RedlineError } from '../src/core/errors.ts';
import { diffMarkdown } from '../src/core/diff/index.ts';
import { analyzeBody, documentOf } from '../src/core/markdown/analyze.ts';
import { lintTree } from '../src/core/markdown/lint/index.ts';
import { parseMarkdown } from '../src/core/markdown/processor.ts';
import { pairTasks, workerCount, startPool, type PreparePool, type PrepareTask } from '../src/node/prepare.ts';
import { listFiles, tempDir, run } from './helpers/cli.ts';

/** A pool that only records the tasks it is given (the loader then analyses the bodies itself). */
function recordingPool(): PreparePool & { tasks: PrepareTask[] } {
  const tasks: PrepareTask[] = [];
  return { tasks, run: async (t) => void tasks.push(...t), close: async () => undefined };
}

/** Cache entries under `d` (two-character folders of files), temporary files left out. */
const count = (d: string) => (existsSync(d) ? readdirSync(d).flatMap((s) => readdirSync(join(d, s))).filter((f) => !f.endsWith('.tmp')).length : 0);

describe('prepare: the work done ahead of the pages', () => {
  it('hands the workers every body not analysed yet, and lists every pair the changes and compare pages show', async () => {
    const dir = join(tempDir('redline-prepare-'), 'policies');
    writeCorpus(dir, { policies: 2, revisions: 9, words: 300 });
    const artifacts = new Artifacts(undefined);
    const pool = recordingPool();
    const { policies } = await loadPolicies(dir, artifacts, { pool });
    expect(pool.tasks).toHaveLength(9);
    const bodies = policies.flatMap((p) => p.revisions.map((r) => revisionBody(artifacts, r)));
    expect(pool.tasks.map((t) => (t.kind === 'analyze' ? t.body : '')).sort()).toEqual([...bodies].sort());
    // Analysed once: a second pass has nothing to hand out.
    const again = recordingPool();
    await loadPolicies(dir, artifacts, { pool: again });
    expect(again.tasks).toEqual([]);

    const newest = policies.flatMap((p) => p.revisions.map((r) => r.effective)).sort().at(-1)!;
    const model = buildSiteModel(policies, newest);
    const pairs = pairTasks(model);
    // privacy: 5 revisions, terms: 4. Consecutive pairs: 4 + 3 (with feed entries); against the one
    // in force: 4 + 3, of which the newest-but-one is already a consecutive pair.
    const feed = pairs.filter((p) => p.kind === 'pair' && p.feed);
    expect(feed).toHaveLength(7);
    expect(pairs).toHaveLength(7 + 4 + 3 - 2);
    const keys = pairs.map((p) => (p.kind === 'pair' ? `${p.old.sha256}>${p.new.sha256}` : ''));
    expect(new Set(keys).size).toBe(keys.length);
    // Each side names a revision by the hash of its file, its analysis and where its body starts: what a worker reads back.
    const all = policies.flatMap((p) => p.revisions);
    for (const p of pairs) {
      if (p.kind !== 'pair') continue;
      for (const ref of [p.old, p.new]) {
        const rev = all.find((r) => r.sha256 === ref.sha256)!;
        expect(ref).toEqual({ sha256: rev.sha256, analysis: rev.analysis, bodyStart: rev.bodyStart });
        expect(docOf(artifacts, ref).doc.text).toBe(revisionBody(artifacts, rev));
      }
    }
  });

  it('uses one worker per core unless REDLINE_WORKERS says otherwise', async () => {
    expect(workerCount({ REDLINE_WORKERS: '0' })).toBe(0);
    expect(workerCount({ REDLINE_WORKERS: '3' })).toBe(3);
    expect(workerCount({ REDLINE_WORKERS: 'many' })).toBe(0);
    expect(workerCount({})).toBeGreaterThanOrEqual(1);
  });

  it('fills the caches in worker threads, with what this thread computes', async () => {
    const root = tempDir('redline-prepare-');
    const dir = join(root, 'policies');
    writeCorpus(dir, { policies: 1, revisions: 4, words: 300 });
    const dirs = { artifacts: join(root, 'cache', 'artifacts'), diffs: join(root, 'cache', 'diffs') };
    const artifacts = new Artifacts(dirs.artifacts);
    const pool = startPool(2, dirs);
    let analysedByWorkers = -1;
    let policies;
    try {
      // The bodies' analyses are on disk once the workers are done, before this thread reads any.
      const watched: PreparePool = { run: async (t) => { await pool.run(t); analysedByWorkers = count(join(dirs.artifacts, 'lint')); }, close: async () => undefined };
      ({ policies } = await loadPolicies(dir, artifacts, { pool: watched }));
      await pool.run(pairTasks(buildSiteModel(policies, policies[0]!.revisions.at(-1)!.effective)));
    } finally {
      await pool.close();
    }
    expect(analysedByWorkers).toBe(4);
    expect(count(join(dirs.artifacts, 'lint'))).toBe(4);
    expect(count(join(dirs.artifacts, 'texts'))).toBe(4);
    // 3 consecutive diffs and their redlines (page and feed entry), 2 more pairs against the newest (diff and page redline).
    expect(count(dirs.diffs)).toBe(3 * 3 + 2 * 2);
    // What the workers kept is what this thread computes.
    const revs = policies[0]!.revisions;
    const cache = new DiffCache(dirs.diffs);
    for (let i = 1; i < revs.length; i++) {
      const [a, b] = [docOf(artifacts, revs[i - 1]!), docOf(artifacts, revs[i]!)];
      expect(a.doc).toEqual(documentOf(revisionBody(artifacts, revs[i - 1]!)));
      expect(cache.diff(a, b)).toEqual(diffMarkdown(a.doc.text, b.doc.text));
    }
    expect(cache.stats).toEqual({ hits: 3, misses: 0 });
  });

  it('keeps each body’s analysis by its text alone: problems named in each file’s own lines', async () => {
    const body = '# Terms\n\n<script>alert(1)</script>\n\n## Scope\n\nText.\n\n## Scope\n\nMore.\n';
    const plain = analyzeBody(body).problems;
    expect(plain.map((p) => [p.line, p.severity])).toEqual([[3, 'error'], [9, 'warning']]);
    const dir = tempDir('redline-artifacts-');
    const first = new Artifacts(dir);
    expect(first.analysis(body).analysis.problems).toEqual(plain);
    // Another build reads it from disk: the same problems.
    const second = new Artifacts(dir);
    expect(second.hasAnalysis(second.analysisKey(body))).toBe(true);
    expect(second.analysis(body).analysis.problems).toEqual(plain);
    // Two files with that body, their bodies starting on lines 4 and 6: one analysis, each file's own lines and name.
    const read = (file: string, frontMatter: string) => {
      const problems: RedlineError[] = [];
      const r = readRevision({ bytes: Buffer.from(`---\n${frontMatter}---\n${body}`), policy: 'p', effective: '2024-01-01', file, path: `/x/${file}` }, (b) => second.problems(b), problems);
      expect(r).toBeUndefined();
      return problems.map((p) => p.format());
    };
    const p = read('p/2024-01-01.md', 'title: P\n');
    expect(p).toHaveLength(2);
    expect(p[0]).toMatch(/^p\/2024-01-01\.md:6: raw HTML <script> is not allowed/);
    expect(p[1]).toMatch(/^p\/2024-01-01\.md:12: heading "Scope" repeats the heading on line 8 — /);
    expect(read('q/2025-01-01.md', 'title: Q\nsummary: S\nchange: editorial\n')).toEqual(p.map((f) => f.replace('p/2024-01-01.md', 'q/2025-01-01.md').replace(':6:', ':8:').replace(':12:', ':14:').replace('line 8', 'line 10')));
    expect(count(join(dir, 'lint'))).toBe(1);
  });

  it('lints the very tree it renders, finding what a separate parse finds', async () => {
    const bodies = [
      '# Terms\n\n<script>alert(1)</script>\n\n## Scope\n\nText.\n\n## Scope\n\nMore.\n',
      'Intro with <span onclick="x()">a handler</span> and [a link](javascript:alert(1)).\n\n![chart](https://example.com/c.png)\n',
      '| a | b |\n| --- | --- |\n| <iframe src="x"></iframe> | ~~old~~ |\n\n[ref]: data:text/html,hi\n\n> ## Quoted\n>\n> - [ ] item <https://example.org>\n',
      'Setext heading\n===\n\nSetext heading\n---\n\n```\n<script>not html</script>\n```\n',
    ];
    for (const body of bodies) {
      const separate = lintTree(parseMarkdown(body), body);
      expect(analyzeBody(body).problems).toEqual(separate);
      expect(separate.length).toBeGreaterThan(0);
    }
    // A body with warnings only is rendered from that same parse: its HTML, headings and blocks come with the problems, in one entry.
    const dir = tempDir('redline-artifacts-');
    const { analysis } = new Artifacts(dir).analysis(bodies[3]!);
    expect(analysis.problems.map((p) => p.severity)).toEqual(['warning']);
    expect(analysis.html).toContain('<h1 id="setext-heading">Setext heading</h1>');
    expect(analysis.html).toContain('&#x3C;script>not html&#x3C;/script>');
    expect(analysis.headings.map((h) => h.slug)).toEqual(['setext-heading', 'setext-heading-1']);
    expect(analysis.blocks.filter((b) => b.type === 'heading').map((b) => b.anchor)).toEqual(['setext-heading', 'setext-heading-1']);
    expect(count(join(dir, 'lint'))).toBe(1);
  });

  it('changes nothing in the output: a build with workers equals one without, byte for byte', async () => {
    const root = tempDir('redline-prepare-');
    const dir = join(root, 'policies');
    const written = writeCorpus(dir, { policies: 2, revisions: 30, words: 400 });
    /** Worker threads started during each build (Node's diagnostics channel announces every one). */
    const build = async (name: string, workers: string) => {
      const out = join(root, name);
      let threads = 0;
      const started = () => void threads++;
      subscribe('worker_threads', started);
      try {
        const r = await run(['build', '--policies', dir, '--out', out, '--now', written.newest], {
          env: { REDLINE_WORKERS: workers, REDLINE_CACHE_DIR: join(root, `cache-${name}`) },
        });
        expect(r.code, r.stderr).toBe(0);
      } finally {
        unsubscribe('worker_threads', started);
      }
      return { out, threads };
    };
    const a = await build('with', '2');
    const b = await build('without', '0');
    // The loader analysed the 30 bodies, and then prepared the pairs, on the same 2 threads; without workers, on none.
    expect(a.threads - b.threads).toBe(2);
    const files = listFiles(a.out);
    expect(files).toEqual(listFiles(b.out));
    expect(files.length).toBeGreaterThan(200);
    for (const f of files) expect(readFileSync(join(a.out, f)).equals(readFileSync(join(b.out, f))), f).toBe(true);

    // The search index is built from SEARCHABLE_PAGES only: every page marked for it must be one of them.
    const marked = files.filter((f) => f.endsWith('.html') && readFileSync(join(a.out, f), 'utf8').includes('data-pagefind-body'));
    expect(marked.length).toBeGreaterThanOrEqual(30);
    for (const f of marked) expect(matchesGlob(f, SEARCHABLE_PAGES), f).toBe(true);
    expect(existsSync(join(a.out, 'pagefind', 'pagefind.js'))).toBe(true);
    // In pieces: the versions in force in pagefind/, each policy's other versions in pagefind/v/<policy>/, all of them named on the search page.
    const pieces = new Set(files.filter((f) => /^pagefind\/v\/[^/]+\/pagefind-entry\.json$/.test(f)).map((f) => f.split('/')[2]));
    const policies = new Set(marked.filter((f) => /^[^/]+\/\d{4}-\d{2}-\d{2}\/index\.html$/.test(f)).map((f) => f.split('/')[0]));
    expect(policies.size).toBeGreaterThan(0);
    expect(pieces).toEqual(policies);
    const named = JSON.parse(/data-versions="([^"]*)"/.exec(readFileSync(join(a.out, 'search', 'index.html'), 'utf8'))![1]!.replace(/&quot;/g, '"')) as Array<{ index: string }>;
    expect(new Set(named.map((v) => v.index.split('/').at(-2)))).toEqual(policies);
    const inForce = JSON.parse(readFileSync(join(a.out, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(Object.values(inForce.languages).reduce((n, l) => n + l.page_count, 0)).toBe(marked.filter((f) => /^[^/]+\/index\.html$/.test(f)).length);
  });
});
