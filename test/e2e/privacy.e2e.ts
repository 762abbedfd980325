// A privacy policy's own site must not track its readers: on every kind of page, the request log
// holds only the site's own origin, nothing is stored (no cookie, web storage, IndexedDB, cache or
// service worker), and the Content-Security-Policy is never violated, whether sent as the pages'
// meta tag or, as a host reading src/client/_headers would send it, as a header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { cspViolations, foreignRequests, launch, openPage, storage, type WatchedPage } from './support.ts';
import { KINDS, siteOf, urlOf, type PageKind } from './pages.ts';
import { root } from '../helpers/cli.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function visit(w: WatchedPage, k: PageKind): Promise<void> {
  const response = await w.page.goto(urlOf(k), { waitUntil: 'networkidle' });
  expect(response?.status()).toBe(k.status);
  if (k.name.startsWith('search')) {
    // Searching loads Pagefind, its worker, its WebAssembly and index files.
    await w.page.locator('#search-results li').first().waitFor();
    await w.page.waitForLoadState('networkidle');
  }
}

async function expectPrivate(w: WatchedPage, k: PageKind): Promise<void> {
  expect(w.requests.length).toBeGreaterThan(0);
  expect(foreignRequests(w, siteOf(k))).toEqual([]);
  expect(await storage(w)).toEqual({ cookies: 0, documentCookie: '', local: 0, session: 0, indexedDB: 0, caches: 0, serviceWorkers: 0 });
  expect(await cspViolations(w)).toEqual([]);
  expect(w.errors).toEqual([]);
}

describe('every page: only same-origin requests, nothing stored, no CSP violation', () => {
  it.each(KINDS.map((k) => [k.name, k] as const))('%s', async (_name, k) => {
    const w = await openPage(browser);
    try {
      await visit(w, k);
      await expectPrivate(w, k);
    } finally {
      await w.close();
    }
  });

  it('the search page fetches its index from the site itself', async () => {
    const k = KINDS.find((x) => x.name === 'search')!;
    const w = await openPage(browser);
    try {
      await visit(w, k);
      const paths = w.requests.map((u) => new URL(u).pathname);
      expect(paths).toEqual(expect.arrayContaining(['/pagefind/pagefind.js', '/pagefind/pagefind-entry.json']));
      expect(paths.some((p) => /^\/pagefind\/wasm\.en\.pagefind$/.test(p))).toBe(true);
      await expectPrivate(w, k);
    } finally {
      await w.close();
    }
  });
});

describe('served with the headers of src/client/_headers', () => {
  const block = /^\/\*\n((?:[ \t]+.+\n)+)/m.exec(readFileSync(join(root, 'src/client/_headers'), 'utf8'))![1]!;
  const headers = Object.fromEntries(block.trim().split('\n').map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()];
  }));

  it.each(KINDS.filter((k) => ['policy', 'revision-past', 'history', 'search'].includes(k.name)).map((k) => [k.name, k] as const))('%s: no CSP violation, nothing stored', async (_name, k) => {
    const w = await openPage(browser);
    try {
      await w.context.route('**/*', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), ...headers } });
      });
      await visit(w, k);
      const sent = await w.page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
      expect(sent).toBe(headers['content-security-policy']);
      await expectPrivate(w, k);
    } finally {
      await w.close();
    }
  });
});
