// Unit tests of the feeds (src/core/feeds.ts): entries, their text, and each known pitfall of
// the `feed` package, on revisions made here (no build). test/feeds-build.test.ts checks the built site.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ElementCompact } from 'xml-js';
import {
  autodiscoveryLinks,
  cdata,
  clean,
  entryContentHtml,
  FEED_MAX_SECTIONS,
  FEED_REDLINE_MAX_CHARS,
  feedChanges,
  feedEntries,
  feedRevisions,
  SITE_FEED_MAX_ENTRIES,
  renderFeed,
  xmlText,
  type FeedEntry,
  type RevisionChanges,
} from '../src/core/feeds.ts';
import { buildSiteModel, type SiteModel } from '../src/core/site.ts';
import { diffMarkdown, documentOf } from '../src/core/diff/index.ts';
import { FEED_REDLINE, redline, renderChangedBlocksHtml } from '../src/core/diff/render.ts';
import type { Revision } from '../src/core/revisions.ts';
import { addDays } from '../src/core/dates.ts';
import type { SiteSettings } from '../src/core/settings.ts';
import { checkFeed, parseXml, RFC3339, RFC822, textOf, unescapeHtml, validateAtomString, wellFormedErrors } from './helpers/feeds.ts';

const settings: SiteSettings = {
  name: 'Example & Co. Policies',
  owner: 'Example & Co.',
  url: 'https://example.org/legal/',
  lang: 'en',
  timeZone: 'Asia/Tokyo',
  contact: { name: 'Legal team' },
};

const NASTY = `Fees & <Charges> — "Rates" & 'Terms' ]]> then ]]> and ]]> &amp; &lt;b&gt; <b>bold</b> AT&T`;

function rev(policy: string, effective: string, o: Partial<Revision> = {}): Revision {
  return {
    policy,
    effective,
    published: o.published ?? effective,
    title: o.title ?? 'Privacy Policy',
    summary: o.summary,
    change: o.change ?? 'material',
    bodyLine: 4,
    bodyStart: 0,
    sha256: '',
    analysis: '',
    visible: '',
    file: `${policy}/${effective}.md`,
    path: `/x/${policy}/${effective}.md`,
  };
}

/** privacy: three revisions (one announced ahead, one scheduled as of 2025-01-20); terms: one. */
function model(today = '2025-01-20', drafts = false): SiteModel {
  return buildSiteModel(
    [
      {
        id: 'privacy',
        revisions: [
          rev('privacy', '2024-04-01'),
          rev('privacy', '2025-02-01', { published: '2025-01-10', summary: 'We keep logs for less time.' }),
          rev('privacy', '2025-06-01', { published: '2025-05-01', summary: 'Scheduled: nobody may see this yet.' }),
        ],
      },
      { id: 'terms', revisions: [rev('terms', '2024-09-01', { title: 'Terms of Service' }), rev('terms', '2025-01-10', { title: 'Terms of Service', summary: 'Editorial fixes.', change: 'editorial' })] },
    ],
    today,
    drafts,
  );
}

const changes: RevisionChanges = {
  sections: [
    { title: 'What we keep', href: 'https://example.org/legal/privacy/2025-02-01/changes/#what-we-keep' },
    { title: 'Your rights & <choices>', href: 'https://example.org/legal/privacy/2025-02-01/changes/#your-rights--choices' },
  ],
  redlineHtml: '<p>We keep logs for <del>one year</del><ins>six months</ins>.</p>',
  truncated: false,
};

const changesFor = () => changes;

afterEach(() => {
  vi.useRealTimers();
});

describe('feed entries', () => {
  it('site-wide: the newest 50; a policy’s own feeds: every revision', () => {
    const days = (n: number) => Array.from({ length: n }, (_, k) => addDays('2020-01-01', k * 7));
    const many = buildSiteModel(
      [
        { id: 'privacy', revisions: days(40).map((d, k) => rev('privacy', d, k ? { summary: `Change ${k}.` } : {})) },
        { id: 'terms', revisions: days(30).map((d, k) => rev('terms', addDays(d, 1), { title: 'Terms of Service', ...(k ? { summary: `Change ${k}.` } : {}) })) },
      ],
      '2026-01-01',
      false,
    );
    const site = feedRevisions(many);
    expect(SITE_FEED_MAX_ENTRIES).toBe(50);
    expect(site).toHaveLength(50);
    // The newest, in order: the 20 oldest announcements are the ones left out.
    const all = [...feedRevisions(many, 'privacy'), ...feedRevisions(many, 'terms')].map((e) => e.view.revision.published).sort().reverse();
    expect(site.map((e) => e.view.revision.published)).toEqual(all.slice(0, 50));
    expect(feedRevisions(many, 'privacy')).toHaveLength(40);
    expect(feedRevisions(many, 'terms')).toHaveLength(30);
  });

  it('has one entry per announced revision, newest announcement first, ties by later effective date', () => {
    const entries = feedEntries(model(), undefined, changesFor);
    expect(entries.map((e) => `${e.policy}/${e.revision.effective}`)).toEqual(['privacy/2025-02-01', 'terms/2025-01-10', 'terms/2024-09-01', 'privacy/2024-04-01']);
  });

  it('never shows a scheduled revision, not even in a build with drafts', () => {
    for (const m of [model(), model('2025-01-20', true)]) {
      const entries = feedEntries(m, 'privacy', changesFor);
      expect(entries.map((e) => e.revision.effective)).toEqual(['2025-02-01', '2024-04-01']);
    }
    expect(feedEntries(model('2025-05-01'), 'privacy', changesFor).map((e) => e.revision.effective)).toEqual(['2025-06-01', '2025-02-01', '2024-04-01']);
  });

  it('marks the first revision of each policy, which has no changes', () => {
    const entries = feedEntries(model(), undefined, changesFor);
    expect(entries.map((e) => [e.revision.effective, e.first, e.changes !== undefined])).toEqual([
      ['2025-02-01', false, true],
      ['2025-01-10', false, true],
      ['2024-09-01', true, false],
      ['2024-04-01', true, false],
    ]);
  });
});

describe('entry text', () => {
  const [upcoming, editorial, , first] = feedEntries(model(), undefined, changesFor) as [FeedEntry, FeedEntry, FeedEntry, FeedEntry];

  it('says what the entry is in its title, with the effective date', () => {
    const json = JSON.parse(renderFeed('json', settings, {}, [upcoming, editorial, first])) as { items: { title: string; url: string; id: string; summary: string }[] };
    expect(json.items.map((i) => i.title)).toEqual([
      'Privacy Policy revised — effective 1 February 2025',
      'Terms of Service revised — effective 10 January 2025 (editorial)',
      'Privacy Policy published — effective 1 April 2024',
    ]);
    expect(json.items.map((i) => i.url)).toEqual([
      'https://example.org/legal/privacy/2025-02-01/changes/',
      'https://example.org/legal/terms/2025-01-10/changes/',
      'https://example.org/legal/privacy/2024-04-01/',
    ]);
    expect(json.items.map((i) => i.id)).toEqual([
      'https://example.org/legal/privacy/2025-02-01/',
      'https://example.org/legal/terms/2025-01-10/',
      'https://example.org/legal/privacy/2024-04-01/',
    ]);
    expect(json.items.map((i) => i.summary)).toEqual(['We keep logs for less time.', 'Editorial fixes.', 'The first published version of the Privacy Policy.']);
  });

  it('gives the summary, the dates, the changed sections with links and the redline', () => {
    const html = entryContentHtml(settings, upcoming);
    expect(html).toContain('<p>We keep logs for less time.</p>');
    expect(html).toContain('<strong>Takes effect on <time datetime="2025-02-01">1 February 2025</time>.</strong> Announced on <time datetime="2025-01-10">10 January 2025</time>.');
    expect(html).toContain('<li><a href="https://example.org/legal/privacy/2025-02-01/changes/#what-we-keep">What we keep</a></li>');
    expect(html).toContain('<li><a href="https://example.org/legal/privacy/2025-02-01/changes/#your-rights--choices">Your rights &amp; &lt;choices&gt;</a></li>');
    expect(html).toContain('<p>We keep logs for <del>one year</del><ins>six months</ins>.</p>');
    expect(html).toContain('<a href="https://example.org/legal/privacy/2025-02-01/changes/">See all changes</a>');
    expect(html).not.toContain('only the start');
  });

  it('says when the redline was cut short, with a link to all changes', () => {
    const html = entryContentHtml(settings, { ...upcoming, changes: { ...changes, truncated: true } });
    expect(html).toContain('This is only the start of the changes. <a href="https://example.org/legal/privacy/2025-02-01/changes/">See all changes</a>.');
  });

  it('marks an editorial revision', () => {
    expect(entryContentHtml(settings, editorial)).toContain('<strong>Editorial revision:</strong>');
    expect(entryContentHtml(settings, upcoming)).not.toContain('Editorial');
  });

  it('says "effective" for a revision announced on the day it takes effect, and links only to the revision for a first one', () => {
    const html = entryContentHtml(settings, first);
    expect(html).toContain('<strong>Effective <time datetime="2024-04-01">1 April 2024</time>.</strong>');
    expect(html).not.toContain('changes/');
    expect(html).toContain('<a href="https://example.org/legal/privacy/2024-04-01/">Read the Privacy Policy effective 1 April 2024</a>');
  });

  it('uses only absolute links', () => {
    for (const e of [upcoming, editorial, first]) {
      for (const m of entryContentHtml(settings, e).matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^https:\/\/example\.org\/legal\//);
    }
  });

  it('makes links within the policy and the redline absolute, and carries no HTML comment', () => {
    // A redline as the renderer writes it for feeds: a move marker, a link to a section of the policy, a comment in raw HTML.
    const withLinks: RevisionChanges = {
      ...changes,
      redlineHtml: '<p class="rl-moved-away"><a href="#rl-move-0" class="rl-move">Moved below</a></p><p>See <a href="#your-rights">your rights</a> and <a href=\'#old-gone\'>the old part</a>, <a href="help/quota?a=1&amp;b=2">the quota</a>, <a href="mailto:legal@example.org">write</a>.<!-- internal note --></p>',
    };
    const entry = feedEntries(model(), 'privacy', () => withLinks).find((e) => e.revision.effective === '2025-02-01')!;
    const html = entryContentHtml(settings, entry);
    expect(html).toContain('<a href="https://example.org/legal/privacy/2025-02-01/changes/#rl-move-0" class="rl-move">Moved below</a>');
    expect(html).toContain('<a href="https://example.org/legal/privacy/2025-02-01/#your-rights">your rights</a>');
    expect(html).toContain("<a href='https://example.org/legal/privacy/2025-02-01/changes/#old-gone'>");
    expect(html).toContain('<a href="https://example.org/legal/privacy/2025-02-01/help/quota?a=1&amp;b=2">the quota</a>');
    expect(html).toContain('<a href="mailto:legal@example.org">write</a>');
    expect(html).not.toMatch(/href=["']#/);
    expect(html).not.toContain('<!--');
  });

  it('does not change once published: the same entry reads the same whatever the day of the build', () => {
    const later = feedEntries(model('2025-09-01'), 'privacy', changesFor).find((e) => e.revision.effective === '2025-02-01')!;
    expect(entryContentHtml(settings, later)).toBe(entryContentHtml(settings, upcoming));
    for (const format of ['rss', 'atom', 'json'] as const) {
      const a = renderFeed(format, settings, {}, [upcoming]);
      const b = renderFeed(format, settings, {}, [later]);
      expect(b).toBe(a);
    }
  });
});

describe('feed documents', () => {
  const m = model();
  const privacy = m.policies.find((p) => p.id === 'privacy')!;
  const site = feedEntries(m, undefined, changesFor);
  const own = feedEntries(m, 'privacy', changesFor);

  it('dates entries at local midnight of the announcement in the site time zone, never UTC midnight', () => {
    const json = JSON.parse(renderFeed('json', settings, { policy: privacy }, own)) as { items: { date_published: string }[] };
    // 10 January 2025 begins in Tokyo at 15:00 UTC the day before.
    expect(json.items[0]!.date_published).toBe('2025-01-09T15:00:00.000Z');
    const ny = JSON.parse(renderFeed('json', { ...settings, timeZone: 'America/New_York' }, { policy: privacy }, own)) as { items: { date_published: string }[] };
    expect(ny.items.map((i) => i.date_published)).toEqual(['2025-01-10T05:00:00.000Z', '2024-04-01T04:00:00.000Z']);
  });

  it('never writes the build time: updated and lastBuildDate are the newest entry\'s date', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-05-05T12:34:56Z'));
    const first = ['rss', 'atom', 'json'].map((f) => renderFeed(f as 'rss', settings, {}, site));
    vi.setSystemTime(new Date('2042-01-01T00:00:00Z'));
    const second = ['rss', 'atom', 'json'].map((f) => renderFeed(f as 'rss', settings, {}, site));
    expect(second).toEqual(first);
    const [rss, atom] = first as [string, string, string];
    expect(textOf(((parseXml(rss).rss as ElementCompact).channel as ElementCompact).lastBuildDate)).toBe('Thu, 09 Jan 2025 15:00:00 GMT');
    expect(textOf((parseXml(atom).feed as ElementCompact).updated)).toBe('2025-01-09T15:00:00.000Z');
    expect(rss).not.toContain('2031');
    expect(atom).not.toContain('2042');
  });

  it('gives each document a self link to its own address, through feedLinks', () => {
    const rss = parseXml(renderFeed('rss', settings, { policy: privacy }, own));
    const atom = parseXml(renderFeed('atom', settings, { policy: privacy }, own));
    const json = JSON.parse(renderFeed('json', settings, { policy: privacy }, own)) as { feed_url: string; home_page_url: string };
    const channel = (rss.rss as ElementCompact).channel as ElementCompact;
    expect((channel['atom:link'] as ElementCompact[]).map((l) => l._attributes)).toEqual([{ href: 'https://example.org/legal/privacy/feed.xml', rel: 'self', type: 'application/rss+xml' }]);
    const links = ((atom.feed as ElementCompact).link as ElementCompact[]).map((l) => l._attributes);
    expect(links).toEqual([
      { rel: 'alternate', href: 'https://example.org/legal/privacy/history/' },
      { rel: 'self', href: 'https://example.org/legal/privacy/atom.xml' },
    ]);
    expect(json.feed_url).toBe('https://example.org/legal/privacy/feed.json');
    expect(json.home_page_url).toBe('https://example.org/legal/privacy/history/');
    const siteAtom = parseXml(renderFeed('atom', settings, {}, site));
    expect(((siteAtom.feed as ElementCompact).link as ElementCompact[]).map((l) => l._attributes!.href)).toEqual(['https://example.org/legal/', 'https://example.org/legal/atom.xml']);
  });

  it('gives the Atom feed an id, an author and RFC 3339 dates, and validates against RFC 4287', () => {
    const xml = renderFeed('atom', settings, {}, site);
    expect(validateAtomString(xml)).toEqual([]);
    const feed = parseXml(xml).feed as ElementCompact;
    expect(textOf(feed.id)).toBe('https://example.org/legal/atom.xml');
    expect(textOf((feed.author as ElementCompact[])[0]!.name)).toBe('Example & Co.');
    for (const e of feed.entry as ElementCompact[]) {
      expect(textOf(e.updated)).toMatch(RFC3339);
      expect(textOf(e.published)).toMatch(RFC3339);
    }
    expect(checkFeed('atom.xml', xml, 'https://example.org/legal/atom.xml').errors.filter((e) => !e.includes('atom.xml'))).toEqual([]);
  });

  it('writes RSS dates in RFC 822 and the revision\'s permanent address as guid', () => {
    const channel = (parseXml(renderFeed('rss', settings, {}, site)).rss as ElementCompact).channel as ElementCompact;
    expect(textOf(channel.lastBuildDate)).toMatch(RFC822);
    const items = channel.item as ElementCompact[];
    expect(items.map((i) => textOf(i.pubDate))).toEqual(['Thu, 09 Jan 2025 15:00:00 GMT', 'Thu, 09 Jan 2025 15:00:00 GMT', 'Sat, 31 Aug 2024 15:00:00 GMT', 'Sun, 31 Mar 2024 15:00:00 GMT']);
    for (const i of items) expect(textOf(i.pubDate)).toMatch(RFC822);
    expect(items.map((i) => textOf(i.guid))).toEqual(site.map((e) => `https://example.org/legal/${e.policy}/${e.revision.effective}/`));
    expect(textOf(channel.language)).toBe('en');
  });

  it('declares JSON Feed 1.1 with every required field', () => {
    const json = JSON.parse(renderFeed('json', settings, {}, site)) as Record<string, unknown> & { items: Record<string, unknown>[] };
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.title).toBe('Example & Co. Policies');
    expect(json.language).toBe('en');
    expect(json.authors).toEqual([{ name: 'Example & Co.', url: 'https://example.org/legal/' }]);
    expect(json.items).toHaveLength(4);
    for (const item of json.items) {
      expect(typeof item.id).toBe('string');
      expect(typeof item.content_html).toBe('string');
      expect(item.date_published).toMatch(RFC3339);
    }
    expect(checkFeed('feed.json', JSON.stringify(json), 'https://example.org/legal/feed.json').errors).toEqual([]);
  });

  it('marks editorial revisions and the policy as categories', () => {
    const atom = parseXml(renderFeed('atom', settings, {}, site)).feed as ElementCompact;
    expect(((atom.entry as ElementCompact[])[1]!.category as ElementCompact[]).map((c) => c._attributes!.term)).toEqual(['terms', 'editorial']);
    const json = JSON.parse(renderFeed('json', settings, {}, site)) as { items: { tags: string[] }[] };
    expect(json.items.map((i) => i.tags)).toEqual([['privacy'], ['terms', 'editorial'], ['terms'], ['privacy']]);
  });
});

describe('escaping: titles and summaries full of &, <, >, quotes and ]]>', () => {
  const m = buildSiteModel(
    [{ id: 'fees', revisions: [rev('fees', '2024-01-01', { title: NASTY }), rev('fees', '2024-03-01', { title: NASTY, summary: NASTY })] }],
    '2024-12-01',
  );
  const policy = m.policies[0]!;
  const entries = feedEntries(m, 'fees', () => ({ sections: [{ title: NASTY, href: 'https://example.org/legal/fees/2024-03-01/changes/#x' }], redlineHtml: '<p>a ]]> b ]]> c</p>', truncated: false }));
  const title = `${NASTY} revised — effective 1 March 2024`;

  it('keeps RSS well-formed, and its plain-text title and HTML description read back as written', () => {
    const xml = renderFeed('rss', settings, { policy }, entries);
    expect(wellFormedErrors(xml)).toEqual([]);
    const channel = (parseXml(xml).rss as ElementCompact).channel as ElementCompact;
    expect(textOf(channel.title)).toBe(`${NASTY} — Example & Co. Policies`);
    const item = (channel.item as ElementCompact[])[0]!;
    expect(textOf(item.title)).toBe(title);
    expect(unescapeHtml(textOf(item.description))).toBe(NASTY);
    expect(textOf(item['content:encoded'])).toContain('<p>a ]]> b ]]> c</p>');
  });

  it('keeps Atom valid, and its HTML title and summary read back as written', () => {
    const xml = renderFeed('atom', settings, { policy }, entries);
    expect(validateAtomString(xml)).toEqual([]);
    const feed = parseXml(xml).feed as ElementCompact;
    expect(textOf(feed.title)).toBe(`${NASTY} — Example & Co. Policies`);
    const entry = (feed.entry as ElementCompact[])[0]!;
    expect(entry.title!._attributes!.type).toBe('html');
    expect(unescapeHtml(textOf(entry.title))).toBe(title);
    expect(unescapeHtml(textOf(entry.summary))).toBe(NASTY);
    expect(textOf(entry.content)).toContain(`<a href="https://example.org/legal/fees/2024-03-01/changes/#x">${NASTY.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}</a>`);
  });

  it('keeps JSON Feed text as written', () => {
    const json = JSON.parse(renderFeed('json', settings, { policy }, entries)) as { title: string; items: { title: string; summary: string }[] };
    expect(json.title).toBe(`${NASTY} — Example & Co. Policies`);
    expect(json.items[0]!.title).toBe(title);
    expect(json.items[0]!.summary).toBe(NASTY);
  });

  it('drops characters XML cannot carry instead of writing a broken document', () => {
    const bad = buildSiteModel([{ id: 'x', revisions: [rev('x', '2024-01-01', { title: 'Bell\u0007 form\u000C feed \uD800 lone' }), rev('x', '2024-02-01', { title: 'T', summary: 'esc\u001B' })] }], '2024-12-01');
    const e = feedEntries(bad, 'x', () => undefined);
    for (const format of ['rss', 'atom'] as const) {
      const xml = renderFeed(format, settings, { policy: bad.policies[0]! }, e);
      expect(wellFormedErrors(xml)).toEqual([]);
      expect(xml).toContain('Bell form feed  lone');
    }
    expect(clean('a\u0000b\u0008c\td\ne\rf\uFFFEg😀')).toBe('abc\td\ne\rfg😀');
  });

  it('works around xml-js: a literal &amp; survives, and every ]]> is split', () => {
    expect(xmlText('AT&T &amp; co')).toBe('AT&amp;T &amp;amp; co');
    expect(cdata('a]]>b]]>c]]>d')).toBe('a]]>b]]]]><![CDATA[>c]]]]><![CDATA[>d');
    expect(cdata('plain')).toBe('plain');
  });
});

describe('autodiscovery', () => {
  it('announces the site-wide feeds everywhere, and a policy\'s own feeds first on its pages', () => {
    expect(autodiscoveryLinks(settings).map((l) => [l.type, l.href])).toEqual([
      ['application/rss+xml', 'https://example.org/legal/feed.xml'],
      ['application/atom+xml', 'https://example.org/legal/atom.xml'],
      ['application/feed+json', 'https://example.org/legal/feed.json'],
    ]);
    const links = autodiscoveryLinks(settings, { id: 'privacy', title: 'Privacy Policy' });
    expect(links.map((l) => l.href)).toEqual([
      'https://example.org/legal/privacy/feed.xml',
      'https://example.org/legal/privacy/atom.xml',
      'https://example.org/legal/privacy/feed.json',
      'https://example.org/legal/feed.xml',
      'https://example.org/legal/atom.xml',
      'https://example.org/legal/feed.json',
    ]);
    expect(links[0]!.title).toBe('Privacy Policy: new versions (RSS)');
  });
});

describe('changes from the diff engine', () => {
  const before = '# Title\n\nIntro text.\n\n## What we keep\n\nLogs for one year.\n\n## Payment cards\n\nWe store the last four digits of your card number.\n\n## Contact\n\nWrite to us.\n';
  const after = '# Title\n\nIntro text, reworded.\n\n## What we keep\n\nLogs for six months.\n\n## Contact\n\nWrite to us.\n\n## Children\n\nNobody under thirteen may open an account here.\n';
  const revision = rev('privacy', '2025-02-01', { summary: 'Shorter logs.' });

  it('lists each changed section with a link to it on the changes page, and includes the redline', () => {
    const diff = diffMarkdown(before, after);
    const items = redline(diff, { old: documentOf(before), new: documentOf(after) }, FEED_REDLINE);
    const blocks = renderChangedBlocksHtml(diff, { items, maxChars: FEED_REDLINE_MAX_CHARS });
    const c = feedChanges(settings, revision, diff.sections, blocks);
    const page = 'https://example.org/legal/privacy/2025-02-01/changes/';
    expect(c.sections).toEqual([
      { title: 'Title', href: `${page}#title` },
      { title: 'What we keep', href: `${page}#what-we-keep` },
      { title: 'Payment cards (section removed)', href: `${page}#old-payment-cards` },
      { title: 'Children (new section)', href: `${page}#children` },
    ]);
    expect(c.truncated).toBe(false);
    const html = entryContentHtml(settings, { policy: 'privacy', revision, first: false, changes: c });
    expect(html).toMatch(/<del>[^<]*one year[^<]*<\/del>/);
    expect(html).toMatch(/<ins>[^<]*six months[^<]*<\/ins>/);
    expect(html).toContain(`<a href="${page}">See all changes</a>`);
  });

  it('caps the redline at a sensible size and then says so, with a link to all changes', () => {
    const long = (w: string) => Array.from({ length: 400 }, (_, i) => `## Section ${i}\n\nParagraph ${i} says ${w}.\n`).join('\n');
    const diff = diffMarkdown(long('yes'), long('no'));
    const items = redline(diff, { old: documentOf(long('yes')), new: documentOf(long('no')) }, FEED_REDLINE);
    const blocks = renderChangedBlocksHtml(diff, { items, maxChars: FEED_REDLINE_MAX_CHARS });
    expect(blocks.truncated).toBe(true);
    expect(blocks.html.length).toBeLessThanOrEqual(FEED_REDLINE_MAX_CHARS);
    const html = entryContentHtml(settings, { policy: 'privacy', revision, first: false, changes: feedChanges(settings, revision, diff.sections, blocks) });
    expect(html).toContain('This is only the start of the changes. <a href="https://example.org/legal/privacy/2025-02-01/changes/">See all changes</a>.');
    // The changed sections are listed up to a point too.
    expect(html.match(/<li>/g)).toHaveLength(FEED_MAX_SECTIONS + 1);
    expect(html).toContain('<li>and <a href="https://example.org/legal/privacy/2025-02-01/changes/">375 more sections</a></li>');
    expect(html.length).toBeLessThan(FEED_REDLINE_MAX_CHARS + 5_000);
  });
});
