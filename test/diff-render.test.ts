import { describe, expect, it } from 'vitest';
import { diffMarkdown, documentOf } from '../src/core/diff/index.ts';
import { redline as redlineOf, renderChangedBlocksHtml, unchangedSummary, redlineId, FEED_REDLINE, type RedlineOptions } from '../src/core/diff/render.ts';
import { compareHtml, revisionFromData, type RevisionData } from '../src/client/compare-here.ts';
import { changesHtml } from '../src/core/diff/markup.ts';
import { classifyTree, decodeClasses, encodeClasses } from '../src/core/diff/classes.ts';
import { parseMarkdown } from '../src/core/markdown/processor.ts';
import { analyzeBody } from '../src/core/markdown/analyze.ts';
import { diffBlocks } from '../src/core/diff/engine.ts';

/** The redline of two bodies, each analysed here. */
const redline = (a: string, b: string, options?: RedlineOptions) => redlineOf(diffMarkdown(a, b), { old: documentOf(a), new: documentOf(b) }, options);
const changed = (a: string, b: string) => redline(a, b).filter((i) => i.kind === 'changed');
/** What a feed entry shows (src/astro/runtime/diff-data.ts: changedBlocksHtml). */
const feedHtml = (a: string, b: string, options: { maxChars?: number; sectionHref?: (anchor: string) => string } = {}) => {
  const diff = diffMarkdown(a, b);
  return renderChangedBlocksHtml(diff, { ...options, items: redlineOf(diff, { old: documentOf(a), new: documentOf(b) }, FEED_REDLINE) });
};

describe('redline: inline view', () => {
  it('marks a changed word inside the rendered paragraph', () => {
    const [item] = changed('We share your personal data.\n', 'We share your personal information.\n');
    expect(item!.inline).toBe('<p>We share your personal <del>data</del><ins>information</ins>.</p>');
    expect(item!.old).toBe('<p>We share your personal <del>data</del>.</p>');
    expect(item!.new).toBe('<p>We share your personal <ins>information</ins>.</p>');
  });

  it('keeps formatting: marks go inside links, emphasis and table cells, never across their syntax', () => {
    const [p] = changed('See [our partners](https://a.example/) and *all* of them.\n', 'See [our trusted partners](https://a.example/) and *some* of them.\n');
    expect(p!.inline).toBe('<p>See <a href="https://a.example/">our <ins>trusted </ins>partners</a> and <em><del>all</del><ins>some</ins></em> of them.</p>');
    const [t] = changed('| Plan | Price |\n| --- | --- |\n| Pro | 7 |\n', '| Plan | Price |\n| --- | --- |\n| Pro | 9 |\n');
    expect(t!.inline).toContain('<td><del>7</del><ins>9</ins></td>');
  });

  it('shows deleted text as text, whatever Markdown or HTML it holds', () => {
    const [p] = changed('Fees: 1 < 2 & *three* [x].\n', 'Fees: none.\n');
    expect(p!.inline).toContain('<del>');
    expect(p!.inline).not.toMatch(/<em>|<a /);
    expect(p!.inline).toContain('1 &#x3C; 2 &#x26;');
  });

  it('keeps a deleted list item a list item, and a deleted heading a heading with its old anchor', () => {
    const items = changed('## Rules\n\n- one\n- two\n- three\n\n## Gone\n\nOld text.\n', '## Rules\n\n- one\n- three\n');
    expect(items[0]!.inline).toBe('<ul>\n<li>one</li>\n<li><del>two</del></li>\n<li>three</li>\n</ul>');
    expect(items[1]!.inline).toBe('<h2 id="old-gone"><del>Gone</del></h2>');
  });

  it('writes a changed code span or code block as HTML, so that marks can go inside it', () => {
    const [span] = changed('Use the `legacy` key.\n', 'Use the `current` key.\n');
    expect(span!.inline).toBe('<p>Use the <code><del>legacy</del><ins>current</ins></code> key.</p>');
    const [block] = changed('```\nrun v1 now\n```\n', '```\nrun v2 now\n```\n');
    expect(block!.inline).toBe('<pre class="rl-code"><code>run <del>v1</del><ins>v2</ins> now</code></pre>');
  });

  it('gives headings the anchors of the policy page', () => {
    const a = '# Terms\n\n## What we *collect*\n\nNames.\n\n## FAQ\n\nA.\n\n## FAQ\n\nB.\n';
    const b = '# Terms\n\n## What we *collect*\n\nNames and e-mail.\n\n## FAQ\n\nA.\n\n## FAQ\n\nB, changed.\n';
    const items = redline(a, b);
    const ids = items.flatMap((i) => [...i.inline.matchAll(/<h\d id="([^"]*)"/g)].map((m) => m[1]));
    // The policy page: the HTML and headings of the body's analysis.
    const page = analyzeBody(b);
    const pageIds = [...page.html.matchAll(/<h\d id="([^"]*)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['terms', 'what-we-collect', 'faq', 'faq-1']);
    expect(ids).toEqual(pageIds);
    expect(ids).toEqual(page.headings.map((h) => h.slug));
  });

  it('folds unchanged runs with a count, and keeps the heading of a changed section in view', () => {
    const a = 'One.\n\nTwo.\n\nThree.\n\n## Section\n\n- a\n- b\n\nFour.\n\nFive.\n';
    const b = 'One.\n\nTwo.\n\nThree.\n\n## Section\n\n- a\n- b\n\nFour.\n\nFive, changed.\n';
    const items = redline(a, b);
    expect(items.map((i) => [i.kind, i.summary])).toEqual([
      ['same', '3 unchanged paragraphs'],
      ['pinned', ''],
      ['same', '2 unchanged blocks: 1 list and 1 paragraph'],
      ['changed', ''],
    ]);
    expect(items[0]!.inline).toBe('<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>');
    expect(items[1]!.inline).toBe('<h2 id="section">Section</h2>');
  });

  it('shows a moved section in place, unmarked, with links between where it was and where it is, and notes changes a reader cannot see in the text', () => {
    const moved = redline('## A\n\nFirst section text here.\n\n## B\n\nSecond section text here.\n', '## B\n\nSecond section text here.\n\n## A\n\nFirst section text here.\n');
    const inline = moved.map((i) => i.inline).join('\n');
    expect(inline).not.toMatch(/<(ins|del)>/);
    expect(inline).toContain('<p class="rl-moved-away" id="rl-moved-1"><a href="#rl-move-1" class="rl-move">Moved below</a></p>');
    expect(inline).toContain('<p class="rl-moved" id="rl-move-1"><span class="rl-move-label"><a href="#rl-moved-1" class="rl-move">Moved here from above</a></span> First section text here.</p>');
    expect(moved.flatMap((i) => i.notes)).toEqual([]);
    const [link] = changed('Read [this](https://a.example/).\n', 'Read [this](https://b.example/).\n');
    expect(link!.notes.map((n) => n.text)).toEqual(['Formatting or a link address changed here too.']);
  });

  it('says how many blocks are folded', () => {
    expect(unchangedSummary(['paragraph', 'paragraph', 'paragraph', 'paragraph'])).toBe('4 unchanged paragraphs');
    expect(unchangedSummary(['heading'])).toBe('1 unchanged heading');
    expect(unchangedSummary(['paragraph', 'heading', 'paragraph', 'list', 'code block'])).toBe('5 unchanged blocks: 2 paragraphs, 1 heading, 1 list and 1 code block');
  });

  it('links each section to its place: its heading, or the old heading of a removed section', () => {
    expect(redlineId({ anchor: 'fees', side: 'new' })).toBe('fees');
    expect(redlineId({ anchor: 'fees', side: 'old' })).toBe('old-fees');
    expect(redlineId({ anchor: null, side: 'new' })).toBeUndefined();
  });
});

describe('renderChangedBlocksHtml (feeds)', () => {
  const a = '## Sharing\n\nWe share your personal data.\n\n## Cookies\n\nWe keep cookies for one year.\n\n## Gone\n\nThis goes.\n';
  const b = '## Sharing\n\nWe share your personal information.\n\n## Cookies\n\nWe keep cookies for six months.\n';
  it('gives the changed blocks by section, with words that say what the marks mean, and no ids or page styles', () => {
    const r = feedHtml(a, b, { sectionHref: (anchor) => `https://example.org/p/#${anchor}` });
    expect(r.truncated).toBe(false);
    expect(r.shown).toBe(r.total);
    expect(r.html).toContain('<h3><a href="https://example.org/p/#sharing">Sharing</a></h3>');
    expect(r.html).toContain('<p>We share your personal <del>[−data]</del><ins>[+information]</ins>.</p>');
    expect(r.html).toContain('<h3><a href="https://example.org/p/#gone">Gone</a> (section removed)</h3>');
    expect(r.html).not.toMatch(/\sid="|\sstyle="/);
    expect(r.html).not.toContain('unchanged');
  });

  it('stops at maxChars and says so', () => {
    const full = feedHtml(a, b);
    const cut = feedHtml(a, b, { maxChars: 400 });
    expect(cut.truncated).toBe(true);
    expect(cut.shown).toBeLessThan(full.shown);
    expect(cut.html.length).toBeLessThanOrEqual(400);
  });

  it('is empty for identical texts', () => {
    expect(feedHtml(a, a)).toEqual({ html: '', truncated: false, shown: 0, total: 0 });
  });
});

describe('the browser compare (no Markdown parser: the build’s data)', () => {
  const a = '## Rules\n\n- You must be 13.\n- One account.\n\n| Plan | Price |\n| --- | --- |\n| Pro | 7 |\n\nUse `old` keys.\n';
  const b = '## Rules\n\n- You must be 16.\n- One account.\n\n| Plan | Price |\n| --- | --- |\n| Pro | 9 |\n\nUse `new` keys.\n';
  it('encodes the classes of a text losslessly', () => {
    const cls = classifyTree(a, parseMarkdown(a)).cls;
    expect(decodeClasses(encodeClasses(cls), cls.length)).toEqual(cls);
    expect(documentOf(a).cls).toEqual(cls);
  });

  it('from the data the build writes, gives the HTML a built page shows: same engine, same renderer, same markup', () => {
    // What the page gets (src/astro/runtime/diff-data.ts: compareDataJson): the analysis as JSON, the text from the .md file.
    const side = (t: string) => {
      const an = analyzeBody(t);
      const data: RevisionData = JSON.parse(JSON.stringify({ engine: 0, length: t.length, bodyStart: 4, blocks: an.blocks, roots: an.roots, rootTypes: an.rootTypes, cls: an.cls, spans: an.spans, definitions: an.definitions, hast: an.hast }));
      return revisionFromData(`---\n${t}`, data);
    };
    expect(diffBlocks(side(a), side(b)).ops).toEqual(diffMarkdown(a, b).ops);
    const labels = { oldLabel: 'the old one', newLabel: 'the new one' };
    const html = compareHtml(side(a), side(b), { ...labels, base: '/' });
    const built = changesHtml(diffMarkdown(a, b), redline(a, b), labels);
    expect(html).toBe(built);
    expect(html).toContain('<li>You must be <del>13</del><ins>16</ins>.</li>');
    expect(html).toContain('<td><del>7</del><ins>9</ins></td>');
    expect(html).toMatch(/<th>Plan<\/th>/);
    expect(html).toContain('<code><del>old</del><ins>new</ins></code>');
    expect(() => revisionFromData('---\nshort', JSON.parse(JSON.stringify({ ...analyzeBody(a), length: a.length, bodyStart: 4 })))).toThrow(/does not match/);
  });
});

describe('redline: heading levels', () => {
  it('a section raised a level, its removed subsections after it: each heading at most one level below the one before, words and marks untouched', () => {
    const a = '### C. Use\n\nIntro.\n\n#### 1. Laws\n\nObey them.\n\n#### 2. Content\n\nNo spam.\n';
    const b = '## C. Use\n\nIntro.\n';
    const html = changesHtml(diffMarkdown(a, b), redline(a, b), { oldLabel: 'old', newLabel: 'new' });
    for (const view of html.split('class="rl-view ').slice(1)) {
      const levels = [...view.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
      expect(levels.length).toBeGreaterThan(0);
      levels.reduce((prev, l) => (expect(l).toBeLessThanOrEqual(prev + 1), l), 2);
    }
    // The removed subsections are still there, struck through, as headings.
    expect(html).toMatch(/<h3 id="old-1-laws"[^>]*><del>1\. Laws<\/del><\/h3>/);
    expect([...html.matchAll(/<h(\d)\b[^>]*>[^]*?<\/h(\d)>/g)].every((m) => m[1] === m[2])).toBe(true);
  });
});

describe('redline: moves in a list', () => {
  it('a definition moved and edited shows once, where it is, with its edits; where it was, its old number and a link', () => {
    const service = 'The “Service” refers to the applications, software, products, and services provided by us';
    const content = '“Content” refers to content featured or displayed through the Website, including text and data';
    const account = 'An “Account” represents your legal relationship with us and your authorization to use it';
    const a = `1. ${service}.\n2. ${content}.\n3. ${account}.\n`;
    const b = `1. ${account}.\n2. ${content.replace('text and', 'code, text and')}.\n3. ${service}, including any previews.\n`;
    const d = diffMarkdown(a, b);
    expect(d.stats.blocksMoved).toBeGreaterThanOrEqual(2);
    expect(d.stats.wordsDeleted).toBe(0);
    expect(d.stats.wordsInserted).toBe(4);
    const html = changed(a, b).map((i) => i.inline).join('\n');
    expect(html).toMatch(/<li value="3" class="rl-moved" id="rl-move-\d"><span class="rl-move-label"><a href="#rl-moved-\d" class="rl-move">Moved here from item 1<\/a><\/span> The “Service” refers to the applications, software, products, and services provided by us<ins>, including any previews<\/ins>\.<\/li>/);
    expect(html).toMatch(/<li class="rl-moved-away" value="1" id="rl-moved-\d"><a href="#rl-move-\d" class="rl-move">Moved to item 3<\/a><\/li>/);
    expect(html).toContain('<ins>code, </ins>text and data');
    expect(html).not.toContain('<del>');
  });
});
