// The redline pages in a built site: test/fixtures/redline-site as of 2025-03-01 (four revisions of
// the terms: two past, the one in force since 2025-01-01, one announced for 2025-06-01).
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFixture, fixtures, listFiles, read, run, tempDir } from './helpers/cli.ts';
import { splitFrontMatter } from '../src/core/frontmatter.ts';
import { diffBlocks } from '../src/core/diff/engine.ts';
import { compareHtml, revisionFromData, type RevisionData } from '../src/client/compare-here.ts';
import { formatDate } from '../src/core/dates.ts';

const SITE = 'https://example.org/legal/';
const DATES = ['2024-01-01', '2024-06-01', '2025-01-01', '2025-06-01'];
const body = (date: string) => {
  const file = join(fixtures, 'redline-site/policies/terms', `${date}.md`);
  return splitFrontMatter(readFileSync(file, 'utf8'), file).body;
};

let out: string;
let cacheDir: string;
beforeAll(async () => {
  cacheDir = tempDir('redline-diff-cache-');
  out = await buildFixture('redline-site', ['--now', '2025-03-01', '--site', SITE], { REDLINE_CACHE_DIR: cacheDir });
});

describe('changes pages', () => {
  it('exist for every revision after the first, inline and side by side, with changes.json', async () => {
    const files = listFiles(out);
    for (const d of DATES.slice(1)) {
      expect(files).toContain(`terms/${d}/changes/index.html`);
      expect(files).toContain(`terms/${d}/changes/side-by-side/index.html`);
      expect(files).toContain(`terms/${d}/changes.json`);
    }
    expect(files.filter((f) => f.startsWith('terms/2024-01-01/changes'))).toEqual([]);
  });

  it('changes.json: operations that rebuild both revisions byte for byte, stats, and sections with their address', async () => {
    for (let k = 1; k < DATES.length; k++) {
      const j = JSON.parse(read(out, `terms/${DATES[k]}/changes.json`)) as {
        ops: Array<['=' | '-' | '+', string]>;
        from: { effective: string; markdown: string };
        to: { effective: string };
        stats: { wordsInserted: number };
        sections: Array<{ anchor: string | null; href: string }>;
      };
      expect(j.ops.filter(([x]) => x !== '+').map(([, t]) => t).join('')).toBe(body(DATES[k - 1]!));
      expect(j.ops.filter(([x]) => x !== '-').map(([, t]) => t).join('')).toBe(body(DATES[k]!));
      expect(j.from.effective).toBe(DATES[k - 1]);
      expect(j.to.effective).toBe(DATES[k]);
      expect(j.from.markdown).toBe(`${SITE}terms/${DATES[k - 1]}.md`);
      expect(j.stats.wordsInserted).toBeGreaterThan(0);
      for (const s of j.sections) expect(s.href).toMatch(new RegExp(`^${SITE}terms/${DATES[k]}/changes/#`));
    }
  });

  it('show the stats, the changed sections linking to their place, and the redline', async () => {
    const html = read(out, 'terms/2024-06-01/changes/index.html');
    expect(html).toContain('<h1>What changed in the Terms of Service on 1 June 2024</h1>');
    expect(html).toContain('We now share personal information only with trusted partners, and Pro costs more.');
    expect(html).toMatch(/<strong class="rl-count-ins">14 words<\/strong> added/);
    const links = [...html.matchAll(/<ol class="rl-sections"[^]*?<\/ol>/g)][0]![0].matchAll(/href="#([^"]+)"/g);
    const targets = [...links].map((m) => m[1]);
    expect(targets).toEqual(['your-account', 'fees', 'old-retired-programme', 'contact-us']);
    for (const t of targets) expect(html).toContain(`id="${t}"`);
    expect(html).toContain('<h2 id="old-retired-programme"><del>Retired programme</del></h2>');
    expect(html).toContain('<li><ins>You must not share your account.</ins></li>');
    expect(html).toContain('<td><del>7</del><ins>9</ins> a month</td>');
  });

  it('fold unchanged text in <details> with a count, and explain the marks in a legend', async () => {
    const html = read(out, 'terms/2024-06-01/changes/index.html');
    expect(html).toContain('<details class="rl-same"><summary>1 unchanged paragraph</summary>');
    expect(html).toContain('<details class="rl-same"><summary>1 unchanged quotation</summary>');
    expect(html).toMatch(/<div class="rl-legend" role="note">[^]*is underlined,[^]*struck through;/);
  });

  it('keep the spaces between marks and words with compressHTML (a <del>b</del> <ins>c</ins> d)', async () => {
    // Redline marks between words …
    expect(read(out, 'terms/2024-06-01/changes/index.html')).toContain('<p>The count is one <del>two</del><ins>2</ins> three <del>four</del><ins>4</ins>.</p>');
    // … and the very string, written in a revision, on its page and folded in the redline.
    expect(read(out, 'terms/2024-06-01/index.html')).toContain('<p>Compare a <del>b</del> <ins>c</ins> d.</p>');
    expect(read(out, 'terms/2024-06-01/changes/index.html')).toContain('<p>Compare a <del>b</del> <ins>c</ins> d.</p>');
  });

  it('side by side on the same page: the old text with deletions, the new one with insertions, a switch between the views, and heading ids only in the inline view', async () => {
    const html = read(out, 'terms/2024-06-01/changes/index.html');
    expect(html).toContain('<a href="#rl-inline" class="rl-view-link rl-view-link-rl-inline">Inline</a>');
    expect(html).toContain('<a href="#side-by-side" class="rl-view-link rl-view-link-side-by-side">Side by side</a>');
    const sbs = html.slice(html.indexOf('<div id="side-by-side"'));
    expect(sbs).toMatch(/<div class="rl-old"><p class="rl-side">Before<\/p><p>You must keep your password safe\. We may share your personal <del>data<\/del> with partners\.<\/p>/);
    expect(sbs).toMatch(/<div class="rl-new"><p class="rl-side">After<\/p><p>You must keep your password safe\. We may share your personal <ins>information<\/ins> with<ins> trusted<\/ins> partners\.<\/p>/);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sbs).not.toMatch(/<h[1-6][^>]*\sid=/);
  });

  it('keep the former side-by-side address: it leads to the view on the changes page', async () => {
    const html = read(out, 'terms/2024-06-01/changes/side-by-side/index.html');
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/legal/terms/2024-06-01/changes/#side-by-side">');
    expect(html).toContain('<a href="/legal/terms/2024-06-01/changes/#side-by-side">');
    expect(html).toContain('<link rel="canonical" href="https://example.org/legal/terms/2024-06-01/changes/">');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).not.toMatch(/<script/);
  });

  it('load no script but the print control', async () => {
    for (const p of ['terms/2024-06-01/changes/index.html', 'terms/compare/2024-01-01...2025-01-01/index.html']) {
      expect([...read(out, p).matchAll(/<script\b[^>]*src="([^"]*)"/g)].map((m) => m[1])).toEqual(['/legal/scripts/print.js']);
    }
  });
});

describe('compare pages', () => {
  it('are built for every revision against the one in force, older first, and for no other pair', async () => {
    const pairs = listFiles(out)
      .filter((f) => /^terms\/compare\/[^/]+\/index\.html$/.test(f))
      .map((f) => f.split('/')[2]);
    expect(pairs).toEqual(['2024-01-01...2025-01-01', '2024-06-01...2025-01-01', '2025-01-01...2025-06-01']);
    expect(read(out, 'terms/compare/2024-01-01...2025-01-01/index.html')).toContain('<h1>Terms of Service: 1 January 2024 compared with 1 January 2025</h1>');
    expect(existsSync(join(out, 'terms/compare/2024-01-01...2025-01-01/side-by-side/index.html'))).toBe(true);
  });

  it('find the moved section', async () => {
    const html = read(out, 'terms/compare/2024-06-01...2025-01-01/index.html');
    // The section is shown where it is now, labelled, and linked both ways with the place it left.
    const inline = html.slice(html.indexOf('id="rl-inline"'), html.indexOf('id="side-by-side"'));
    expect(inline).toMatch(/<p class="rl-move-label" id="rl-move-0"><a href="#rl-moved-0" class="rl-move">Moved here from below<\/a><\/p>\s*<h2 id="contact-us" class="rl-moved">Contact us<\/h2>/);
    expect(inline).toMatch(/id="rl-moved-0"[^>]*>.*?<a href="#rl-move-0" class="rl-move">Moved above<\/a>/s);
    // The summary says it moved, not that a section was added and one removed.
    expect(html).toMatch(/<a href="#contact-us">Contact us<\/a> <span class="rl-tag">section moved here<\/span> <span class="rl-words">— moved, no words changed<\/span>/);
    expect(html).not.toContain('formatting or spacing');
  });

  it('the compare form page lists the built comparisons and carries what its script needs', async () => {
    const html = read(out, 'terms/compare/index.html');
    expect(html).toMatch(/<form class="rl-compare" action="\/legal\/terms\/compare\/" method="get" data-policy="terms" data-current="2025-01-01" data-base="\/legal\/" data-lang="en" data-default="en" data-strings="[^"]*">/);
    expect(html).toContain('href="/legal/terms/compare/2024-01-01...2025-01-01/"');
    expect(html).toContain('href="/legal/terms/2024-06-01/changes/"');
    expect(html).toMatch(/<script type="module" src="\/legal\/_astro\/[^"]+\.js"><\/script>/);
  });

  it('the data the browser compares with rebuilds each revision, and gives the built pages’ own HTML', async () => {
    const side = (date: string) => {
      const data = JSON.parse(read(out, `terms/compare/data/${date}.json`)) as RevisionData;
      const doc = revisionFromData(read(out, `terms/${date}.md`), data);
      expect(doc.text).toBe(body(date));
      return doc;
    };
    const d = diffBlocks(side('2024-06-01'), side('2025-01-01'));
    const built = JSON.parse(read(out, 'terms/2025-01-01/changes.json')) as { ops: unknown };
    expect(d.ops).toEqual(built.ops);
    // What the compare page's script shows for a pair is, byte for byte, what the page built for it shows.
    const pairs: Array<[string, string, string]> = [
      ['2024-01-01', '2024-06-01', 'terms/2024-06-01/changes/index.html'],
      ['2024-06-01', '2025-01-01', 'terms/compare/2024-06-01...2025-01-01/index.html'],
      ['2025-01-01', '2025-06-01', 'terms/compare/2025-01-01...2025-06-01/index.html'],
    ];
    const label = (d: string) => `the version effective ${formatDate(d, 'en')}${d === '2025-01-01' ? ' (in force)' : ''}`;
    for (const [a, b, page] of pairs) {
      const html = compareHtml(side(a), side(b), { oldLabel: label(a), newLabel: label(b), base: '/legal/' });
      expect(html).toContain('rl-redline');
      expect(read(out, page)).toContain(html);
    }
  });
});

describe('links to the redlines', () => {
  it('the history links each revision’s changes with its word counts, compares with current, and has a compare form', async () => {
    const html = read(out, 'terms/history/index.html');
    // Dates and counts as every page writes them (the site's language), in words: no "+14 −14".
    expect(html).toContain('<a href="/legal/terms/2024-06-01/changes/">What changed<span class="visually-hidden"> in the version effective 1 June 2024</span></a> <span class="rl-counts">(14 words added, 14 removed)</span>');
    expect(html).not.toMatch(/rl-count-(ins|del)|−\d/);
    expect(html).toContain('<option value="2024-06-01">1 June 2024</option>');
    expect(html).toContain('href="/legal/terms/compare/2024-01-01...2025-01-01/">Compare with current');
    expect(html).toContain('href="/legal/terms/compare/2025-01-01...2025-06-01/">Compare with current');
    expect(html).toContain('<form class="rl-compare" action="/legal/terms/compare/" method="get">');
    expect(html).not.toContain('href="/legal/terms/2024-01-01/changes/"');
  });

  it('an archived revision links to “Compare with current” and to its own changes', async () => {
    const html = read(out, 'terms/2024-06-01/index.html');
    expect(html).toContain('<a href="/legal/terms/compare/2024-06-01...2025-01-01/">Compare with current</a>');
    expect(html).toContain('<a href="/legal/terms/2024-06-01/changes/">What changed in this version</a>');
    expect(read(out, 'terms/2025-01-01/index.html')).not.toContain('Compare with current');
  });
});

describe('the diff cache', () => {
  it('a second build reads every diff from the cache and writes the same bytes; without the cache too', async () => {
    // A second build of its own (not the shared one: buildFixture would hand back the first).
    const again = join(tempDir('redline-diff-again-'), 'dist');
    const r = await run(['build', '--policies', join(fixtures, 'redline-site', 'policies'), '--out', again, '--now', '2025-03-01', '--site', SITE], { env: { REDLINE_CACHE_DIR: cacheDir } });
    expect(r.code).toBe(0);
    const uncached = await buildFixture('redline-site', ['--now', '2025-03-01', '--site', SITE], { REDLINE_CACHE_DIR: tempDir('redline-diff-cache-') });
    const files = listFiles(out).filter((f) => /changes|compare|history/.test(f));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      // as text, so that a difference shows as a readable diff
      expect(read(again, f), f).toBe(read(out, f));
      expect(read(uncached, f), f).toBe(read(out, f));
    }
    expect(listFiles(join(cacheDir, 'diffs')).length).toBeGreaterThan(0);
    expect(listFiles(out).some((f) => f.includes('.json.gz'))).toBe(false);
  });
});
