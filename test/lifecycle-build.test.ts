import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { buildFixture, fixtures, listFiles, read } from './helpers/cli.ts';

/**
 * test/fixtures/lifecycle: terms (2024-01-01; 2024-07-01, corrected once;
 * 2025-02-20 editorial, announced 2025-02-01; 2025-03-01 material, announced
 * 2025-01-30; 2025-06-01 announced 2025-05-01) and notes (2024-05-01;
 * 2025-02-12 editorial, announced 2025-02-05).
 */
const entities: Record<string, string> = { '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>', '&amp;': '&' };
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&(?:quot|#39|lt|gt|amp);/g, (e) => entities[e]!).replace(/\s+/g, ' ');
const NOTICE = 'We are updating this policy on 1 March 2025. Until then, the policy below applies.';

let out: string;
beforeAll(async () => {
  out = await buildFixture('lifecycle', ['--now', '2025-02-10', '--site', 'https://example.org/legal/']);
});

describe('a material revision announced before today and effective after it (as of 2025-02-10)', () => {
  it('puts the notice on the current page, linking to the new version and to what changes', async () => {
    const html = read(out, 'terms/index.html');
    expect(text(html)).toContain(NOTICE);
    expect(html).toContain('<time datetime="2025-03-01">1 March 2025</time>');
    expect(html).toContain('href="/legal/terms/2025-03-01/">Read the new version</a>');
    expect(html).toContain('href="/legal/terms/2025-03-01/changes/">See what changes</a>');
    expect(text(html)).toContain("We will give 14 days' notice before ending the agreement");
    // And on the permanent address of the version in force.
    expect(text(read(out, 'terms/2024-07-01/index.html'))).toContain(NOTICE);
  });

  it('does not put the notice on other versions', async () => {
    for (const page of ['terms/2024-01-01/index.html', 'terms/2025-02-20/index.html', 'terms/2025-03-01/index.html']) {
      expect(text(read(out, page)), page).not.toContain('We are updating this policy');
    }
  });

  it('says on the upcoming revision\'s own page when it takes effect', async () => {
    expect(read(out, 'terms/2025-03-01/index.html')).toMatch(/Takes effect on <time datetime="2025-03-01">1 March 2025<\/time>/);
  });

  it('lists it as upcoming in the history, beside the editorial one, and leaves out the scheduled one', async () => {
    const html = read(out, 'terms/history/index.html');
    const order = [...html.matchAll(/<li class="rev state-([a-z-]+)" id="v(\d{4}-\d{2}-\d{2})"/g)].map((m) => `${m[2]} ${m[1]}`);
    expect(order).toEqual(['2025-03-01 upcoming', '2025-02-20 upcoming', '2024-07-01 in-force', '2024-01-01 superseded']);
    const editorial = html.slice(html.indexOf('id="v2025-02-20"'), html.indexOf('id="v2024-07-01"'));
    expect(text(editorial)).toMatch(/Upcoming\s*Editorial/);
    const material = html.slice(html.indexOf('id="v2025-03-01"'), html.indexOf('id="v2025-02-20"'));
    expect(text(material)).not.toContain('Editorial');
    expect(html).not.toContain('2025-06-01');
  });

  it('publishes the lock of what it announced at /redline.lock: every line of the fixture\'s lock (corrections included) but the scheduled revision\'s', async () => {
    const published = read(out, 'redline.lock');
    const lines = (t: string) => t.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    const fixtureLock = readFileSync(join(fixtures, 'lifecycle/policies/redline.lock'), 'utf8');
    expect(lines(published)).toEqual(lines(fixtureLock).filter((l) => !l.startsWith('terms/2025-06-01.md ')));
    expect(published).toContain('# redline verify --against https://example.org/legal/\n');
  });

  it('announces it on the home page', async () => {
    const home = text(read(out, 'index.html'));
    expect(home).toContain('Changing on 1 March 2025. Read the upcoming version of the Terms of Service.');
    expect(home).toContain('Upcoming editorial revision on 12 February 2025.');
  });

  it('lists it in the feeds as upcoming, the editorial one marked editorial, the scheduled one not at all', async () => {
    const rss = read(out, 'terms/feed.xml');
    const item = (date: string) => rss.split('<item>').find((i) => i.includes(`<guid isPermaLink="false">https://example.org/legal/terms/${date}/</guid>`)) ?? '';
    expect(text(item('2025-03-01'))).toContain('Takes effect on 1 March 2025.');
    expect(item('2025-03-01')).not.toContain('<category>editorial</category>');
    expect(item('2025-02-20')).toContain('<category>editorial</category>');
    expect(rss).not.toContain('2025-06-01');
    expect(read(out, 'terms/atom.xml')).toContain('https://example.org/legal/terms/2025-03-01/');
    expect(read(out, 'feed.xml')).toContain('https://example.org/legal/terms/2025-03-01/');
  });

  it('raises no notice for an upcoming editorial revision', async () => {
    expect(text(read(out, 'notes/index.html'))).not.toContain('We are updating this policy');
  });
});

describe('integrity on the revision pages', () => {
  it('shows on every revision page the SHA-256 of its raw Markdown, which is the file byte for byte', async () => {
    const pages = listFiles(out).filter((f) => /^(terms|notes)\/\d{4}-\d{2}-\d{2}\/index\.html$/.test(f));
    expect(pages.length).toBe(6);
    for (const page of pages) {
      const raw = page.replace('/index.html', '.md');
      const bytes = readFileSync(join(out, raw));
      expect(bytes, raw).toEqual(readFileSync(join(fixtures, 'lifecycle', 'policies', raw)));
      const hash = createHash('sha256').update(bytes).digest('hex');
      const html = read(out, page);
      expect(html, page).toMatch(new RegExp(`href="/legal/${raw}"[^>]*>Markdown source</a></li>[^]*?<li class="hash">SHA-256 <code>${hash}</code>`));
    }
  });

  it('shows a correction: what, when and why, and the hash as first published', async () => {
    const html = read(out, 'terms/2024-07-01/index.html');
    const section = html.slice(html.indexOf('id="rl-corrections"'));
    expect(text(section)).toContain('Corrected on 2 September 2024: Fixes "you data" to "your data" in "Ending the agreement".');
    expect(section).toContain('Line 12 as published: <del>Either of us may end this agreement at any time. You can export you data for 30 days after it ends.</del>');
    expect(section).toContain('Line 12 as corrected: <ins>Either of us may end this agreement at any time. You can export your data for 30 days after it ends.</ins>');
    expect(section).toContain('<code>f16ee9297d3ba0b48b2b50ac83f206982532a87c4af815eb4f0f8eae6400b2f8</code>');
    expect(read(out, 'terms/2024-01-01/index.html')).not.toContain('rl-corrections');
  });
});

describe('the day decides, with no other change', () => {
  it('keeps the notice once the editorial revision ahead of it is in force (as of 2025-02-20)', async () => {
    const mid = await buildFixture('lifecycle', ['--now', '2025-02-20']);
    const html = read(mid, 'terms/index.html');
    expect(html).toMatch(/Effective <time datetime="2025-02-20">/);
    expect(text(html)).toContain(NOTICE);
  });

  it('makes it the policy in force on its effective date (--now 2025-03-01)', async () => {
    const later = await buildFixture('lifecycle', ['--now', '2025-03-01']);
    const html = read(later, 'terms/index.html');
    expect(html).toMatch(/Effective <time datetime="2025-03-01">1 March 2025<\/time>/);
    expect(text(html)).not.toContain('We are updating this policy');
    expect(text(read(later, 'terms/2024-07-01/index.html'))).toContain('This version is no longer in force.');
    const order = [...read(later, 'terms/history/index.html').matchAll(/<li class="rev state-([a-z-]+)" id="v(\d{4}-\d{2}-\d{2})"/g)].map((m) => `${m[2]} ${m[1]}`);
    expect(order).toEqual(['2025-03-01 in-force', '2025-02-20 superseded', '2024-07-01 superseded', '2024-01-01 superseded']);
    expect(text(read(later, 'index.html'))).not.toContain('Changing on');
    expect(existsSync(join(later, 'terms/2025-06-01/index.html'))).toBe(false);
  });
});
