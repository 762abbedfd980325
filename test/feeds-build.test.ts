// The feeds and calendars of a built site (fixture test/fixtures/feeds): valid by the specs,
// read back by Python's feedparser and icalendar, announced on every page, reproducible.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementCompact } from 'xml-js';
import { buildFixture, read } from './helpers/cli.ts';
import { checkFeed, feedparser, icalendar, parseXml, textOf, unescapeHtml, validateAtom } from './helpers/feeds.ts';

const SITE = 'https://example.org/legal/';
const NOW = '2025-01-20';
const TITLE = `Fees & <Charges> — "Rates" & 'Terms' ]]> and ]]> &amp; AT&T`;
const SUMMARY = `We changed "A & B" to <C> & 'D' ]]> then ]]> again; "&amp;", &lt;b&gt; and <b>not bold</b> stay as typed.`;

const FEEDS = ['feed.xml', 'atom.xml', 'feed.json', 'fees/feed.xml', 'fees/atom.xml', 'fees/feed.json', 'privacy/feed.xml', 'privacy/atom.xml', 'privacy/feed.json'];
const CALENDARS = ['fees/calendar.ics', 'privacy/calendar.ics'];

let out: string;
beforeAll(async () => {
  out = await buildFixture('feeds', ['--now', NOW, '--site', SITE]);
});

/** Entry ids of a JSON feed, which are the revisions' permanent addresses. */
function ids(path: string, dir = out): string[] {
  return (JSON.parse(read(dir, path)) as { items: { id: string }[] }).items.map((i) => i.id.replace(SITE, ''));
}

describe('built feeds (fixture "feeds", as of 2025-01-20)', () => {
  it('validates every feed by its spec: Atom against RFC 4287\'s schema, RSS and JSON Feed by their rules', async () => {
    for (const f of FEEDS) {
      const report = checkFeed(join(out, f), read(out, f), `${SITE}${f}`);
      expect(report.errors, f).toEqual([]);
    }
    for (const f of FEEDS.filter((x) => x.endsWith('atom.xml'))) expect(validateAtom(join(out, f)), f).toEqual([]);
  });

  it('has one entry per announced revision, newest announcement first, and never a scheduled one', async () => {
    expect(ids('feed.json')).toEqual(['fees/2025-02-01/', 'privacy/2025-01-10/', 'fees/2024-06-01/', 'fees/2024-03-01/', 'privacy/2024-02-15/', 'fees/2024-01-01/']);
    expect(ids('fees/feed.json')).toEqual(['fees/2025-02-01/', 'fees/2024-06-01/', 'fees/2024-03-01/', 'fees/2024-01-01/']);
    expect(ids('privacy/feed.json')).toEqual(['privacy/2025-01-10/', 'privacy/2024-02-15/']);
    for (const f of FEEDS) expect(read(out, f), f).not.toContain('2025-06-01');
    const rss = (parseXml(read(out, 'feed.xml')).rss as ElementCompact).channel as ElementCompact;
    expect((rss.item as ElementCompact[]).map((i) => textOf(i.guid).replace(SITE, ''))).toEqual(ids('feed.json'));
    const atom = parseXml(read(out, 'atom.xml')).feed as ElementCompact;
    expect((atom.entry as ElementCompact[]).map((e) => textOf(e.id).replace(SITE, ''))).toEqual(ids('feed.json'));
  });

  it('is read by feedparser without a warning, with the titles and summaries as written', async () => {
    const xml = FEEDS.filter((f) => f.endsWith('.xml'));
    const parsed = feedparser(xml.map((f) => join(out, f)));
    for (const f of xml) {
      const p = parsed[join(out, f)]!;
      expect([f, p.bozo, p.bozoException]).toEqual([f, false, null]);
      expect(p.version).toBe(f.endsWith('atom.xml') ? 'atom10' : 'rss20');
    }
    for (const f of ['fees/feed.xml', 'fees/atom.xml']) {
      const entries = parsed[join(out, f)]!.entries;
      const text = (s: string, type: string) => (type === 'text/html' ? unescapeHtml(s) : s);
      const march = entries.find((e) => e.id.endsWith('/fees/2024-03-01/'))!;
      expect(text(march.title, march.titleType)).toBe(`${TITLE} revised — effective 1 March 2024`);
      expect(text(march.summary, march.summaryType)).toBe(SUMMARY);
      expect(march.link).toBe(`${SITE}fees/2024-03-01/changes/`);
      const first = entries.find((e) => e.id.endsWith('/fees/2024-01-01/'))!;
      expect(text(first.title, first.titleType)).toBe(`${TITLE} published — effective 1 January 2024`);
      expect(first.link).toBe(`${SITE}fees/2024-01-01/`);
    }
  });

  it('keeps the fixture\'s &, <, >, quotes and ]]> intact in JSON Feed', async () => {
    const json = JSON.parse(read(out, 'fees/feed.json')) as { title: string; items: { id: string; title: string; summary: string; content_html: string }[] };
    const march = json.items.find((i) => i.id.endsWith('/fees/2024-03-01/'))!;
    expect(march.title).toBe(`${TITLE} revised — effective 1 March 2024`);
    expect(march.summary).toBe(SUMMARY);
    expect(march.content_html).toContain('<p>We changed &quot;A &amp; B&quot; to &lt;C&gt; &amp; &#39;D&#39; ]]&gt; then ]]&gt; again; &quot;&amp;amp;&quot;, &amp;lt;b&amp;gt; and &lt;b&gt;not bold&lt;/b&gt; stay as typed.</p>');
    expect(json.title).toBe(`${TITLE} — Illustrious Inc. Policies`);
  });

  it('says when an announced revision takes effect, and marks an editorial one', async () => {
    const json = JSON.parse(read(out, 'fees/feed.json')) as { items: { id: string; title: string; content_html: string; date_published: string }[] };
    const upcoming = json.items.find((i) => i.id.endsWith('/fees/2025-02-01/'))!;
    expect(upcoming.content_html).toContain('Takes effect on <time datetime="2025-02-01">1 February 2025</time>.');
    // Dated by its announcement (10 January 2025), at midnight in Tokyo.
    expect(upcoming.date_published).toBe('2025-01-09T15:00:00.000Z');
    const editorial = json.items.find((i) => i.id.endsWith('/fees/2024-06-01/'))!;
    expect(editorial.title).toMatch(/\(editorial\)$/);
    expect(editorial.content_html).toContain('Editorial revision');
  });

  it('shows the changed sections with links and the redline of the changed blocks, from the diff engine', async () => {
    const json = JSON.parse(read(out, 'fees/feed.json')) as { items: { id: string; content_html: string }[] };
    const march = json.items.find((i) => i.id.endsWith('/fees/2024-03-01/'))!.content_html;
    expect(march).toContain(`<li><a href="${SITE}fees/2024-03-01/changes/#monthly-fee">Monthly fee</a></li>`);
    expect(march).toContain(`<li><a href="${SITE}fees/2024-03-01/changes/#late-payment">Late payment</a></li>`);
    expect(march).toMatch(/<del>\[−10\]<\/del><ins>\[\+12\]<\/ins>/);
    expect(march).toContain(`<a href="${SITE}fees/2024-03-01/changes/">See all changes</a>`);
    // The changes page has the anchors the feed links to.
    const page = read(out, 'fees/2024-03-01/changes/index.html');
    expect(page).toContain('id="monthly-fee"');
    expect(page).toContain('id="late-payment"');
    const first = json.items.find((i) => i.id.endsWith('/fees/2024-01-01/'))!.content_html;
    expect(first).not.toContain('<del>');
    expect(first).not.toContain('changes/');
  });

  it('starts each document as its format requires', async () => {
    expect(read(out, 'feed.json').startsWith('{\n  "version": "https://jsonfeed.org/version/1.1"')).toBe(true);
    expect(read(out, 'atom.xml')).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="en">/);
    expect(read(out, 'feed.xml')).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<rss version="2.0"/);
  });
});

describe('built calendars', () => {
  it('reads back with Python\'s icalendar: an all-day event per announced revision', async () => {
    const parsed = icalendar(CALENDARS.map((f) => join(out, f)));
    const fees = parsed[join(out, 'fees/calendar.ics')]!;
    expect(fees.errors).toEqual([]);
    expect(fees.events.map((e) => [e.start, e.end])).toEqual([
      ['2024-01-01', '2024-01-02'],
      ['2024-03-01', '2024-03-02'],
      ['2024-06-01', '2024-06-02'],
      ['2025-02-01', '2025-02-02'],
    ]);
    expect(fees.events.map((e) => e.uid)).toEqual(['2024-01-01', '2024-03-01', '2024-06-01', '2025-02-01'].map((d) => `${SITE}fees/${d}/`));
    expect(fees.events[0]!.summary).toBe(`${TITLE} takes effect`);
    expect(fees.events[1]!.description.startsWith(`${SUMMARY}\n\nAnnounced on 15 February 2024.`)).toBe(true);
    expect(fees.events[3]!.stamp).toBe('2025-01-09T15:00:00+00:00');
    expect(parsed[join(out, 'privacy/calendar.ics')]!.events).toHaveLength(2);
  });
});

describe('autodiscovery and /subscribe/', () => {
  // The feeds a page announces (its other alternates, its Markdown and the versions API, are in test/machine-readable.test.ts).
  const alternates = (html: string) => [...html.matchAll(/<link rel="alternate" type="(application\/(?:rss\+xml|atom\+xml|feed\+json))" title="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[3]]);

  it('announces the site-wide feeds on every page, and a policy\'s feeds first on its pages', async () => {
    const site = [
      ['application/rss+xml', `${SITE}feed.xml`],
      ['application/atom+xml', `${SITE}atom.xml`],
      ['application/feed+json', `${SITE}feed.json`],
    ];
    for (const page of ['index.html', 'subscribe/index.html', '404.html']) expect(alternates(read(out, page)), page).toEqual(site);
    const fees = [
      ['application/rss+xml', `${SITE}fees/feed.xml`],
      ['application/atom+xml', `${SITE}fees/atom.xml`],
      ['application/feed+json', `${SITE}fees/feed.json`],
      ...site,
    ];
    for (const page of ['fees/index.html', 'fees/history/index.html', 'fees/2024-03-01/index.html']) expect(alternates(read(out, page)), page).toEqual(fees);
  });

  it('explains and links every feed and calendar, and how to follow by e-mail', async () => {
    const html = read(out, 'subscribe/index.html');
    for (const f of FEEDS) {
      expect(html).toContain(`href="/legal/${f}"`);
      expect(html).toMatch(new RegExp(`<code[^>]*>${SITE}${f}</code>`));
    }
    for (const c of CALENDARS) {
      expect(html).toContain(`href="webcal://example.org/legal/${c}"`);
      expect(html).toMatch(new RegExp(`<code[^>]*>${SITE}${c}</code>`));
    }
    expect(html).toMatch(/<h2 id="email"[^>]*>By e-mail<\/h2>/);
    expect(html).toMatch(/feed-to-e-mail service/);
    expect(html).not.toMatch(/<(script|iframe|img)\b[^>]*\bsrc="https?:/);
    expect(read(out, 'index.html')).toContain('href="/legal/subscribe/">Subscribe</a>');
  });
});

describe('feeds across builds', () => {
  it('are byte-identical for the same --now, whatever the machine\'s time zone', async () => {
    const again = await buildFixture('feeds', ['--now', NOW, '--site', SITE], { TZ: 'Pacific/Kiritimati' });
    for (const f of [...FEEDS, ...CALENDARS]) expect(readFileSync(join(again, f)), f).toEqual(readFileSync(join(out, f)));
  });

  it('never change an entry once published: a later build adds entries and leaves the others as they were', async () => {
    const later = await buildFixture('feeds', ['--now', '2025-05-01', '--site', SITE]);
    expect(ids('fees/feed.json', later)).toEqual(['fees/2025-06-01/', ...ids('fees/feed.json')]);
    for (const f of ['feed.json', 'fees/feed.json', 'privacy/feed.json']) {
      const before = (JSON.parse(read(out, f)) as { items: unknown[] }).items;
      const after = (JSON.parse(read(later, f)) as { items: { id: string }[] }).items.filter((i) => !i.id.includes('2025-06-01'));
      expect(after, f).toEqual(before);
    }
  });
});
