// The reading pages, as built: the contents of a policy (nested, numbered as the text is, marked as
// read with CSS alone), the version's links in one fold, the changes pages' navigation (previous and
// next change, each change numbered with links to its neighbours, jump to the first), and one way of
// writing counts and dates. The layout itself (what a phone shows first, the type scale) is checked
// in the browser: test/e2e/reading.e2e.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, run } from './helpers/cli.ts';
import { project, revision } from './helpers/policies.ts';
import { contentsOf, spyCss, SPY_LIMIT, topLevelHeadingIds } from '../src/core/contents.ts';
import { closest, editDistance } from '../src/core/suggest.ts';
import { impossibleDate } from '../src/core/dates.ts';
import { HIDDEN_BLOCK, unchangedSummary } from '../src/core/diff/rows.ts';
import { wordsChanged } from '../src/core/diff/markup.ts';
import { uiText } from '../src/core/ui-text.ts';
import { analyzeBody } from '../src/core/markdown/analyze.ts';

const h = (depth: number, text: string, slug = text.toLowerCase().replace(/[^a-z0-9]+/g, '-')) => ({ depth, text, slug });

describe('contents', () => {
  it('nests each h3 under the h2 before it, so that the list numbers sections as the text does', () => {
    const headings = [h(2, 'Summary'), h(2, 'Accounts'), h(3, 'Controls'), h(3, 'Security'), h(2, 'Use'), h(4, 'Deep'), h(3, 'Limits')];
    const html = headings.map((x) => `<h${x.depth} id="${x.slug}">${x.text}</h${x.depth}>`).join('\n');
    const c = contentsOf(headings, html);
    expect(c.entries.map((e) => [e.text, e.children.map((x) => x.text)])).toEqual([
      ['Summary', []],
      ['Accounts', ['Controls', 'Security']],
      ['Use', ['Limits']],
    ]);
    expect(c.count).toBe(6);
    expect(c.ownNumbers).toBe(false);
    expect(c.entries.flatMap((e) => [e, ...e.children]).map((e) => e.number)).toEqual(['1.', '2.', '2.1', '2.2', '3.', '3.1']);
    // The n-th top-level h2 or h3 of the text, as CSS counts them (:nth-child(n of h2, h3)).
    expect(c.entries.flatMap((e) => [e, ...e.children]).map((e) => e.spy)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('stands an h3 before any h2 at the top level', () => {
    const c = contentsOf([h(3, 'Preamble'), h(2, 'One'), h(3, 'One point one')], '<h3 id="preamble">P</h3><h2 id="one">O</h2><h3 id="one-point-one">x</h3>');
    expect(c.entries.map((e) => [e.text, e.children.length])).toEqual([['Preamble', 0], ['One', 1]]);
  });

  it('knows headings that number themselves, and then shows no numbers of its own', () => {
    const own = contentsOf([h(2, 'A. Definitions'), h(2, 'B. Account Terms'), h(3, '1. Account Controls'), h(2, 'Summary')], '');
    expect(own.ownNumbers).toBe(true);
    expect(own.entries.flatMap((e) => [e, ...e.children]).map((e) => e.number)).toEqual([undefined, undefined, undefined, undefined]);
    expect(contentsOf([h(2, '1. Compliance'), h(2, '2. Safety'), h(2, '10. Advertising')], '').ownNumbers).toBe(true);
    expect(contentsOf([h(2, 'Section 1 Scope'), h(2, '§ 2 Data')], '').ownNumbers).toBe(true);
    expect(contentsOf([h(2, 'Definitions'), h(2, 'Acquisition of personal information'), h(2, '3D printing')], '').ownNumbers).toBe(false);
  });

  it('leaves headings nested in a quotation or list out of the scroll marks (their places would not match)', () => {
    const html = '<p>x</p><h2 id="a">A</h2><blockquote><h3 id="q">Q</h3><p>y<br>z</p></blockquote><hr><h3 id="b">B</h3><ul><li><h2 id="c">C</h2></li></ul><h2 id="d">D</h2>';
    expect(topLevelHeadingIds(html)).toEqual(['a', 'b', 'd']);
    const c = contentsOf([h(2, 'A', 'a'), h(3, 'Q', 'q'), h(3, 'B', 'b'), h(2, 'C', 'c'), h(2, 'D', 'd')], html);
    expect(c.entries.flatMap((e) => [e, ...e.children]).map((e) => [e.slug, e.spy])).toEqual([['a', 1], ['q', undefined], ['b', 2], ['c', undefined], ['d', 3]]);
  });

  it('contents-spy.css is what scripts/contents-css.ts writes: a timeline for each of the first headings', () => {
    const css = readFileSync(join(root, 'src/astro/styles/contents-spy.css'), 'utf8');
    expect(css).toBe(spyCss());
    expect(css).toContain(`.policy-text > h2:nth-child(${SPY_LIMIT} of h2, h3), .policy-text > h3:nth-child(${SPY_LIMIT} of h2, h3) { view-timeline-name: --rl-s${SPY_LIMIT}; }`);
    expect(css).toContain('.rl-s12 { animation-timeline: --rl-s12, --rl-s13; }');
  });
});

describe('words for authors and readers', () => {
  it('suggests the field an author meant, and nothing for a word far from every field', () => {
    expect(editDistance('sumary', 'summary')).toBe(1);
    expect(editDistance('summray', 'summary')).toBe(1); // a swap of two letters
    const fields = ['title', 'summary', 'published', 'change'];
    expect(closest('sumary', fields)).toBe('summary');
    expect(closest('Summary', fields)).toBe('summary');
    expect(closest('publised', fields)).toBe('published');
    expect(closest('tilte', fields)).toBe('title');
    expect(closest('colour', fields)).toBeUndefined();
    expect(closest('date', fields)).toBeUndefined();
  });

  it('says why a date written YYYY-MM-DD cannot exist', () => {
    expect(impossibleDate('2026-11-31')).toBe('November 2026 has 30 days');
    expect(impossibleDate('2025-02-29')).toBe('February 2025 has 28 days');
    expect(impossibleDate('2024-13-01')).toBe('there is no month 13');
    expect(impossibleDate('2024-02-29')).toBeUndefined();
    expect(impossibleDate('next week')).toBeUndefined();
  });

  it('writes counts one way: grouped digits, words instead of signs, "no wording change" for none', () => {
    expect(uiText('en').sections(1208)).toBe('1,208 sections');
    expect(wordsChanged(1208, 30)).toBe('1,208 words added, 30 removed');
    expect(wordsChanged(0, 1)).toBe('1 word removed');
    expect(wordsChanged(0, 0)).toBe('no wording change');
  });

  it('names folded text in reader words, leaving out what the page does not show', () => {
    expect(unchangedSummary(['paragraph', HIDDEN_BLOCK, 'passage'])).toBe('2 unchanged blocks: 1 paragraph and 1 passage');
    expect(unchangedSummary([HIDDEN_BLOCK, HIDDEN_BLOCK])).toBe('Notes in the Markdown source, not shown on the page');
    expect(unchangedSummary(['paragraph', HIDDEN_BLOCK, 'paragraph'])).toBe('2 unchanged paragraphs');
  });
});

describe('in Japanese', () => {
  it('writes counts, folds and the reading pages\' words in Japanese', () => {
    expect(wordsChanged(1208, 30, 'ja')).toBe('1,208語追加、30語削除');
    expect(wordsChanged(0, 1, 'ja')).toBe('1語削除');
    expect(wordsChanged(0, 0, 'ja')).toBe('語句の変更なし');
    expect(unchangedSummary(['paragraph', HIDDEN_BLOCK, 'passage'], 'ja')).toBe('変更のないブロック（2）：段落1、箇所1');
    expect(unchangedSummary([HIDDEN_BLOCK], 'ja')).toBe('Markdown 原文の注記（ページには表示されません）');
    expect(unchangedSummary(['paragraph', HIDDEN_BLOCK, 'paragraph'], 'ja')).toBe('変更のない段落（2）');
    expect(uiText('ja').sections(12)).toBe('12節');
    expect(uiText('ja').contents).toBe('目次');
    // A language without a table of its own reads English.
    expect(uiText('fr')).toBe(uiText('en'));
    expect(uiText('en').sections(1)).toBe('1 section');
  });

  it('marks every section of the Japanese privacy policy as read: its headings\' ids are Japanese, and their places are what count', () => {
    const text = readFileSync(join(root, 'policies/privacy/2025-04-01.ja.md'), 'utf8');
    const a = analyzeBody(text.replace(/^---\n[^]*?\n---\n/, ''));
    const c = contentsOf(a.headings, a.html);
    const all = c.entries.flatMap((e) => [e, ...e.children]);
    expect(all.length).toBeGreaterThan(5);
    expect(all.some((e) => /[^\x00-\x7f]/.test(e.slug))).toBe(true);
    expect(all.map((e) => e.spy)).toEqual(all.map((_, k) => k + 1));
  });
});

describe('a built policy with sections and subsections, and three versions', () => {
  const body = (extra: string) =>
    `\nIntro.\n\n<!-- drafting note -->\n\n## Definitions\n\nWords.\n\n## Your account\n\n### Controls\n\nYou control it.${extra}\n\n### Security\n\nKeep it safe.\n\n> ### Quoted heading\n>\n> Quoted.\n\n## Use\n\nUse it well.\n`;
  let out: string;
  const page = (p: string) => readFileSync(join(out, p), 'utf8');
  beforeAll(async () => {
    const dir = project({
      'terms/2024-01-01.md': revision({ title: 'Terms' }, body('')),
      'terms/2024-02-01.md': revision({ title: 'Terms', summary: 'Longer.' }, body(' Always, and at any time of day.')),
      'terms/2024-03-01.md': revision({ title: 'Terms', summary: 'A note for editors.' }, body(' Always, and at any time of day.').replace('<!-- drafting note -->', '<!-- drafting note, revised -->')),
    });
    out = join(dir, 'dist');
    const r = await run(['build', '--now', '2024-06-01', '--out', out], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
  });

  it('lists the contents nested, in a fold with its count, each top-level heading with its scroll mark', () => {
    const html = page('terms/index.html');
    const toc = /<nav class="toc" aria-labelledby="rl-toc"[^]*?<\/nav>/.exec(html)![0];
    expect(toc).toContain('<details class="rl-fold"> <summary><span><span id="rl-toc">Contents</span> <span class="rl-fold-count">6 sections</span></span></summary>');
    expect(toc.replace(/\s+/g, ' ')).toContain(
      '<ol> <li><a href="#definitions" class="rl-s1"><span class="toc-n">1.</span> Definitions</a></li><li><a href="#your-account" class="rl-s2"><span class="toc-n">2.</span> Your account</a><ol><li><a href="#controls" class="rl-s3"><span class="toc-n">2.1</span> Controls</a></li><li><a href="#security" class="rl-s4"><span class="toc-n">2.2</span> Security</a></li><li><a href="#quoted-heading"><span class="toc-n">2.3</span> Quoted heading</a></li></ol></li><li><a href="#use" class="rl-s5"><span class="toc-n">3.</span> Use</a></li> </ol>',
    );
    expect(html).toContain('<div class="prose policy-text" data-redline-text>');
    expect(html).toContain('<article class="policy rl-reading"');
  });

  it('puts the version’s links, the Markdown source, print and the hash in one fold', () => {
    const html = page('terms/2024-02-01/index.html');
    const meta = /<details class="rl-fold doc-meta"[^]*?<\/details>/.exec(html)![0];
    expect(meta).toContain('<summary>Versions, source and print</summary>');
    for (const s of ['>All versions</a>', '>Previous version (<time datetime="2024-01-01">1 January 2024</time>)</a>', '>Markdown source</a>', 'class="print-control"', '<li class="hash">SHA-256 <code>']) expect(meta).toContain(s);
    // Nothing but the fold between the dates and the contents.
    expect(html).toMatch(/<\/details> <\/header> <nav class="toc"/);
  });

  it('links each changes page to the changes before and after it, and numbers its changes', () => {
    const middle = page('terms/2024-02-01/changes/index.html');
    expect(middle).toContain('<a href="/terms/2024-03-01/changes/" rel="next">Next change (<time datetime="2024-03-01">1 March 2024</time>)</a>');
    expect(middle).not.toContain('rel="prev"');
    expect(middle).toMatch(/<nav class="rl-pager" aria-label="Changes before and after this one">[^]*This is the first version: no change before it[^]*<a href="\/terms\/2024-03-01\/changes\/"><span class="rl-pager-dir">Next change →<\/span> <time datetime="2024-03-01">1 March 2024<\/time><\/a>/);
    expect(middle).toContain('<a class="rl-jump" href="#rl-change-1">Jump to the first change</a>');
    expect(middle).toContain('<p class="rl-step" id="rl-change-1"><span class="rl-step-n">Change 1 of 1</span></p>');
    const last = page('terms/2024-03-01/changes/index.html');
    expect(last).toContain('<a href="/terms/2024-02-01/changes/" rel="prev">Previous change (<time datetime="2024-02-01">1 February 2024</time>)</a>');
    expect(last).toContain('<span class="rl-pager-none">No later change</span>');
  });

  it('gives each change links to the one before and after it', async () => {
    const dir = project({
      'terms/2024-01-01.md': revision({ title: 'Terms' }, '\n## A\n\nOne.\n\n## B\n\nTwo.\n\n## C\n\nThree.\n'),
      'terms/2024-02-01.md': revision({ title: 'Terms', summary: 'Three changes.' }, '\n## A\n\nOne more.\n\n## B\n\nTwo more.\n\n## C\n\nThree more.\n'),
    });
    const dist = join(dir, 'dist');
    expect((await run(['build', '--now', '2024-06-01', '--out', dist], { cwd: dir })).code).toBe(0);
    const html = readFileSync(join(dist, 'terms/2024-02-01/changes/index.html'), 'utf8');
    const steps = [...html.matchAll(/<p class="rl-step"[^]*?<\/p>/g)].map((m) => m[0]);
    // Inline view only (the side-by-side view shares the page and its ids).
    expect(steps).toEqual([
      '<p class="rl-step" id="rl-change-1"><span class="rl-step-n">Change 1 of 3</span><a href="#rl-change-2" class="rl-step-next">Next<span class="visually-hidden"> change</span></a></p>',
      '<p class="rl-step" id="rl-change-2"><span class="rl-step-n">Change 2 of 3</span><a href="#rl-change-1" class="rl-step-previous">Previous<span class="visually-hidden"> change</span></a><a href="#rl-change-3" class="rl-step-next">Next<span class="visually-hidden"> change</span></a></p>',
      '<p class="rl-step" id="rl-change-3"><span class="rl-step-n">Change 3 of 3</span><a href="#rl-change-2" class="rl-step-previous">Previous<span class="visually-hidden"> change</span></a></p>',
    ]);
  });

  it('says "no wording change" in the history for a revision that changed no words, and writes dates in words', () => {
    const html = page('terms/history/index.html');
    expect(html).toContain('<span class="visually-hidden"> in the version effective 1 March 2024</span></a> <span class="rl-counts">(no wording change)</span>');
    expect(html).toContain('<span class="rl-counts">(7 words added)</span>');
    expect(html).toContain('<option value="2024-01-01">1 January 2024</option>');
    expect(html).not.toMatch(/\+0|−0/);
  });

  it('names the folds of unchanged text in reader words: no "HTML block"', () => {
    const html = page('terms/2024-02-01/changes/index.html');
    const folds = [...html.matchAll(/<details class="rl-same"><summary>([^<]*)<\/summary>/g)].map((m) => m[1]);
    expect(folds.length).toBeGreaterThan(0);
    expect(folds.join(' | ')).not.toMatch(/HTML/);
    // Intro, the HTML comment (not shown: not counted), Definitions and its paragraph, Your account.
    expect(folds[0]).toBe('4 unchanged blocks: 2 paragraphs and 2 headings');
  });
});
