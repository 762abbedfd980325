// What Redline publishes for programs, checked over built sites: the versions API against its JSON
// Schemas (ajv), the JSON-LD against the schema.org vocabulary, the head links (alternate, Memento,
// RFC 6903), the Open Terms Archive declarations, robots.txt and the sitemap, and that nothing
// changes from one day's build to the next but what the states of the revisions change.
//
// test/fixtures/lifecycle (Asia/Tokyo), as of 2025-02-10: terms 2024-01-01 (superseded);
// 2024-07-01 (in force, corrected on 2024-09-02); 2025-02-20 (editorial, announced 2025-02-01,
// upcoming); 2025-03-01 (material, announced 2025-01-30, upcoming); 2025-06-01 (scheduled: not on
// the site). notes 2024-05-01 (in force); 2025-02-12 (editorial, announced 2025-02-05, upcoming).
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { parse } from 'parse5';
import { buildFixture, listFiles, read, root } from './helpers/cli.ts';
import { errorsOf, foreignTerms, headLinks, jsonLdOf, schemaOrg, schemas } from './helpers/machine-readable.ts';
import { loadPolicies } from '../src/node/policies.ts';
import { Artifacts } from '../src/node/artifacts.ts';
import { buildSiteModel } from '../src/core/site.ts';
import { policiesJson, versionsJson, type PoliciesDocument, type VersionsDocument } from '../src/core/versions.ts';
import { homeHead } from '../src/core/structured-data.ts';
import { termsTypeOf } from '../src/core/terms-types.ts';
import { validateSettings } from '../src/core/settings.ts';
import type { Revision } from '../src/core/revisions.ts';
import config from '../redline.config.ts';

const SITE = 'https://example.org/legal/';
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const json = <T>(dir: string, path: string) => JSON.parse(read(dir, path)) as T;

let out: string;
let later: string;
beforeAll(async () => {
  out = await buildFixture('lifecycle', ['--now', '2025-02-10', '--site', SITE]);
  later = await buildFixture('lifecycle', ['--now', '2025-03-01']);
});

describe('the versions API', () => {
  it('versions.json and policies.json validate against their schemas, built as of two days', () => {
    const v = schemas();
    for (const dir of [out, later]) {
      expect(errorsOf(v.policies, json(dir, 'policies.json'))).toEqual([]);
      for (const p of ['terms', 'notes']) expect(errorsOf(v.versions, json(dir, `${p}/versions.json`)), `${p}/versions.json`).toEqual([]);
    }
  });

  it('the schemas refuse what breaks the format', () => {
    const v = schemas();
    const doc = json<VersionsDocument>(out, 'terms/versions.json');
    const broken: Array<[string, (d: VersionsDocument) => void]> = [
      ['a date that is not one', (d) => void (d.revisions[0]!.effective = '2025-02-30x')],
      ['an unknown state', (d) => void ((d.revisions[0] as { state: string }).state = 'draft')],
      ['a field the schema does not have', (d) => void ((d as unknown as Record<string, unknown>).extra = 1)],
      ['a missing consent block', (d) => void delete (d as Partial<VersionsDocument>).consent],
      ['a datetime that is not midnight', (d) => void (d.consent.effectiveAt = '2024-07-01T12:00:00+09:00')],
      ['another major version', (d) => void (d.schemaVersion = '2.0')],
    ];
    for (const [what, breakIt] of broken) {
      const copy = structuredClone(doc);
      breakIt(copy);
      expect(errorsOf(v.versions, copy).length, what).toBeGreaterThan(0);
    }
  });

  it('has every announced revision, newest first, with its state, kind, hash, addresses and corrections', () => {
    const doc = json<VersionsDocument>(out, 'terms/versions.json');
    expect(doc.$schema).toBe(`${SITE}schemas/versions-1.schema.json`);
    expect(doc.schemaVersion).toBe('1.0');
    expect(doc.termsType).toBe('Terms of Service');
    expect(doc.revisions.map((r) => [r.id, r.state, r.change, r.announced, r.inForceUntil])).toEqual([
      ['2025-03-01', 'upcoming', 'material', '2025-01-30', null],
      ['2025-02-20', 'upcoming', 'editorial', '2025-02-01', '2025-02-28'],
      ['2024-07-01', 'in-force', 'material', '2024-07-01', '2025-02-19'],
      ['2024-01-01', 'superseded', 'material', '2024-01-01', '2024-06-30'],
    ]);
    for (const r of doc.revisions) {
      // The hash is the served Markdown's.
      expect(sha(readFileSync(join(out, r.urls.markdown.slice(SITE.length)))), r.id).toBe(r.sha256);
      for (const u of [r.urls.page, r.urls.changes, r.urls.changesJson].filter((x): x is string => x !== null)) {
        const path = u.slice(SITE.length);
        expect(existsSync(join(out, path.endsWith('/') ? `${path}index.html` : path)), u).toBe(true);
      }
    }
    expect(doc.revisions.at(-1)!.urls.changes).toBeNull();
    const corrected = doc.revisions.find((r) => r.id === '2024-07-01')!;
    expect(corrected.corrections).toEqual([
      { date: '2024-09-02', sha256: '64c4a7c264ab4d622d94fdaf9b73d11f6c465b76027b03e0290e4955593a1e01', was: 'f16ee9297d3ba0b48b2b50ac83f206982532a87c4af815eb4f0f8eae6400b2f8', reason: 'Fixes "you data" to "your data" in "Ending the agreement".' },
    ]);
    expect(corrected.sha256).toBe(corrected.corrections[0]!.sha256);
    // The scheduled revision is not public yet.
    expect(read(out, 'terms/versions.json')).not.toContain('2025-06-01');
    expect(doc.inForce).toEqual({ id: '2024-07-01', effectiveAt: '2024-07-01T00:00:00+09:00', change: 'material', url: `${SITE}terms/2024-07-01/` });
    expect(doc.upcoming.map((r) => r.id)).toEqual(['2025-02-20', '2025-03-01']);
    // The states hold from the last announcement (2025-02-01) until the day before the next change (2025-02-20).
    expect(doc.statesAsOf).toEqual({ from: '2025-02-01', until: '2025-02-19' });
  });

  it('gives apps a consent block: the latest material version in force, and the material ones to come, with their moments', () => {
    const terms = json<VersionsDocument>(out, 'terms/versions.json').consent;
    expect(terms.version).toBe('2024-07-01');
    expect(terms.effectiveAt).toBe('2024-07-01T00:00:00+09:00');
    // The editorial revision of 2025-02-20 asks nobody to accept anything.
    expect(terms.upcoming.map((v) => v.version)).toEqual(['2025-03-01']);
    expect(terms.next).toEqual(terms.upcoming[0]);
    expect(terms.next).toMatchObject({ effectiveAt: '2025-03-01T00:00:00+09:00', announced: '2025-01-30', url: `${SITE}terms/2025-03-01/` });
    const notes = json<VersionsDocument>(out, 'notes/versions.json').consent;
    expect(notes).toEqual({ version: '2024-05-01', effectiveAt: '2024-05-01T00:00:00+09:00', next: null, upcoming: [] });
    // Once it is in force: the editorial revision in force before it changed nothing, the material one does.
    const after = json<VersionsDocument>(later, 'terms/versions.json');
    expect(after.consent).toMatchObject({ version: '2025-03-01', effectiveAt: '2025-03-01T00:00:00+09:00', next: null, upcoming: [] });
    expect(json<VersionsDocument>(later, 'notes/versions.json').consent.version).toBe('2024-05-01');
    expect(after.inForce?.id).toBe('2025-03-01');
  });

  it('policies.json holds each policy’s versions.json, and names the site’s feeds', () => {
    const doc = json<PoliciesDocument>(out, 'policies.json');
    expect(doc.policies.map((p) => p.policy)).toEqual(['notes', 'terms']);
    for (const p of doc.policies) {
      const { $schema, schemaVersion, ...own } = json<VersionsDocument>(out, `${p.policy}/versions.json`);
      expect(p).toEqual(own);
    }
    expect(doc.urls.feeds.atom).toBe(`${SITE}atom.xml`);
    // The earliest end of any policy's span.
    expect(doc.statesAsOf).toEqual({ from: '2025-02-05', until: '2025-02-11' });
  });

  it('publishes its schemas on the site, as in docs/schemas/', () => {
    for (const f of ['versions-1.schema.json', 'policies-1.schema.json']) {
      expect(read(out, `schemas/${f}`)).toBe(readFileSync(join(root, 'docs/schemas', f), 'utf8'));
    }
  });

  it('for this repository’s privacy policy, validates too', async () => {
    const { policies, problems } = await loadPolicies(join(root, 'policies'), new Artifacts(undefined));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const settings = validateSettings(config);
    for (const day of ['2025-03-20', '2025-06-01']) {
      const model = buildSiteModel(policies, day);
      const v = schemas();
      const doc = JSON.parse(policiesJson(settings, model)) as PoliciesDocument;
      expect(errorsOf(v.policies, doc), day).toEqual([]);
      const privacy = JSON.parse(versionsJson(settings, model, 'privacy')) as VersionsDocument;
      expect(errorsOf(v.versions, privacy), day).toEqual([]);
      expect(privacy.termsType).toBe('Privacy Policy');
    }
    // Its revision of 2025-04-01 is editorial: users who accepted the first version are not asked again.
    for (const day of ['2025-03-20', '2025-06-01']) {
      const doc = JSON.parse(versionsJson(settings, buildSiteModel(policies, day), 'privacy')) as VersionsDocument;
      expect(doc.consent, day).toEqual({ version: '2024-04-01', effectiveAt: '2024-04-01T00:00:00+09:00', next: null, upcoming: [] });
      expect(doc.revisions[0]).toMatchObject({ id: '2025-04-01', change: 'editorial', state: day === '2025-03-20' ? 'upcoming' : 'in-force' });
    }
  });
});

describe('JSON-LD and head links', () => {
  const pages = () => listFiles(out).filter((f) => f.endsWith('.html'));

  it('every policy, revision and home page has JSON-LD that parses and uses schema.org terms only', () => {
    const vocab = schemaOrg();
    // The vocabulary is schema.org's, whole.
    expect(vocab.types.size).toBeGreaterThan(800);
    expect(vocab.types.get('DigitalDocument')).toContain('temporalCoverage');
    let checked = 0;
    for (const dir of [out, later]) {
      for (const page of listFiles(dir).filter((f) => f.endsWith('.html'))) {
        const blocks = jsonLdOf(read(dir, page));
        const expected = page === 'index.html' || /^(terms|notes)\/(\d{4}-\d{2}-\d{2}\/)?index\.html$/.test(page);
        expect(blocks.length, page).toBe(expected ? 1 : 0);
        for (const b of blocks) {
          expect(foreignTerms(b, vocab), page).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    // And the check would see a term schema.org does not have.
    expect(foreignTerms({ '@context': 'https://schema.org', '@type': 'WebPage', effectiveDate: '2024-01-01', hasPart: { '@type': 'Policy' } })).toEqual([
      '$.effectiveDate: not a schema.org property',
      '$.hasPart: @type "Policy" is not a schema.org type',
    ]);
  });

  it('a policy page: the version it shows, the day the policy began, and every version as a part', () => {
    const [ld] = jsonLdOf(read(out, 'terms/index.html')) as [Record<string, unknown>];
    expect(ld).toMatchObject({
      '@type': 'WebPage',
      '@id': `${SITE}terms/`,
      inLanguage: 'en',
      version: '2024-07-01',
      datePublished: '2024-01-01',
      // The text it shows last changed with the correction of 2 September 2024.
      dateModified: '2024-09-02',
      publisher: { '@type': 'Organization', name: 'Illustrious Inc.' },
      mainEntity: { '@type': 'DigitalDocument', '@id': `${SITE}terms/2024-07-01/` },
    });
    expect((ld.hasPart as Array<{ version: string; temporalCoverage: string }>).map((p) => [p.version, p.temporalCoverage])).toEqual([
      ['2024-01-01', '2024-01-01/2024-06-30'],
      ['2024-07-01', '2024-07-01/2025-02-19'],
      ['2025-02-20', '2025-02-20/2025-02-28'],
      ['2025-03-01', '2025-03-01/..'],
    ]);
  });

  it('a revision page: a DigitalDocument that revises the one before, with its Markdown and SHA-256', () => {
    const [ld] = jsonLdOf(read(out, 'terms/2025-02-20/index.html')) as [Record<string, unknown>];
    const md = readFileSync(join(out, 'terms/2025-02-20.md'));
    expect(ld).toEqual({
      '@context': 'https://schema.org',
      '@type': 'DigitalDocument',
      '@id': `${SITE}terms/2025-02-20/`,
      url: `${SITE}terms/2025-02-20/`,
      name: 'Terms of Service',
      inLanguage: 'en',
      version: '2025-02-20',
      abstract: 'Clearer wording; nothing changes in what the terms say.',
      datePublished: '2025-02-01',
      dateModified: '2025-02-01',
      temporalCoverage: '2025-02-20/2025-02-28',
      isBasedOn: { '@type': 'DigitalDocument', '@id': `${SITE}terms/2024-07-01/` },
      isPartOf: { '@type': 'WebPage', '@id': `${SITE}terms/`, name: 'Terms of Service' },
      publisher: expect.objectContaining({ '@type': 'Organization' }),
      encoding: { '@type': 'MediaObject', contentUrl: `${SITE}terms/2025-02-20.md`, encodingFormat: 'text/markdown', sha256: sha(md) },
    });
  });

  it('every revision page links its original, the TimeMap and the versions around it, its Markdown and the versions API', () => {
    for (const page of pages().filter((p) => /^[a-z]+\/\d{4}-\d{2}-\d{2}\/index\.html$/.test(p))) {
      const [policy, date] = page.split('/') as [string, string];
      const links = headLinks(read(out, page));
      const rel = (r: string) => links.filter((l) => l.rel.split(' ').includes(r));
      expect(rel('original').map((l) => l.href), page).toEqual([`${SITE}${policy}/`]);
      expect(rel('timemap'), page).toEqual([{ rel: 'timemap', href: `${SITE}${policy}/timemap`, type: 'application/link-format' }]);
      expect(rel('memento').length, page).toBeGreaterThan(0);
      expect(rel('first')[0]!.href).toBe(`${SITE}${policy}/${policy === 'terms' ? '2024-01-01' : '2024-05-01'}/`);
      expect(links).toContainEqual(expect.objectContaining({ rel: 'alternate', type: 'text/markdown', href: `${SITE}${policy}/${date}.md` }));
      expect(links).toContainEqual(expect.objectContaining({ rel: 'alternate', type: 'application/json', href: `${SITE}${policy}/versions.json` }));
    }
    // The version in force: its previous version, and itself as the last.
    const links = headLinks(read(out, 'terms/2024-07-01/index.html'));
    expect(links.filter((l) => l.rel.endsWith('memento')).map((l) => `${l.rel} ${l.href.slice(SITE.length)}`)).toEqual(['first prev memento terms/2024-01-01/', 'last memento terms/2024-07-01/']);
  });

  it('the home page links its policies.json, and its terms of service and privacy policy (RFC 6903)', () => {
    const links = headLinks(read(out, 'index.html'));
    expect(links).toContainEqual(expect.objectContaining({ rel: 'alternate', type: 'application/json', href: `${SITE}policies.json` }));
    expect(links.filter((l) => l.rel === 'terms-of-service' || l.rel === 'privacy-policy')).toEqual([{ rel: 'terms-of-service', href: `${SITE}terms/` }]);
  });
});

describe('terms types (Open Terms Archive ontology) and RFC 6903', () => {
  const settings = validateSettings({ ...config, url: SITE });
  const rev = (policy: string, title: string): Revision => ({ policy, effective: '2024-01-01', published: '2024-01-01', title, summary: undefined, change: 'material', bodyLine: 4, bodyStart: 0, sha256: '0'.repeat(64), analysis: policy, visible: '', file: '', path: '' });

  it('reads a policy’s type from its title or id, or from the settings', () => {
    expect(termsTypeOf({ id: 'privacy', title: 'How we handle your data' })).toBe('Privacy Policy');
    expect(termsTypeOf({ id: 'legal', title: 'Terms and Conditions' })).toBe('Terms of Service');
    expect(termsTypeOf({ id: 'tos', title: 'Our rules' })).toBe('Terms of Service');
    expect(termsTypeOf({ id: 'cookies', title: 'Cookie Policy' })).toBe('Trackers Policy');
    expect(termsTypeOf({ id: 'acceptable-use', title: 'GitHub Acceptable Use Policies' })).toBe('Acceptable Use Policy');
    expect(termsTypeOf({ id: 'notes', title: 'Community Notes' })).toBeUndefined();
    expect(termsTypeOf({ id: 'notes', title: 'Community Notes' }, 'Community Guidelines')).toBe('Community Guidelines');
  });

  it('links the home page to each policy that is a privacy policy or terms of service, whatever its id', () => {
    const model = buildSiteModel([{ id: 'data', revisions: [rev('data', 'Privacy Notice')] }, { id: 'legal', revisions: [rev('legal', 'Terms of Use')] }, { id: 'notes', revisions: [rev('notes', 'Notes')] }], '2025-01-01');
    const withTypes = { ...settings, types: { data: 'Privacy Policy' } };
    expect(homeHead(withTypes, model).links.filter((l) => l.rel !== 'alternate')).toEqual([
      { rel: 'privacy-policy', href: `${SITE}data/` },
      { rel: 'terms-of-service', href: `${SITE}legal/` },
    ]);
  });

  it('refuses settings that name an unknown type, or a hub that is not an http(s) address', () => {
    expect(() => validateSettings({ ...config, types: { data: 'Privacy Notice' } })).toThrow(/setting "types.data" \("Privacy Notice"\) is not an Open Terms Archive terms type/);
    expect(() => validateSettings({ ...config, types: { 'Bad Id': 'Privacy Policy' } })).toThrow(/not a policy id/);
    expect(() => validateSettings({ ...config, hub: 'ftp://hub.example/' })).toThrow(/setting "hub" \("ftp:\/\/hub.example\/"\) is not an http\(s\) URL/);
    expect(validateSettings({ ...config, hub: 'https://hub.example/publish' }).hub).toBe('https://hub.example/publish');
  });
});

describe('Open Terms Archive declarations', () => {
  it('validate, and select the policy’s title and text on its page: one element each, and nothing that changes with the day', () => {
    const v = schemas();
    const decl = json<{ name: string; terms: Record<string, { fetch: string; select: string[] }> }>(out, 'terms/ota-declaration.json');
    expect(errorsOf(v.ota, decl)).toEqual([]);
    expect(decl).toEqual({ name: 'Illustrious Inc.', terms: { 'Terms of Service': { fetch: `${SITE}terms/`, select: ['[data-redline-title]', '[data-redline-text]'] } } });
    // Community Notes is no terms type the archive knows: no declaration (types in redline.config.ts gives one).
    expect(existsSync(join(out, 'notes/ota-declaration.json'))).toBe(false);
    type Node = { nodeName: string; attrs?: Array<{ name: string; value: string }>; childNodes?: Node[]; value?: string };
    const find = (n: Node, attr: string, acc: Node[] = []): Node[] => {
      if (n.attrs?.some((a) => a.name === attr)) acc.push(n);
      for (const c of n.childNodes ?? []) find(c, attr, acc);
      return acc;
    };
    const text = (n: Node): string => (n.nodeName === '#text' ? n.value! : (n.childNodes ?? []).map(text).join(''));
    const selected = (dir: string) => {
      const doc = parse(read(dir, 'terms/index.html')) as unknown as Node;
      const title = find(doc, 'data-redline-title');
      const body = find(doc, 'data-redline-text');
      expect([title.length, body.length]).toEqual([1, 1]);
      return `${text(title[0]!)}\n${text(body[0]!)}`;
    };
    const early = selected(out);
    expect(early).toContain('Either of us may end this agreement at any time.');
    // Not the dates or notices around the text: the selection is the same while the same version is in force.
    expect(early).not.toMatch(/Effective|updating this policy|2024/);
    const mid = buildFixture('lifecycle', ['--now', '2025-02-20']);
    return mid.then((dir) => {
      // On 20 February the editorial revision is in force: the archive sees its text, and only it.
      expect(selected(dir)).not.toBe(early);
    });
  });
});

describe('archive friendliness: no "last updated" that changes without the policy changing', () => {
  it('two builds on days between which no revision is announced or takes effect are the same, byte for byte', async () => {
    // test/fixtures/site: cookies 2025-01-15 is announced on 2024-12-15; nothing happens until 2025-01-15.
    const a = await buildFixture('site', [], { SOURCE_DATE_EPOCH: String(Date.UTC(2024, 11, 14, 15) / 1000), TZ: 'America/Los_Angeles' });
    const b = await buildFixture('site', ['--now', '2024-12-20'], { TZ: 'America/Los_Angeles' });
    const files = listFiles(a);
    expect(listFiles(b)).toEqual(files);
    const differ = files.filter((f) => !readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
    expect(differ).toEqual([]);
  });

  it('two builds on days between which one revision takes effect differ only where its policy’s states changed', async () => {
    // As of 2025-02-20 and 2025-03-01: terms 2025-03-01 takes effect (2025-02-20 is superseded); notes change nothing.
    const a = await buildFixture('lifecycle', ['--now', '2025-02-20']);
    const b = later;
    const all = [...new Set([...listFiles(a), ...listFiles(b)])].sort();
    const differ = all.filter((f) => !existsSync(join(a, f)) || !existsSync(join(b, f)) || !readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
    // Each file that differs is the terms' own, or a site-wide list of the policies in force (the home page,
    // policies.json, the sitemap's lastmod of /terms/, the _headers of its new memento, and the search index), and
    // the home page in Japanese too (Redline's own settings, with which the fixture is built, publish it in en and ja).
    const siteWide = new Set(['index.html', 'policies.json', 'sitemap.xml', '_headers', 'ja/index.html']);
    const unexpected = differ.filter((f) => !f.startsWith('terms/') && !siteWide.has(f) && !f.startsWith('pagefind/'));
    expect(unexpected).toEqual([]);
    expect(differ.filter((f) => f.startsWith('notes/'))).toEqual([]);
    // The feeds do not depend on the day at all.
    for (const f of ['feed.xml', 'atom.xml', 'feed.json', 'terms/feed.xml', 'terms/calendar.ics']) expect(differ, f).not.toContain(f);
  });

  it('robots.txt and the sitemap name every revision and its Markdown', () => {
    const robots = read(out, 'robots.txt');
    const sitemap = read(out, 'sitemap.xml');
    for (const [policy, dates] of [['terms', ['2024-01-01', '2024-07-01', '2025-02-20', '2025-03-01']], ['notes', ['2024-05-01', '2025-02-12']]] as const) {
      for (const d of dates) {
        expect(robots).toContain(`Allow: /legal/${policy}/${d}/\nAllow: /legal/${policy}/${d}.md\n`);
        expect(sitemap).toContain(`<loc>${SITE}${policy}/${d}/</loc>`);
        expect(sitemap).toContain(`<loc>${SITE}${policy}/${d}.md</loc>`);
      }
    }
    expect(robots).toMatch(/^User-agent: \*\nAllow: \/\n/);
    expect(robots).toContain(`Sitemap: ${SITE}sitemap.xml\n`);
    // The corrected revision last changed on its correction.
    expect(sitemap).toContain(`<loc>${SITE}terms/2024-07-01.md</loc><lastmod>2024-09-02</lastmod>`);
    for (const text of [robots, sitemap]) expect(text).not.toContain('2025-06-01');
  });
});


