import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtures, listFiles, projectTempDir, read, root, run, tempDir } from './helpers/cli.ts';

/**
 * Redline inside an existing Astro site (test/fixtures/embedded): the site has
 * its own home page, layout and content collection; redline({ prefix: '/legal',
 * layout }) adds the policies under /legal/, wrapped in the site's layout.
 */
const project = join(fixtures, 'embedded');
let out: string;

beforeAll(async () => {
  out = join(tempDir('redline-embedded-'), 'dist');
  const r = await run(['build', '--out', out, '--now', '2025-02-01'], { cwd: project });
  if (r.code !== 0) throw new Error(r.stderr);
});

describe('Redline inside another Astro site, under /legal/', () => {
  it("keeps the host's own pages and writes Redline's only under its prefix", () => {
    const files = listFiles(out).filter((f) => !f.startsWith('_astro/'));
    expect(files).toContain('index.html');
    expect(files.filter((f) => !f.startsWith('legal/'))).toEqual(['index.html']);
    for (const own of ['404.html', 'robots.txt', '_headers', 'sitemap.xml']) expect(existsSync(join(out, own)), own).toBe(false);
    for (const page of ['legal/index.html', 'legal/terms/index.html', 'legal/terms/2024-01-01/index.html', 'legal/terms/2025-01-01/changes/index.html', 'legal/terms/history/index.html', 'legal/terms/feed.xml', 'legal/feed.xml', 'legal/sitemap.xml', 'legal/search/index.html']) {
      expect(files, page).toContain(page);
    }
    expect(read(out, 'index.html')).toContain('<li>We have launched</li>');
  });

  it("wraps Redline's pages in the host's layout, with Redline's head elements in it", () => {
    const html = read(out, 'legal/terms/index.html');
    expect(html).toContain('<header class="example-header"><a href="/">Example Ltd.</a>');
    expect(html).toContain('<footer class="example-footer">');
    expect(html).toContain('<title>Terms of Service · Example Ltd.</title>');
    expect(html).toContain('<link rel="canonical" href="https://www.example.com/legal/terms/">');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Terms of Service: new versions (Atom)" href="https://www.example.com/legal/terms/atom.xml">');
    expect(html.match(/<html/g)).toHaveLength(1);
    expect(html.match(/<main/g)).toHaveLength(1);
  });

  it('links its pages under the prefix, and leaves the addresses authors write from the site root', () => {
    const html = read(out, 'legal/terms/index.html');
    expect(html).toContain('<a href="/legal/terms/history/">All versions</a>');
    expect(html).toContain('<a href="/legal/terms/2025-01-01/changes/">What changed in this version</a>');
    // The revision links to /legal/terms/history/ and to the host's /news/: neither gets the prefix twice.
    expect(html).toContain('<a href="/legal/terms/history/">the history of these terms</a>');
    expect(html).toContain('<a href="/news/">our news</a>');
    const hrefs = [...html.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1]!);
    for (const href of hrefs.filter((h) => h.startsWith('/legal/'))) {
      const file = href.endsWith('/') ? `${href}index.html` : href.replace(/#.*$/, '');
      expect(existsSync(join(out, file.replace(/\/index\.html#.*$/, '/index.html'))), href).toBe(true);
    }
  });

  it('writes feeds with absolute addresses under the prefix', () => {
    const feed = read(out, 'legal/terms/atom.xml');
    expect(feed).toContain('<id>https://www.example.com/legal/terms/2025-01-01/</id>');
    expect(feed).toContain('href="https://www.example.com/legal/terms/atom.xml"');
    expect(feed).not.toMatch(/href="\/(?!\/)/);
    const json = JSON.parse(read(out, 'legal/feed.json')) as { home_page_url: string; items: { url: string }[] };
    expect(json.home_page_url).toBe('https://www.example.com/legal/');
    for (const item of json.items) expect(item.url.startsWith('https://www.example.com/legal/terms/')).toBe(true);
    expect(read(out, 'legal/sitemap.xml')).toContain('<loc>https://www.example.com/legal/terms/2024-01-01/</loc>');
  });

  it("indexes Redline's pages for search under the prefix", () => {
    expect(existsSync(join(out, 'legal/pagefind/pagefind.js'))).toBe(true);
    expect(read(out, 'legal/search/index.html')).toContain('data-index="/legal/pagefind/"');
    expect(readFileSync(join(out, 'legal/terms/2024-01-01.md'), 'utf8')).toBe(readFileSync(join(project, 'policies/terms/2024-01-01.md'), 'utf8'));
  });
});

describe('a plain `astro build` (no redline command)', () => {
  it('refuses what check refuses: the loader stops it, naming the file', async () => {
    const dir = projectTempDir('plain-astro-');
    const src = join(root, 'src/astro/index.ts');
    mkdirSync(join(dir, 'src', 'pages'), { recursive: true });
    mkdirSync(join(dir, 'policies', 'terms'), { recursive: true });
    writeFileSync(join(dir, 'astro.config.mjs'), `import { defineConfig } from 'astro/config';\nimport { redline } from ${JSON.stringify(src)};\nexport default defineConfig({ site: 'https://www.example.com', integrations: [redline({ prefix: '/legal', settings: ${JSON.stringify(join(project, 'redline.config.ts'))} })] });\n`);
    writeFileSync(join(dir, 'src', 'content.config.ts'), `import { defineCollection } from 'astro:content';\nimport { redlineLoader } from ${JSON.stringify(src)};\nexport const collections = { redline: defineCollection({ loader: redlineLoader() }) };\n`);
    writeFileSync(join(dir, 'src', 'pages', 'index.astro'), '<p>Home</p>\n');
    writeFileSync(join(dir, 'policies', 'terms', '2024-01-01.md'), '---\ntitle: Terms\n---\n\n<script>alert(1)</script>\n');
    const { build } = await import('astro');
    const outDir = join(dir, 'dist');
    const error = await build({ root: dir, outDir, logLevel: 'silent' }).then(() => undefined, (e: Error) => e);
    expect(error?.message).toContain('policies/terms/2024-01-01.md:5: raw HTML <script> is not allowed');
    expect(existsSync(join(outDir, 'legal'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
