// Memento (RFC 7089), src/core/memento.ts: the datetime of a version, TimeMaps, the _headers rules within
// Cloudflare's 100, and the TimeGate, end to end through `redline preview` (Accept-Datetime → 302) and
// through the edge function of docs/how-to/memento.md, run as written there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveStatic } from '../src/node/static-server.ts';
import { buildFixture, read, root, tempDir } from './helpers/cli.ts';
import {
  formatHeaderRules,
  headersFile,
  headersFor,
  MAX_HEADER_RULES,
  mementoDatetime,
  mementoHeaderRules,
  parseHeaderRules,
  parseHttpDate,
  parseLinks,
  ruleMatches,
  selectMemento,
  timeMap,
} from '../src/core/memento.ts';
import { buildSiteModel } from '../src/core/site.ts';
import type { Revision } from '../src/core/revisions.ts';
import type { SiteSettings } from '../src/core/settings.ts';
import { addDays } from '../src/core/dates.ts';

const settings: SiteSettings = { name: 'Example Policies', owner: 'Example Ltd', url: 'https://example.org/legal/', lang: 'en', timeZone: 'Asia/Tokyo', contact: { name: 'Legal' } };

function rev(policy: string, effective: string, o: Partial<Revision> = {}): Revision {
  return { policy, effective, published: o.published ?? effective, title: 'Terms', summary: o.summary ?? 'x', change: o.change ?? 'material', bodyLine: 4, bodyStart: 0, sha256: '0'.repeat(64), analysis: effective, visible: '', file: `${policy}/${effective}.md`, path: `/x/${policy}/${effective}.md` };
}

describe('the datetime of a version', () => {
  it('is midnight at the start of its effective date in the site time zone, as an HTTP date', () => {
    expect(mementoDatetime('2024-07-01', 'Asia/Tokyo')).toBe('Sun, 30 Jun 2024 15:00:00 GMT');
    expect(mementoDatetime('2024-07-01', 'America/New_York')).toBe('Mon, 01 Jul 2024 04:00:00 GMT');
    expect(mementoDatetime('2024-01-01', 'America/New_York')).toBe('Mon, 01 Jan 2024 05:00:00 GMT');
    expect(mementoDatetime('2024-03-10', 'America/New_York')).toBe('Sun, 10 Mar 2024 05:00:00 GMT'); // the day summer time starts
    expect(mementoDatetime('2024-07-01', 'UTC')).toBe('Mon, 01 Jul 2024 00:00:00 GMT');
  });

  it('reads HTTP dates, the only form Accept-Datetime takes, and nothing else', () => {
    expect(parseHttpDate('Sun, 30 Jun 2024 15:00:00 GMT')).toBe(Date.UTC(2024, 5, 30, 15));
    expect(parseHttpDate(' Thu, 31 May 2007 20:35:00 GMT ')).toBe(Date.UTC(2007, 4, 31, 20, 35));
    for (const bad of ['2024-06-30T15:00:00Z', 'Sun, 31 Feb 2024 15:00:00 GMT', 'Sun, 30 Jun 2024 25:00:00 GMT', 'Sun, 30 Jun 2024 15:00:00 +0900', 'yesterday', '']) {
      expect(parseHttpDate(bad), bad).toBeUndefined();
    }
  });
});

describe('the TimeMap', () => {
  const model = buildSiteModel([{ id: 'terms', revisions: [rev('terms', '2024-01-01'), rev('terms', '2024-07-01'), rev('terms', '2025-03-01', { published: '2025-01-30' })] }], '2025-02-10');
  const policy = model.policies[0]!;

  it('lists the original, itself, and each version in force so far with its datetime, oldest first; not the upcoming one', () => {
    expect(timeMap(settings, policy)).toBe(
      [
        '<https://example.org/legal/terms/>; rel="original",',
        '<https://example.org/legal/terms/timemap>; rel="self"; type="application/link-format"; from="Sun, 31 Dec 2023 15:00:00 GMT"; until="Sun, 30 Jun 2024 15:00:00 GMT",',
        '<https://example.org/legal/terms/2024-01-01/>; rel="first memento"; datetime="Sun, 31 Dec 2023 15:00:00 GMT",',
        '<https://example.org/legal/terms/2024-07-01/>; rel="last memento"; datetime="Sun, 30 Jun 2024 15:00:00 GMT"',
        '',
      ].join('\n'),
    );
  });

  it('reads back as it was written, and picks the version in force at any moment', () => {
    const links = parseLinks(timeMap(settings, policy));
    expect(links.map((l) => l.rel.join(' '))).toEqual(['original', 'self', 'first memento', 'last memento']);
    expect(links[1]!.params).toEqual({ type: 'application/link-format', from: 'Sun, 31 Dec 2023 15:00:00 GMT', until: 'Sun, 30 Jun 2024 15:00:00 GMT' });
    const at = (iso: string) => selectMemento(links, Date.parse(iso))!.href.replace('https://example.org/legal/terms/', '');
    expect(at('2000-01-01T00:00:00Z')).toBe('2024-01-01/'); // before the first: the first
    expect(at('2024-03-01T00:00:00Z')).toBe('2024-01-01/');
    expect(at('2024-06-30T14:59:59Z')).toBe('2024-01-01/'); // 23:59:59 on 30 June in Tokyo
    expect(at('2024-06-30T15:00:00Z')).toBe('2024-07-01/'); // midnight on 1 July in Tokyo
    expect(at('2099-01-01T00:00:00Z')).toBe('2024-07-01/');
  });

  it('of a policy not in force yet has no memento, and a TimeGate has nothing to redirect to', () => {
    const m = buildSiteModel([{ id: 'terms', revisions: [rev('terms', '2025-03-01', { published: '2025-01-30' })] }], '2025-02-10');
    const text = timeMap(settings, m.policies[0]!);
    expect(text).toBe('<https://example.org/legal/terms/>; rel="original",\n<https://example.org/legal/terms/timemap>; rel="self"; type="application/link-format"\n');
    expect(selectMemento(parseLinks(text), Date.now())).toBeUndefined();
  });
});

describe('_headers rules', () => {
  it('match as Netlify and Cloudflare read them: exact paths, * for any characters, values of several rules joined', () => {
    expect(ruleMatches('/terms/', '/terms/')).toBe(true);
    expect(ruleMatches('/terms/', '/terms/history/')).toBe(false);
    expect(ruleMatches('/_astro/*', '/_astro/a.b.css')).toBe(true);
    expect(ruleMatches('/*', '/')).toBe(true);
    const rules = parseHeaderRules('# c\n/*\n  Link: <a>; rel="x"\n/terms/\n  Link: <b>; rel="y"\n  Vary: z\n');
    expect(rules).toEqual([{ path: '/*', headers: [['Link', '<a>; rel="x"']] }, { path: '/terms/', headers: [['Link', '<b>; rel="y"'], ['Vary', 'z']] }]);
    expect(parseHeaderRules(formatHeaderRules(rules))).toEqual(rules);
    expect([...headersFor(rules, '/terms/').values()]).toEqual([{ name: 'Link', value: '<a>; rel="x", <b>; rel="y"' }, { name: 'Vary', value: 'z' }]);
  });

  it('stay within the 100 rules Cloudflare Pages reads: the newest versions first, the others named in a comment', () => {
    const revisions = Array.from({ length: 120 }, (_, i) => rev('terms', addDays('2020-01-01', i * 7)));
    const model = buildSiteModel([{ id: 'terms', revisions }, { id: 'privacy', revisions: [rev('privacy', '2020-01-01')] }], '2024-01-01');
    const fixed = readFileSync(join(root, 'src/client/_headers'), 'utf8');
    const generated = mementoHeaderRules(settings, model);
    expect(generated).toHaveLength(1 + 2 * 3 + 121);
    const file = headersFile(fixed, generated);
    expect(file.startsWith(fixed)).toBe(true);
    const rules = parseHeaderRules(file);
    expect(rules).toHaveLength(MAX_HEADER_RULES);
    const fixedCount = parseHeaderRules(fixed).length;
    // The JSON files, TimeMaps and policy pages first, then the versions from the newest.
    expect(rules.slice(fixedCount, fixedCount + 7).map((r) => r.path)).toEqual(['/policies.json', '/privacy/timemap', '/privacy/versions.json', '/privacy/', '/terms/timemap', '/terms/versions.json', '/terms/']);
    const kept = rules.slice(fixedCount + 7).map((r) => r.path);
    expect(kept[0]).toBe(`/terms/${revisions.at(-1)!.effective}/`);
    const left = 121 - kept.length;
    expect(file).toContain(`# Left out: Cloudflare Pages reads at most 100 rules. The pages of these ${left} older revisions`);
    const named = [...file.matchAll(/^# {3}(\/\S+)$/gm)].map((m) => m[1]!);
    expect(named).toHaveLength(left);
    expect(new Set([...kept, ...named]).size).toBe(121);
    expect(named).toContain('/terms/2020-01-01/');
  });
});

// ---------------------------------------------------------------------------------------------
// End to end: redline preview serves the built site's _headers and is the TimeGate.

const children: ChildProcess[] = [];
const servers: Server[] = [];
afterAll(() => {
  for (const c of children) c.kill();
  for (const s of servers) s.close();
});

function preview(out: string): Promise<string> {
  const child = spawn(process.execPath, [join(root, 'src/cli/redline.ts'), 'preview', '--out', out, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((ok, fail) => {
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      const m = /on (http:\/\/localhost:\d+\/\S*) /.exec(text);
      if (m) ok(m[1]!);
    });
    child.on('exit', (code) => fail(new Error(`preview exited with ${code}`)));
  });
}

const ask = (url: string, datetime?: string, method = 'GET') => fetch(url, { method, redirect: 'manual', headers: datetime === undefined ? {} : { 'accept-datetime': datetime } });

/**
 * test/fixtures/lifecycle (Asia/Tokyo): terms 2024-01-01; 2024-07-01 (corrected); 2025-02-20
 * (editorial); 2025-03-01. As of 2025-03-01 all four are mementos; as of 2025-02-10 the last two
 * are upcoming.
 */
describe('redline preview is a TimeGate and sends the Memento headers', () => {
  let later: string; // as of 2025-03-01, at the site's root
  let early: string; // as of 2025-02-10, under /legal/
  let laterDir: string;
  beforeAll(async () => {
    laterDir = await buildFixture('lifecycle', ['--now', '2025-03-01']);
    const earlyDir = await buildFixture('lifecycle', ['--now', '2025-02-10', '--site', 'https://example.org/legal/']);
    later = await preview(laterDir);
    // The same server as preview's (src/node/static-server.ts), in this process, for the site under a sub-path.
    const server = serveStatic(earlyDir, '/legal');
    servers.push(server);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    early = `http://127.0.0.1:${(server.address() as AddressInfo).port}/legal/`;
  });

  const PUBLIC = 'https://policies.illustrious.example/';
  const cases: Array<[string, string, string]> = [
    ['before the first revision', 'Mon, 01 Jan 2018 00:00:00 GMT', '2024-01-01'],
    ['between two revisions', 'Tue, 01 Oct 2024 12:00:00 GMT', '2024-07-01'],
    ['a second before an effective date begins in Tokyo', 'Wed, 19 Feb 2025 14:59:59 GMT', '2024-07-01'],
    ['on an effective date: its first moment in Tokyo', 'Wed, 19 Feb 2025 15:00:00 GMT', '2025-02-20'],
    ['on an effective date: noon in Tokyo', 'Sat, 01 Mar 2025 03:00:00 GMT', '2025-03-01'],
    ['after the last revision', 'Tue, 01 Jan 2030 00:00:00 GMT', '2025-03-01'],
  ];

  it('redirects Accept-Datetime to the version in force then', async () => {
    for (const [what, datetime, version] of cases) {
      const r = await ask(`${later}terms/`, datetime);
      expect({ what, status: r.status, location: r.headers.get('location') }).toEqual({ what, status: 302, location: `/terms/${version}/` });
      expect(r.headers.get('vary')).toBe('accept-datetime');
      const links = parseLinks(r.headers.get('link')!);
      expect(links.map((l) => [l.href, l.rel.join(' ')])).toEqual([
        [`${PUBLIC}terms/`, 'original timegate'],
        [`${PUBLIC}terms/timemap`, 'timemap'],
        [`${PUBLIC}terms/${version}/`, 'memento'],
      ]);
      expect(links[2]!.params.datetime).toBe(mementoDatetime(version, 'Asia/Tokyo'));
      // And the version it names is there, with the same datetime.
      const page = await ask(new URL(r.headers.get('location')!, later).href);
      expect(page.status).toBe(200);
      expect(page.headers.get('memento-datetime')).toBe(links[2]!.params.datetime);
    }
  });

  it('under a sub-path, redirects within it; an upcoming revision is not a version to redirect to yet', async () => {
    const r = await ask(`${early}terms/`, 'Tue, 01 Jan 2030 00:00:00 GMT');
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/legal/terms/2024-07-01/');
    const upcoming = await ask(`${early}terms/2025-03-01/`);
    expect(upcoming.status).toBe(200);
    expect(upcoming.headers.get('memento-datetime')).toBeNull();
  });

  it('serves the page itself without Accept-Datetime, naming its TimeGate and TimeMap, with the site’s headers', async () => {
    const r = await ask(`${later}terms/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('<h1 data-redline-title>Terms of Service</h1>');
    expect(r.headers.get('vary')).toBe('accept-datetime');
    // The TimeGate's links, and not the TimeMap's twice (_headers names it too).
    expect(parseLinks(r.headers.get('link')!).map((l) => l.rel.join(' '))).toEqual(['original timegate', 'timemap']);
    expect(r.headers.get('content-security-policy')).toMatch(/^default-src 'none';/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    // Nothing Memento says on pages that are not a policy's.
    const history = await ask(`${later}terms/history/`, 'Tue, 01 Oct 2024 12:00:00 GMT');
    expect(history.status).toBe(200);
    expect(history.headers.get('vary')).toBeNull();
  });

  it('refuses an Accept-Datetime that is not an HTTP date', async () => {
    const r = await ask(`${later}terms/`, '2024-10-01');
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('Accept-Datetime must be an HTTP date');
  });

  it('serves the TimeMap as application/link-format, readable from other sites, as built', async () => {
    const r = await ask(`${later}terms/timemap`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/link-format');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    const text = await r.text();
    expect(text).toBe(read(laterDir, 'terms/timemap'));
    const mementos = parseLinks(text).filter((l) => l.rel.includes('memento'));
    expect(mementos.map((l) => [l.href.slice(PUBLIC.length), l.rel.join(' '), l.params.datetime])).toEqual([
      ['terms/2024-01-01/', 'first memento', 'Sun, 31 Dec 2023 15:00:00 GMT'],
      ['terms/2024-07-01/', 'memento', 'Sun, 30 Jun 2024 15:00:00 GMT'],
      ['terms/2025-02-20/', 'memento', 'Wed, 19 Feb 2025 15:00:00 GMT'],
      ['terms/2025-03-01/', 'last memento', 'Fri, 28 Feb 2025 15:00:00 GMT'],
    ]);
  });

  it('sends Memento-Datetime and the original and TimeMap links on every version, and CORS on the JSON', async () => {
    for (const v of ['2024-01-01', '2024-07-01', '2025-02-20', '2025-03-01']) {
      const r = await ask(`${later}terms/${v}/`, undefined, 'HEAD');
      expect(r.status).toBe(200);
      expect(r.headers.get('memento-datetime')).toBe(mementoDatetime(v, 'Asia/Tokyo'));
      expect(parseLinks(r.headers.get('link')!).map((l) => [l.href, l.rel.join(' ')])).toEqual([
        [`${PUBLIC}terms/`, 'original'],
        [`${PUBLIC}terms/timemap`, 'timemap'],
      ]);
    }
    for (const path of ['policies.json', 'terms/versions.json']) {
      const r = await ask(`${later}${path}`);
      expect(r.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(r.headers.get('content-type'), path).toBe('application/json; charset=utf-8');
    }
  });
});

describe('the edge-function TimeGate of docs/how-to/memento.md', () => {
  const PUBLIC = 'https://policies.illustrious.example/';
  type Handler = (request: Request, context: Record<string, unknown>) => Promise<Response>;
  let cloudflare: (context: Record<string, unknown>) => Promise<Response>;
  let netlify: Handler;
  let dir: string;
  const served: string[] = [];
  /** The built site, as the host's static files: by public address. */
  const asset = (url: URL | string) => {
    const href = String(url);
    served.push(href);
    try {
      return Promise.resolve(new Response(readFileSync(join(dir, href.slice(PUBLIC.length))), { status: 200 }));
    } catch {
      return Promise.resolve(new Response('not found', { status: 404 }));
    }
  };
  const page = () => Promise.resolve(new Response('<!doctype html>the page', { status: 200, headers: { 'content-type': 'text/html' } }));

  beforeAll(async () => {
    dir = await buildFixture('lifecycle', ['--now', '2025-03-01']);
    const md = readFileSync(join(root, 'docs/how-to/memento.md'), 'utf8');
    const blocks = [...md.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    expect(blocks).toHaveLength(3);
    // The files as the page says to lay them out.
    const project = tempDir('redline-edge-');
    const put = (path: string, text: string) => {
      mkdirSync(join(project, path, '..'), { recursive: true });
      writeFileSync(join(project, path), text);
    };
    put('functions/timegate.js', blocks[0]!);
    put('functions/_middleware.js', blocks[1]!);
    put('netlify/edge-functions/lib/timegate.js', blocks[0]!);
    put('netlify/edge-functions/timegate.js', blocks[2]!);
    put('package.json', '{ "type": "module" }');
    ({ onRequest: cloudflare } = (await import(pathToFileURL(join(project, 'functions/_middleware.js')).href)) as { onRequest: typeof cloudflare });
    ({ default: netlify } = (await import(pathToFileURL(join(project, 'netlify/edge-functions/timegate.js')).href)) as { default: Handler });
  });

  const viaCloudflare = (url: string, headers: Record<string, string> = {}) => cloudflare({ request: new Request(url, { headers }), env: { ASSETS: { fetch: asset } }, next: page });
  const viaNetlify = async (url: string, headers: Record<string, string> = {}) => {
    const saved = globalThis.fetch;
    globalThis.fetch = asset as typeof fetch;
    try {
      return await netlify(new Request(url, { headers }), { next: page });
    } finally {
      globalThis.fetch = saved;
    }
  };

  it('redirects as redline preview does, to the public addresses, on Cloudflare and Netlify alike', async () => {
    const cases: Array<[string, string]> = [
      ['Mon, 01 Jan 2018 00:00:00 GMT', '2024-01-01'],
      ['Tue, 01 Oct 2024 12:00:00 GMT', '2024-07-01'],
      ['Wed, 19 Feb 2025 14:59:59 GMT', '2024-07-01'],
      ['Wed, 19 Feb 2025 15:00:00 GMT', '2025-02-20'],
      ['Tue, 01 Jan 2030 00:00:00 GMT', '2025-03-01'],
    ];
    for (const via of [viaCloudflare, viaNetlify]) {
      for (const [datetime, version] of cases) {
        const r = await via(`${PUBLIC}terms/`, { 'accept-datetime': datetime });
        expect([datetime, r.status, r.headers.get('location')]).toEqual([datetime, 302, `${PUBLIC}terms/${version}/`]);
        expect(r.headers.get('vary')).toBe('accept-datetime');
        const links = parseLinks(r.headers.get('link')!);
        expect(links.map((l) => l.rel.join(' '))).toEqual(['original timegate', 'timemap', 'memento']);
        expect(links[2]!.params.datetime).toBe(mementoDatetime(version, 'Asia/Tokyo'));
      }
    }
    expect(served).toContain(`${PUBLIC}terms/timemap`);
  });

  it('passes every other request through, and names the TimeGate on the policy page', async () => {
    for (const path of ['', 'terms/history/', 'terms/2024-07-01/', 'terms/timemap', 'policies.json']) {
      const r = await viaCloudflare(`${PUBLIC}${path}`, { 'accept-datetime': 'Tue, 01 Oct 2024 12:00:00 GMT' });
      expect([path, r.status, r.headers.get('location')]).toEqual([path, 200, null]);
    }
    const r = await viaNetlify(`${PUBLIC}terms/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('<!doctype html>the page');
    expect(r.headers.get('vary')).toBe('accept-datetime');
    expect(r.headers.get('link')).toContain(`<${PUBLIC}terms/>; rel="original timegate"`);
    expect((await viaCloudflare(`${PUBLIC}terms/`, { 'accept-datetime': 'last Tuesday' })).status).toBe(400);
  });
});
