import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { lintTree, type LintProblem } from '../src/core/markdown/lint/index.ts';
import { parseMarkdown } from '../src/core/markdown/processor.ts';
import { analyzeBody } from '../src/core/markdown/analyze.ts';
import { htmlProblem, unsafeScheme, urlTarget } from '../src/core/markdown/html-rules.ts';
import { readRevision } from '../src/core/revisions.ts';
import { formatProblem, type RedlineError } from '../src/core/errors.ts';
import { Artifacts } from '../src/node/artifacts.ts';
import { read, run, tempDir } from './helpers/cli.ts';
import { project, revision } from './helpers/policies.ts';

// Raw HTML is read as a browser reads it (parse5's tokenizer), not matched by
// regular expressions: each case below got past the regex rules (an adversarial
// audit), or is one that already behaved, kept so that it stays that way.

const ELEMENT = 'policies may not embed scripts, frames, forms or styles; write the text in Markdown';
const element = (tag: string) => `raw HTML <${tag}> is not allowed — ${ELEMENT}`;
const HANDLER = 'raw HTML with an event handler (on...=) is not allowed — remove the attribute; policies may not run scripts';
const SCHEME = 'raw HTML with a javascript:, vbscript: or data: URL is not allowed — link to an https:// address or a page of this site';
const STYLE = 'raw HTML with a style attribute is not allowed — the site’s Content-Security-Policy applies no inline styles, and CSS can load from other sites: write the text in Markdown';
const REMOTE_IMAGE = 'an image from another site is not allowed — the site makes no third-party requests: put the image in public/ and write its address from the site root, such as /images/chart.png';
const remote = (tag: string) => `raw HTML <${tag} makes a request to another site, which is not allowed — the site makes no third-party requests: put the file in public/ and write its address from the site root, such as /images/chart.png`;
const relativeImage = (url: string) => `image "${url}" has a relative address, which the site cannot serve — a policy folder holds only its revisions: put the image in public/ and write its address from the site root, such as /images/chart.png`;
const OPEN = 'raw HTML ends inside a tag or comment — close it (with ">" or "-->") within the block, before any blank line: left open, it would take in the text that follows it';
const link = (scheme: string) => `link to "${scheme}:" URL is not allowed — link to an https:// address, a mailto: address or a page of this site`;

/** Problems found in a body whose first line is line 5 of `p.md`, each as `p.md:line: message — hint` (lines of the file, as readRevision counts them). */
function formatted(problems: LintProblem[]): string[] {
  const line = (n: number) => n + 4;
  return problems.map((p) => formatProblem({ file: 'p.md', line: line(p.line), message: p.related === undefined ? p.message : p.message.replace('{line}', String(line(p.related))), hint: p.hint }));
}

/** The problems of a body whose first line is line 5 of `p.md`, each as `line: message — hint`. */
function lint(body: string): string[] {
  return formatted(lintTree(parseMarkdown(body), body)).map((p) => p.replace(/^p\.md:/, ''));
}

/** Each case: a body, and the one problem it has, on the body's first line (line 5 of the file). */
const refused: [name: string, body: string, problem: string][] = [
  // Comments end where a browser ends them.
  ['<!--> ends a comment', '<!--><script>alert(1)</script>-->\n', element('script')],
  ['--!> ends a comment', '<!-- x --!><script>alert(2)</script>\n', element('script')],
  ['<!---> ends a comment', '<!---><img src=x onerror=alert(3)>-->\n', HANDLER],
  ['a comment inside a paragraph', 'Text <!-- a --> <script>alert(1)</script> more.\n', element('script')],
  // Quoted attribute values may hold ">".
  ['a ">" inside a quoted value', 'Text <img alt=">" onerror=alert(1) src=x> more.\n', HANDLER],
  ["a '>' inside a single-quoted value", "<p title='a>b' onclick=alert(1)>x</p>\n", HANDLER],
  // Character references are decoded, and tabs and control characters dropped, before the scheme is read.
  ['a decimal reference in the scheme', 'See <a href="&#106;avascript:alert(1)">terms</a>.\n', SCHEME],
  ['&colon; for the colon', 'See <a href="javascript&colon;alert(1)">terms</a>.\n', SCHEME],
  ['an unquoted hexadecimal reference', 'See <a href=&#x6A;avascript:alert(1)>terms</a>.\n', SCHEME],
  ['a referenced tab inside the scheme', 'See <a href="java&#x09;script:alert(1)">terms</a>.\n', SCHEME],
  ['a literal tab inside the scheme', 'See <a href="java\tscript:alert(1)">terms</a>.\n', SCHEME],
  ['a control character before the scheme', 'See <a href="\u0001javascript:alert(1)">terms</a>.\n', SCHEME],
  ['vbscript:', '<a href="vbscript:msgbox(1)">terms</a>\n', SCHEME],
  ['data: in an image', '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x">\n', SCHEME],
  ['data: in a srcset', '<img src="/a.png" srcset="/b.png 1x, data:image/png;base64,AAAA 2x" alt="x">\n', SCHEME],
  ['javascript: in xlink:href', '<a xlink:href="javascript:alert(1)">x</a>\n', SCHEME],
  ['javascript: in formaction', '<div formaction="javascript:alert(1)">x</div>\n', SCHEME],
  ['javascript: in cite', '<q cite="javascript:alert(1)">x</q>\n', SCHEME],
  // Tracking past the image rule.
  ['a srcset from another site', '<img src="/images/x.png" srcset="https://evil.example/p.gif 2x" alt="x">\n', REMOTE_IMAGE],
  ['a style attribute with url()', '<p style="background:url(https://evil.example/p.gif)">x</p>\n', STYLE],
  ['a style attribute with CSS escapes', '<p style="background:u\\72l(https://evil.example/p.gif)">x</p>\n', STYLE],
  ['a ping', '<a href="/privacy/" ping="https://evil.example/p">x</a>\n', remote('a ping="https://evil.example/p">')],
  ['<link>', '<link rel="stylesheet" href="https://evil.example/s.css">\n', element('link')],
  ['<meta http-equiv=refresh>', '<meta http-equiv="refresh" content="0;url=https://evil.example/">\n', element('meta')],
  ['<base href>', '<base href="https://evil.example/">\n', element('base')],
  ['<video poster>', '<video poster="https://evil.example/p.png"></video>\n', remote('video poster="https://evil.example/p.png">')],
  ['<source src>', '<video><source src="https://evil.example/v.mp4"></video>\n', remote('source src="https://evil.example/v.mp4">')],
  ['<audio src>', '<audio src="//evil.example/a.mp3"></audio>\n', remote('audio src="//evil.example/a.mp3">')],
  ['<picture><source srcset>', '<picture><source srcset="https://evil.example/p.png"><img src="/images/x.png" alt="x"></picture>\n', remote('source srcset="https://evil.example/p.png">')],
  ['<input type=image src>', '<input type="image" src="https://evil.example/p.png">\n', element('input')],
  ['<object data>', '<object data="https://evil.example/x.swf"></object>\n', element('object')],
  ['<embed>', '<embed src="https://evil.example/x.swf">\n', element('embed')],
  ['<svg><image href>', '<svg>\n<image href="https://evil.example/p.png"/>\n</svg>\n', element('svg')],
  ['a background attribute', '<table background="https://evil.example/p.png"><tr><td>x</td></tr></table>\n', remote('table background="https://evil.example/p.png">')],
  ['<form>', '<form action="https://evil.example/"><p>x</p></form>\n', element('form')],
  ['a <button formaction>', '<button formaction="https://evil.example/">x</button>\n', element('button')],
  ['a backslash making an address protocol-relative', '<img src="/\\evil.example/p.gif" alt="x">\n', REMOTE_IMAGE],
  ['<image>, which a browser reads as <img>', '<image src="https://evil.example/p.gif">\n', REMOTE_IMAGE],
  ['a relative <video> address', '<video src="clip.mp4"></video>\n', 'raw HTML <video src="clip.mp4"> has a relative address, which the site cannot serve — a policy folder holds only its revisions: put the file in public/ and write its address from the site root, such as /images/chart.png'],
  ['a relative srcset', '<img src="/images/x.png" srcset="x-2.png 2x" alt="x">\n', relativeImage('x-2.png')],
  // The page's own elements: a browser merges their attributes into the page's.
  ['<body onload>', 'Text <body onload="alert(1)"> more.\n', element('body')],
  ['<html>', '<html lang="fr">\n', element('html')],
  // Elements that swallow or reparse what follows.
  ['<noscript>', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>\n', element('noscript')],
  ['<template>', '<template>\n<script>alert(1)</script>\n</template>\n', element('template')],
  ['<plaintext>', '<plaintext>\n', element('plaintext')],
  ['<math>', '<math>\n<mi xlink:href="javascript:alert(1)">x</mi>\n</math>\n', element('math')],
  // What already behaved.
  ['<script>', '<script>alert(1)</script>\n', element('script')],
  ['<ScRiPt>', '<ScRiPt>alert(1)</ScRiPt>\n', element('script')],
  ['<svg onload>', '<svg onload="alert(1)"></svg>\n', element('svg')],
  ['<iframe>', '<iframe src="https://example.org/"></iframe>\n', element('iframe')],
  ['<style>', '<style>body { display: none }</style>\n', element('style')],
  ['a plain onerror', '<img src="/images/x.png" onerror="alert(1)" alt="x">\n', HANDLER],
  ['an upper-case handler', '<p ONCLICK="alert(1)">x</p>\n', HANDLER],
  ['a javascript: href', '<a href="javascript:void(0)">terms</a>\n', SCHEME],
  ['JaVaScRiPt: in an href', '<a href="JaVaScRiPt:alert(1)">terms</a>\n', SCHEME],
  ['a leading space before javascript:', '<a href="  javascript:alert(1)">terms</a>\n', SCHEME],
  ['a data: href', '<a href="data:text/html,<script>alert(1)</script>">x</a>\n', SCHEME],
  ['an image from another site', '<img src="https://tracker.example/pixel.gif" alt="">\n', REMOTE_IMAGE],
  ['an image beside the revision', '<img src="office.png" alt="Our office">\n', relativeImage('office.png')],
];

/** Raw HTML a policy may use: it must still pass. */
const harmless: [name: string, body: string][] = [
  ['a link to a page of the site', 'See <a href="/privacy/">the privacy policy</a>.\n'],
  ['a link to another site', 'See <a href="https://example.org/terms" title="Terms > conditions">the terms</a>.\n'],
  ['a mailto: link', 'Write to <a href="mailto:legal@example.org">legal@example.org</a>.\n'],
  ['an image the site serves', '<img src="/images/x.png" alt="x">\n'],
  ['an image with a srcset the site serves', '<img src="/images/x.png" srcset="/images/x-2.png 2x, /images/x,3.png 3x" alt="x">\n'],
  ['an abbreviation', 'The <abbr title="General Data Protection Regulation">GDPR</abbr> applies.\n'],
  ['details and summary', '<details>\n<summary>More</summary>\n\nThe rest.\n\n</details>\n'],
  ['table markup', '<table>\n<thead><tr><th scope="col">Data</th><th>Kept</th></tr></thead>\n<tbody><tr><td>Logs</td><td>30 days</td></tr></tbody>\n</table>\n'],
  ['a line break', 'First line<br>second line.\n'],
  ['a superscript', 'E = mc<sup>2</sup>.\n'],
  ['a comment', '<!-- reviewed by legal, 2024 -->\n\nText.\n'],
  ['words that look like attributes in text', 'Set online=true and one="1" in <code>on</code> mode.\n'],
  ['a task list, tables and footnotes around raw HTML', '- [ ] to do\n- [x] done\n\n| a | b |\n|:-|-:|\n| 1 | <br> |\n\nA note.[^1]\n\n[^1]: The note.\n'],
];

describe('raw HTML is read as a browser reads it', () => {
  for (const [name, body, problem] of refused) {
    it(`refuses ${name}`, async () => {
      expect(lint(body)).toEqual([`5: ${problem}`]);
    });
  }

  for (const [name, body] of harmless) {
    it(`lets ${name} through`, async () => {
      expect(lint(body)).toEqual([]);
    });
  }

  it('reports one problem per raw HTML node, on the line of the offending tag', async () => {
    expect(lint('Text\n\n<div>\n<p onclick="a()">x</p>\n<script>b()</script>\n</div>\n')).toEqual([`8: ${HANDLER}`]);
    expect(lint('Text <script>alert(1)</script> and <span onclick="x()">y</span>.\n')).toEqual([`5: ${element('script')}`, `5: ${HANDLER}`]);
    expect(lint('<div>\n\n<iframe src="/x"></iframe>\n\n</div>\n')).toEqual([`7: ${element('iframe')}`]);
    // Inline, each tag is a node of its own.
    expect(lint('Text <template><script>alert(1)</script></template>.\n')).toEqual([`5: ${element('template')}`, `5: ${element('script')}`]);
  });

  it('goes through the body’s analysis (and its cache) alike', async () => {
    const body = '<a href="java&#x09;script:alert(1)">x</a>\n';
    const dir = tempDir('redline-artifacts-');
    expect(formatted(new Artifacts(dir).analysis(body).analysis.problems)).toEqual([`p.md:5: ${SCHEME}`]);
    // read back from disk by a new build
    const again = new Artifacts(dir);
    expect(again.hasAnalysis(again.analysisKey(body))).toBe(true);
    expect(formatted(again.analysis(body).analysis.problems)).toEqual([`p.md:5: ${SCHEME}`]);
  });
});

describe('Markdown links and images', () => {
  it('refuses the same scheme tricks in links, images and definitions', async () => {
    expect(lint('See [terms](javascript:alert(1)).\n')).toEqual([`5: ${link('javascript')}`]);
    expect(lint('See [terms](JaVaScRiPt:alert(1)).\n')).toEqual([`5: ${link('javascript')}`]);
    expect(lint('See [terms](java&#x09;script:alert(1)).\n')).toEqual([`5: ${link('javascript')}`]);
    expect(lint('See [terms](<java\tscript:alert(1)>).\n')).toEqual([`5: ${link('javascript')}`]);
    expect(lint('See [terms](&#106;avascript:alert(1)).\n')).toEqual([`5: ${link('javascript')}`]);
    expect(lint('See <javascript:alert(1)>.\n')).toEqual([`5: ${link('javascript')}`]);
    expect(lint('See [terms](data:text/html,hi).\n')).toEqual([`5: ${link('data')}`]);
    expect(lint('See [terms][t].\n\n[t]: vbscript:msgbox(1)\n')).toEqual([`7: ${link('vbscript')}`]);
    expect(lint('![x](javascript:alert(1))\n')).toEqual([`5: ${link('javascript')}`]);
  });

  it('refuses an image from another site however it is written, reference images included', async () => {
    expect(lint('![x](https://evil.example/p.gif)\n')).toEqual([`5: ${REMOTE_IMAGE}`]);
    expect(lint('![x](//evil.example/p.gif)\n')).toEqual([`5: ${REMOTE_IMAGE}`]);
    expect(lint('![x](/\\evil.example/p.gif)\n')).toEqual([`5: ${REMOTE_IMAGE}`]);
    expect(lint('![x][p]\n\n[p]: https://evil.example/p.gif\n')).toEqual([`5: ${REMOTE_IMAGE}`]);
    expect(lint('![x][p]\n\n[p]: chart.png\n')).toEqual([`5: ${relativeImage('chart.png')}`]);
  });

  it('lets links and site images through', async () => {
    expect(lint('See [terms](https://example.org/), [history](/privacy/history/), [mail](mailto:a@example.org) and [a section](#scope).\n\n![Chart](/images/chart.png) ![Chart][c]\n\n[c]: /images/chart.png\n')).toEqual([]);
  });
});

describe('raw HTML that leaves a tag or comment open, and the rendered page checked as a whole', () => {
  // Each raw HTML block is harmless alone: the first leaves a quoted value open, which the
  // second closes, and the handler lands on the <div> once the page is put together (or, in a
  // redline, once one revision's block is put beside the other's).
  const spanning = 'Text.\n\n<div title="\n\n<p>" onmouseover="alert(1)">x</p>\n';

  it('refuses a block that ends inside a tag or comment, on the line where it opens', async () => {
    expect(htmlProblem('<p>" onmouseover="alert(1)">x</p>')).toBeUndefined();
    expect(lint(spanning)).toEqual([`7: ${OPEN}`]);
    expect(lint('Text.\n\n<div>\n<p title="a\n\nb">x</p>\n')).toEqual([`8: ${OPEN}`]);
    expect(lint('Text.\n\n<!-- the rest is hidden\n\nMore text.\n')).toEqual([`7: ${OPEN}`]);
    expect(lint('Text.\n\n<!-- a comment -->\n\n<div\n  class="note">\nx\n</div>\n')).toEqual([]);
  });

  it('checks the rendered page whole, whatever put the markup there, on the line of the first raw HTML node', async () => {
    // A node with an attribute in its data (what a remark plugin could add): no raw HTML rule
    // looks at it, but the page it renders to has a handler.
    const tree = parseMarkdown('Text.\n\nMore <br> text.\n');
    const first = tree.children[0]!;
    first.data = { hProperties: { onClick: 'alert(1)' } };
    expect(formatted(lintTree(tree, 'Text.\n\nMore <br> text.\n'))).toEqual([`p.md:7: ${HANDLER.replace(' — ', ", once the revision's raw HTML is read as a whole — ")}; look for a tag, quote or comment left open in one raw HTML block and closed in a later one`]);
  });

  it('checks the HTML a page renders, and lets Markdown’s own markup through', async () => {
    // A paragraph a plugin turned into a script element: the page renders <script>.
    const body = 'Text.\n\n<b>x</b>\n';
    const tree = parseMarkdown(body);
    tree.children[0]!.data = { hName: 'script' };
    expect(formatted(lintTree(tree, body))).toEqual([`p.md:7: raw HTML <script> is not allowed, once the revision's raw HTML is read as a whole — ${ELEMENT}; look for a tag, quote or comment left open in one raw HTML block and closed in a later one`]);
    // Markdown's task list checkbox, beside raw HTML (which makes the rendered check run), passes.
    expect(lint('- [ ] x\n\n<br>\n')).toEqual([]);
    expect(htmlProblem('<ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" disabled> x</li></ul><br>', { taskCheckbox: true })).toBeUndefined();
    // A checkbox an author wrote is a form control.
    expect(htmlProblem('<input type="checkbox" disabled>')?.message).toBe('raw HTML <input> is not allowed');
    expect(htmlProblem('<input type="checkbox" disabled name="x">', { taskCheckbox: true })?.message).toBe('raw HTML <input> is not allowed');
    expect(lint('- [ ] x\n\n<input type="checkbox" disabled>\n')).toEqual([`7: ${element('input')}`]);
  });

  it('renders no HTML for a body the rules refuse, and refuses its revision naming the file and line', async () => {
    const body = 'Text.\n\n<script>alert(1)</script>\n';
    const analysis = analyzeBody(body);
    expect(analysis.html).toBe('');
    expect(analysis.hast.children).toEqual([]);
    const text = `---\ntitle: P\n---\n\n${body}`;
    const problems: RedlineError[] = [];
    const artifacts = new Artifacts(undefined);
    const read = readRevision({ bytes: Buffer.from(text), policy: 'p', effective: '2024-01-01', file: 'policies/p/2024-01-01.md', path: '/x/policies/p/2024-01-01.md' }, (b) => artifacts.problems(b), problems);
    expect(read).toBeUndefined();
    expect(problems.map((p) => p.format())).toEqual([`policies/p/2024-01-01.md:7: ${element('script')}`]);
    const ok = analyzeBody('- [x] done\n\nE = mc<sup>2</sup> <abbr title="x">y</abbr>\n');
    expect(ok.problems).toEqual([]);
    expect(ok.html).toContain('<sup>2</sup>');
    expect(ok.html).toContain('<input type="checkbox" checked disabled>');
  });
});

describe('the URL readers', () => {
  it('finds the unsafe scheme as a browser would read it', async () => {
    expect(['javascript:x', ' JAVASCRIPT:x', 'java\tscript:x', 'java\nscript:x', '\u0000javascript:x', 'vbscript:x', 'data:,x'].map(unsafeScheme)).toEqual(['javascript', 'javascript', 'javascript', 'javascript', 'javascript', 'vbscript', 'data']);
    expect(['https://example.org/', '/javascript:x', 'mailto:a@example.org', '#data:', 'javascript'].map(unsafeScheme)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('tells the site’s own addresses from others', async () => {
    expect(['/images/x.png', 'https://e.example/x', '//e.example/x', '/\\e.example/x', '/\t/e.example/x', ' //e.example/x', 'x.png', './x.png', '?x', ''].map(urlTarget)).toEqual(['site', 'remote', 'remote', 'remote', 'remote', 'remote', 'relative', 'relative', 'relative', 'none']);
  });
});

describe('through the command line', () => {
  const files = (body: string) => ({ 'privacy/2024-01-01.md': revision({ title: 'Privacy Policy' }, body) });

  it('check refuses each trick with a line naming the file, and exit code 1', async () => {
    const dir = project({
      'a/2024-01-01.md': revision({ title: 'A' }, '\n<!--><script>alert(1)</script>-->\n'),
      'b/2024-01-01.md': revision({ title: 'B' }, '\nText <img alt=">" onerror=alert(1) src=x> more.\n'),
      'c/2024-01-01.md': revision({ title: 'C' }, '\nSee <a href="&#106;avascript:alert(1)">terms</a>.\n'),
      'd/2024-01-01.md': revision({ title: 'D' }, '\n<img src="/images/x.png" srcset="https://evil.example/p.gif 2x" alt="x">\n'),
      'e/2024-01-01.md': revision({ title: 'E' }, '\nText.\n\n<div title="\n\n<p>" onmouseover="alert(1)">x</p>\n'),
    });
    const r = await run(['check', '--now', '2024-06-01'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines).toContain(`policies/a/2024-01-01.md:5: ${element('script')}`);
    expect(lines).toContain(`policies/b/2024-01-01.md:5: ${HANDLER}`);
    expect(lines).toContain(`policies/c/2024-01-01.md:5: ${SCHEME}`);
    expect(lines).toContain(`policies/d/2024-01-01.md:5: ${REMOTE_IMAGE}`);
    expect(lines).toContain(`policies/e/2024-01-01.md:7: ${OPEN}`);
    expect(lines.filter((l) => l.startsWith('policies/'))).toHaveLength(5);
  });

  it('build refuses the same', async () => {
    const dir = project(files('\n<a href="java\tscript:alert(1)">x</a>\n'));
    const r = await run(['build', '--now', '2024-06-01', '--out', join(dir, 'dist')], { cwd: dir });
    expect(r.stderr).toBe(`policies/privacy/2024-01-01.md:5: ${SCHEME}\n`);
    expect(r.code).toBe(1);
  });

  it('check passes harmless raw HTML, and build publishes it as written', async () => {
    const body = harmless.map(([, b]) => b).join('\n');
    const dir = project(files(`\n${body}`));
    const c = await run(['check', '--now', '2024-06-01'], { cwd: dir });
    expect(c.stderr).not.toMatch(/policies\/privacy/);
    const b = await run(['build', '--now', '2024-06-01', '--out', join(dir, 'dist')], { cwd: dir });
    expect(b.stderr).not.toMatch(/policies\/privacy|error/i);
    expect(b.code).toBe(0);
    const page = read(join(dir, 'dist'), 'privacy/index.html');
    expect(page).toContain('<abbr title="General Data Protection Regulation">GDPR</abbr>');
    expect(page).toContain('<summary>More</summary>');
    expect(page).toContain('<th scope="col">Data</th>');
    expect(page).toContain('mc<sup>2</sup>');
  });
});
