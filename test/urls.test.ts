import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rebaseHtml, link, absolute } from '../src/core/urls.ts';
import { redline, read, run } from './helpers/cli.ts';
import { project, revision } from './helpers/policies.ts';

describe('rebaseHtml', () => {
  it('puts root-relative addresses under the base path', async () => {
    expect(rebaseHtml('<p><a href="/privacy/history/">history</a> <img src="/images/chart.png" alt="Chart"></p>', '/legal/')).toBe(
      '<p><a href="/legal/privacy/history/">history</a> <img src="/legal/images/chart.png" alt="Chart"></p>',
    );
  });

  it('rewrites every such attribute of a tag, in any quoting, and makes them absolute for feeds', async () => {
    expect(rebaseHtml(`<video poster='/p.png' src=/v.mp4></video>`, 'https://example.org/legal/')).toBe(
      `<video poster='https://example.org/legal/p.png' src=https://example.org/legal/v.mp4></video>`,
    );
  });

  it('leaves other addresses, text and a site at the root alone', async () => {
    const html = '<p>Write /privacy/ or href="/x" in text. <a href="//cdn.example/x">a</a> <a href="https://example.com/">b</a> <a href="#top">c</a> <a href="../x">d</a> <a title="/x" href="mailto:a@b">e</a></p>';
    expect(rebaseHtml(html, '/legal/')).toBe(html);
    expect(rebaseHtml('<a href="/x">x</a>', '/')).toBe('<a href="/x">x</a>');
    expect(rebaseHtml('<a href="/x">x</a>', '')).toBe('<a href="/x">x</a>');
  });

  it('agrees with link() and absolute() on the site’s own paths', async () => {
    expect(rebaseHtml('<a href="/privacy/">p</a>', '/legal/')).toBe(`<a href="${link('/legal/', '/privacy/')}">p</a>`);
    expect(rebaseHtml('<a href="/privacy/">p</a>', 'https://example.org/legal/')).toBe(`<a href="${absolute('https://example.org/legal/', '/privacy/')}">p</a>`);
  });
});

describe('a site under a sub-path', () => {
  it('serves the addresses authors write from the site root under that sub-path, on pages, redlines and feeds', async () => {
    const body = (extra: string) => `\n## Contact\n\nSee [the history](/privacy/history/) and the chart ![Chart of retention](/images/chart.png).${extra}\n`;
    const dir = project({
      'privacy/2024-01-01.md': revision({ title: 'Privacy Policy' }, body('')),
      'privacy/2024-03-01.md': revision({ title: 'Privacy Policy', summary: 'Adds a link.' }, body(' Also [our terms](/terms/).')),
    });
    expect((await run(['lock', '--now', '2024-06-01'], { cwd: dir })).code).toBe(0);
    const out = join(dir, 'dist');
    const r = await run(['build', '--now', '2024-06-01', '--site', 'https://example.org/legal/', '--out', out], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const page = read(out, 'privacy/index.html');
    expect(page).toContain('<a href="/legal/privacy/history/">the history</a>');
    expect(page).toContain('src="/legal/images/chart.png"');
    expect(page).toContain('<a href="/legal/terms/">our terms</a>');
    expect(page).not.toMatch(/(?:href|src)="\/(?!legal\/)/);
    const changes = read(out, 'privacy/2024-03-01/changes/index.html');
    expect(changes).toContain('<a href="/legal/terms/"><ins>our terms</ins></a>');
    expect(changes).not.toMatch(/(?:href|src)="\/(?!legal\/)/);
    const side = read(out, 'privacy/2024-03-01/changes/side-by-side/index.html');
    expect(side).not.toMatch(/(?:href|src)="\/(?!legal\/)/);
    const atom = read(out, 'privacy/atom.xml');
    expect(atom).toContain('<a href="https://example.org/legal/terms/">');
    expect(atom).toContain('<img src="https://example.org/legal/images/chart.png"');
    expect(atom).not.toMatch(/(?:href|src)="\//);
  });
});
