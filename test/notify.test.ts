// WebSub (src/core/websub.ts, src/node/websub.ts, `redline notify`): feeds name the hub, and after a
// deploy `notify` tells a hub (here a stub on 127.0.0.1) of the feeds that changed since it was last
// told: the right feeds, once each, with retries, and a one-line error when it cannot.
//
// test/fixtures/feeds built as of 2025-01-20 and 2025-05-01: between the two, fees 2025-06-01 is
// announced, so the site's feeds and the fees feeds change; the privacy feeds do not.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFixture, read, run, tempDir } from './helpers/cli.ts';
import { validateAtomString } from './helpers/feeds.ts';
import { serveStatic } from '../src/node/static-server.ts';
import { changedFeeds, nextState, publishBody } from '../src/core/websub.ts';
import { renderFeed, feedEntries } from '../src/core/feeds.ts';
import { buildSiteModel } from '../src/core/site.ts';
import type { Revision } from '../src/core/revisions.ts';
import type { SiteSettings } from '../src/core/settings.ts';

const SITE = 'https://example.org/legal/';
const FEEDS = ['feed.xml', 'atom.xml', 'feed.json', 'fees/feed.xml', 'fees/atom.xml', 'fees/feed.json', 'privacy/feed.xml', 'privacy/atom.xml', 'privacy/feed.json'].map((f) => `${SITE}${f}`);
const ENV = { REDLINE_NOTIFY_RETRY_MS: '5' };

/** A WebSub hub stub: records each request; `answer` decides the status for each (by feed and try). */
class Hub {
  requests: Array<{ method: string; type: string; mode: string | null; url: string | null }> = [];
  answer: (feed: string, n: number) => number = () => 204;
  server!: Server;
  address = '';
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const url = form.get('hub.url');
        this.requests.push({ method: req.method!, type: req.headers['content-type'] ?? '', mode: form.get('hub.mode'), url });
        const n = this.requests.filter((r) => r.url === url).length;
        res.writeHead(this.answer(url ?? '', n)).end();
      });
    });
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    this.address = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/publish`;
    return this;
  }
  told(): string[] {
    return this.requests.map((r) => r.url!);
  }
  stop(): Promise<void> {
    return new Promise((ok) => this.server.close(() => ok()));
  }
}

let before: string;
let after: string;
let hub: Hub;
beforeAll(async () => {
  [before, after] = await Promise.all([buildFixture('feeds', ['--now', '2025-01-20', '--site', SITE]), buildFixture('feeds', ['--now', '2025-05-01', '--site', SITE])]);
  hub = await new Hub().start();
});
afterAll(() => hub.stop());
afterEach(() => {
  hub.requests = [];
  hub.answer = () => 204;
});

const notify = (args: string[]) => run(['notify', '--hub', hub.address, ...args], { env: ENV });

describe('redline notify', () => {
  it('tells the hub of every feed the first time, once each, as hub.mode=publish; then of none until one changes', async () => {
    const state = join(tempDir('redline-notify-'), 'state.json');
    const first = await notify(['--out', before, '--state', state]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(hub.told()).toEqual(FEEDS);
    for (const r of hub.requests) expect(r).toMatchObject({ method: 'POST', type: 'application/x-www-form-urlencoded', mode: 'publish' });
    expect(first.stdout).toBe(`Told ${hub.address} of 9 changed feeds:\n${FEEDS.map((f) => `  ${f}\n`).join('')}`);
    hub.requests = [];
    const again = await notify(['--out', before, '--state', state]);
    expect(again.stdout).toBe(`No feed changed since ${hub.address} was last told (9 feeds).\n`);
    expect(hub.requests).toEqual([]);
  });

  it('after the next deploy, tells it of exactly the feeds whose bytes changed', async () => {
    const state = join(tempDir('redline-notify-'), 'state.json');
    await notify(['--out', before, '--state', state]);
    hub.requests = [];
    const r = await notify(['--out', after, '--state', state]);
    expect(r.code).toBe(0);
    const changed = FEEDS.filter((f) => !readFileSync(join(before, f.slice(SITE.length))).equals(readFileSync(join(after, f.slice(SITE.length)))));
    expect(changed).toEqual(FEEDS.filter((f) => !f.includes('/privacy/')));
    expect(hub.told()).toEqual(changed);
  });

  it('reads the feeds from the deployed site as well as from the folder', async () => {
    const server = serveStatic(after, '/legal');
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const state = join(tempDir('redline-notify-'), 'state.json');
      const served = `http://127.0.0.1:${(server.address() as AddressInfo).port}/legal/`;
      const r = await notify(['--site', served, '--state', state]);
      expect(r.code).toBe(0);
      // Fetched where it is served, named by its public address (the feeds' self links).
      expect(hub.told()).toEqual(FEEDS);
      hub.requests = [];
      // The folder and the site are the same bytes: nothing more to tell.
      expect((await notify(['--out', after, '--state', state])).stdout).toMatch(/^No feed changed/);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });

  it('tries again while the hub is busy or failing, and records each feed once it is taken', async () => {
    const state = join(tempDir('redline-notify-'), 'state.json');
    hub.answer = (feed, n) => (feed.endsWith('/legal/atom.xml') && n <= 2 ? (n === 1 ? 503 : 429) : 202);
    const r = await notify(['--out', before, '--state', state]);
    expect(r.code).toBe(0);
    expect(hub.told().filter((u) => u === `${SITE}atom.xml`)).toHaveLength(3);
    expect(hub.told().filter((u) => u !== `${SITE}atom.xml`)).toEqual(FEEDS.filter((f) => f !== `${SITE}atom.xml`));
    expect(Object.keys(JSON.parse(readFileSync(state, 'utf8')).feeds)).toHaveLength(9);
  });

  it('fails in one line when the hub keeps failing, stops there, and tells it of the rest next time', async () => {
    const state = join(tempDir('redline-notify-'), 'state.json');
    hub.answer = (feed) => (feed.endsWith('/legal/atom.xml') ? 500 : 204);
    const r = await notify(['--out', before, '--state', state]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`notify: ${hub.address} did not take ${SITE}atom.xml (nor 7 more changed feeds): HTTP 500 Internal Server Error after 3 tries — the feeds it took are recorded in ${state}; run notify again to tell it of the others\n`);
    expect(r.stdout).toBe(`Told ${hub.address} of 1 changed feed:\n  ${SITE}feed.xml\n`);
    expect(hub.told()).toEqual([FEEDS[0], FEEDS[1], FEEDS[1], FEEDS[1]]);
    hub.requests = [];
    hub.answer = () => 204;
    expect((await notify(['--out', before, '--state', state])).code).toBe(0);
    expect(hub.told()).toEqual(FEEDS.slice(1));
  });

  it('does not try again a feed the hub refuses, and goes on with the others', async () => {
    const state = join(tempDir('redline-notify-'), 'state.json');
    hub.answer = (feed) => (feed.endsWith('/fees/atom.xml') ? 400 : 204);
    const r = await notify(['--out', before, '--state', state]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^notify: \S+ did not take https:\/\/example\.org\/legal\/fees\/atom\.xml: HTTP 400 Bad Request after 1 try — .*\n$/);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(hub.told()).toEqual(FEEDS);
  });

  it('says in one line that the hub cannot be reached', async () => {
    const closed = await new Hub().start();
    await closed.stop();
    const state = join(tempDir('redline-notify-'), 'state.json');
    const r = await run(['notify', '--hub', closed.address, '--out', before, '--state', state], { env: ENV });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^notify: http:\/\/127\.0\.0\.1:\d+\/publish did not take https:\/\/example\.org\/legal\/feed\.xml \(nor 8 more changed feeds\): ECONNREFUSED after 3 tries — /);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(JSON.parse(readFileSync(state, 'utf8')).feeds).toEqual({});
  });

  it('has nothing to do without a hub, and refuses what is not a site or a hub', async () => {
    const none = await run(['notify', '--out', before]);
    expect(none).toMatchObject({ code: 0, stdout: 'No WebSub hub is set (hub in redline.config.ts, or --hub URL): nothing to notify.\n' });
    const bad = await run(['notify', '--hub', 'hub.example', '--out', before]);
    expect(bad).toMatchObject({ code: 1, stderr: '--hub: "hub.example" is not an http(s) URL — give the address of the WebSub hub, such as https://pubsubhubbub.appspot.com/\n' });
    const empty = tempDir('redline-notify-');
    const missing = await notify(['--out', empty, '--state', join(empty, 's.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/policies\.json: is missing — give --out the folder of a site built by this version of Redline\n$/);
    expect(existsSync(join(empty, 's.json'))).toBe(false);
  });
});

describe('what to tell, and the state (pure)', () => {
  const current = new Map([['a', '1'], ['b', '2']]);
  it('is every feed whose hash differs, or all of them for another hub or site', () => {
    const state = { version: 1 as const, hub: 'h', site: 's', feeds: { a: '1', b: 'old' } };
    expect(changedFeeds(current, state, 'h', 's')).toEqual(['b']);
    expect(changedFeeds(current, state, 'other', 's')).toEqual(['a', 'b']);
    expect(changedFeeds(current, undefined, 'h', 's')).toEqual(['a', 'b']);
    expect(nextState(current, state, 'h', 's', new Set(['b']))).toEqual({ version: 1, hub: 'h', site: 's', feeds: { a: '1', b: 'old' } });
    expect(nextState(current, undefined, 'h', 's', new Set(['b']))).toEqual({ version: 1, hub: 'h', site: 's', feeds: { a: '1' } });
    expect(publishBody('https://example.org/a b.xml?x=1&y')).toBe('hub.mode=publish&hub.url=https%3A%2F%2Fexample.org%2Fa+b.xml%3Fx%3D1%26y');
  });
});

describe('feeds name the hub (rel="hub") and themselves (rel="self")', () => {
  const settings: SiteSettings = { name: 'Example', owner: 'Example Ltd', url: SITE, lang: 'en', timeZone: 'Asia/Tokyo', contact: { name: 'Legal' }, hub: 'https://hub.example/?a=1&b=2' };
  const rev = (effective: string): Revision => ({ policy: 'terms', effective, published: effective, title: 'Terms', summary: 'Why.', change: 'material', bodyLine: 4, bodyStart: 0, sha256: '', analysis: '', visible: '', file: '', path: '' });
  const model = buildSiteModel([{ id: 'terms', revisions: [rev('2024-01-01')] }], '2025-01-01');
  const entries = feedEntries(model, 'terms', () => undefined);
  const policy = model.policies[0];

  it('in Atom, RSS and JSON Feed, when the settings name one', () => {
    const atom = renderFeed('atom', settings, { policy }, entries);
    expect(atom).toContain('<link rel="hub" href="https://hub.example/?a=1&amp;b=2"/>');
    expect(atom).toContain(`<link rel="self" href="${SITE}terms/atom.xml"/>`);
    expect(validateAtomString(atom)).toEqual([]);
    const rss = renderFeed('rss', settings, { policy }, entries);
    expect(rss).toContain('<atom:link href="https://hub.example/?a=1&amp;b=2" rel="hub"/>');
    expect(rss).toContain(`<atom:link href="${SITE}terms/feed.xml" rel="self" type="application/rss+xml"/>`);
    const json = JSON.parse(renderFeed('json', settings, { policy }, entries)) as { feed_url: string; hubs: unknown };
    expect(json.feed_url).toBe(`${SITE}terms/feed.json`);
    expect(json.hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example/?a=1&b=2' }]);
  });

  it('and no hub link otherwise', () => {
    const { hub: _none, ...without } = settings;
    for (const f of ['atom', 'rss', 'json'] as const) expect(renderFeed(f, without, { policy }, entries)).not.toMatch(/hub/);
    // The built sites of the tests have none.
    expect(read(before, 'atom.xml')).not.toContain('rel="hub"');
  });
});
