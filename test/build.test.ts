import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { buildFixture, fixtures, listFiles, read, redline, tempDir, run } from './helpers/cli.ts';

let out: string;
beforeAll(async () => {
  out = await buildFixture('site', ['--now', '2024-12-20', '--site', 'https://example.org/legal/']);
});

describe('redline build (fixture site, as of 2024-12-20)', () => {
  it('writes every page: home, policy, revisions, history, raw Markdown, 404, sitemap', async () => {
    const files = listFiles(out);
    for (const f of [
      'index.html',
      '404.html',
      'sitemap.xml',
      'cookies/index.html',
      'cookies/history/index.html',
      'cookies/2024-01-01/index.html',
      'cookies/2024-06-01/index.html',
      'cookies/2025-01-15/index.html',
      'cookies/2024-01-01.md',
      'terms/index.html',
      'terms/2023-05-01/index.html',
    ]) {
      expect(files).toContain(f);
    }
  });

  it('leaves out a revision whose announcement date is still to come', async () => {
    expect(existsSync(join(out, 'cookies/2025-06-01/index.html'))).toBe(false);
    expect(existsSync(join(out, 'cookies/2025-06-01.md'))).toBe(false);
    expect(read(out, 'cookies/history/index.html')).not.toContain('2025-06-01');
    expect(read(out, 'sitemap.xml')).not.toContain('2025-06-01');
  });

  it('shows the revision in force on /<policy>/ with its effective date, summary and contents', async () => {
    const html = read(out, 'cookies/index.html');
    expect(html).toContain('<h1 data-redline-title>Cookie Policy</h1>');
    expect(html).toMatch(/Effective <time datetime="2024-06-01">1 June 2024<\/time>/);
    expect(html).toContain('We now keep the language cookie for six months instead of one year.');
    expect(html).toContain('Your language, for six months.');
    expect(html).toContain('<a href="#what-we-store" class="rl-s1"><span class="toc-n">1.</span> What we store</a>');
    expect(html).toContain('<h2 id="what-we-store">What we store</h2>');
    expect(html).toContain('href="/legal/cookies/history/"');
    expect(html).toContain('href="/legal/cookies/2024-01-01/"');
    expect(html).toContain('<link rel="canonical" href="https://example.org/legal/cookies/">');
    expect(html).toContain('<html lang="en">');
  });

  it('marks a superseded revision with its days in force and a link to the current version', async () => {
    const html = read(out, 'cookies/2024-01-01/index.html');
    expect(html).toMatch(/no longer in force.*from <time datetime="2024-01-01">1 January 2024<\/time>\s*to <time datetime="2024-05-31">31 May 2024<\/time>/s);
    expect(html).toContain('<a href="/legal/cookies/">Read the version in force</a>');
    expect(html).toContain('<link rel="canonical" href="https://example.org/legal/cookies/2024-01-01/">');
  });

  it('says when an upcoming revision takes effect', async () => {
    expect(read(out, 'cookies/2025-01-15/index.html')).toMatch(/Takes effect on <time datetime="2025-01-15">15 January 2025<\/time>/);
  });

  it('lists the history newest first with announcement dates and summaries', async () => {
    const html = read(out, 'cookies/history/index.html');
    const order = [...html.matchAll(/<li class="rev state-([a-z-]+)" id="v(\d{4}-\d{2}-\d{2})"/g)].map((m) => `${m[2]} ${m[1]}`);
    expect(order).toEqual(['2025-01-15 upcoming', '2024-06-01 in-force', '2024-01-01 superseded']);
    expect(html).toContain('<time datetime="2024-12-15">15 December 2024</time>');
    expect(html).toContain('We stop using cookies altogether.');
  });

  it('serves the raw Markdown of each revision byte for byte', async () => {
    for (const d of ['2024-01-01', '2024-06-01', '2025-01-15']) {
      expect(readFileSync(join(out, `cookies/${d}.md`))).toEqual(readFileSync(join(fixtures, `site/policies/cookies/${d}.md`)));
    }
  });

  it('lists every policy on the home page with its dates', async () => {
    const html = read(out, 'index.html');
    expect(html).toContain('href="/legal/cookies/"');
    expect(html).toContain('href="/legal/terms/"');
    expect(html).toMatch(/In force since <time datetime="2024-01-01">1 January 2024<\/time>; last revised <time datetime="2024-06-01">/);
  });

  it('writes a sitemap with absolute addresses', async () => {
    const xml = read(out, 'sitemap.xml');
    expect(xml).toContain('<loc>https://example.org/legal/cookies/2024-06-01/</loc><lastmod>2024-06-01</lastmod>');
    expect(xml).toContain('<loc>https://example.org/legal/cookies/2024-06-01/changes/</loc><lastmod>2024-06-01</lastmod>');
    expect(xml).toContain('<loc>https://example.org/legal/subscribe/</loc>');
    expect(xml).not.toContain('2024-01-01/changes/');
    const locs = [...xml.matchAll(/<loc>https:\/\/example\.org\/legal(\/[^<]*)<\/loc>/g)].map((m) => m[1]!);
    for (const path of locs) expect(existsSync(join(out, path.endsWith('/') ? `${path}index.html` : path)), path).toBe(true);
  });
});

describe('redline build: the day decides', () => {
  it('makes an upcoming revision the one in force on its effective date', async () => {
    const later = await buildFixture('site', ['--now', '2025-01-15']);
    expect(read(later, 'cookies/index.html')).toMatch(/Effective <time datetime="2025-01-15">/);
    expect(read(later, 'cookies/2024-06-01/index.html')).toContain('no longer in force');
  });

  it('gives identical output under different process time zones', async () => {
    const a = await buildFixture('site', ['--now', '2024-12-20'], { TZ: 'America/Los_Angeles' });
    const b = await buildFixture('site', ['--now', '2024-12-20'], { TZ: 'Asia/Tokyo' });
    const files = listFiles(a);
    expect(listFiles(b)).toEqual(files);
    for (const f of files) expect(readFileSync(join(b, f)), f).toEqual(readFileSync(join(a, f)));
  });

  it('reads SOURCE_DATE_EPOCH as the day in the site time zone', async () => {
    // 2024-12-14T15:00:00Z is 15 December in Tokyo: the upcoming revision is announced that day.
    const built = await buildFixture('site', [], { SOURCE_DATE_EPOCH: String(Date.UTC(2024, 11, 14, 15) / 1000), TZ: 'America/Los_Angeles' });
    expect(existsSync(join(built, 'cookies/2025-01-15/index.html'))).toBe(true);
  });
});

describe('redline build: bad input', () => {
  it('refuses an unknown option in one line', async () => {
    const r = await run(['build', '--nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('build: Unknown option \'--nope\' — run "npm run redline -- help" for the options of build\n');
  });

  it('refuses a bad --now', async () => {
    const r = await run(['build', '--now', '2024-02-30']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('--now "2024-02-30" is not a calendar date — write it as YYYY-MM-DD, such as --now 2026-01-01\n');
  });

  it('names a missing policies folder', async () => {
    const r = await run(['build', '--policies', 'no/such/dir']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('no/such/dir: policies folder not found — create it, or point to it with --policies DIR\n');
  });

  it('names the bad file and leaves the previous output exactly as it was', async () => {
    const work = tempDir();
    cpSync(join(fixtures, 'site', 'policies'), join(work, 'policies'), { recursive: true });
    const out = join(work, 'dist');
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), 'previous build');
    writeFileSync(join(work, 'policies/cookies/2025-02-01.md'), '---\ntitle: [unclosed\n---\n\nText.\n');
    const r = await run(['build', '--policies', 'policies', '--out', 'dist', '--now', '2024-12-20'], { cwd: work });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^policies\/cookies\/2025-02-01\.md:2: front matter is not valid YAML \(.*\) — write one "key: value" per line; quote values that contain ": " or start with a special character\n$/);
    expect(listFiles(out)).toEqual(['index.html']);
    expect(read(out, 'index.html')).toBe('previous build');
  });
});
