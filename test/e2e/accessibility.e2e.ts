// Every kind of page, in light and dark: axe-core finds no WCAG 2.2 A/AA violation, and the
// basics that Lighthouse's accessibility, best-practice and SEO audits look at are in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, launch, openPage, cspViolations } from './support.ts';
import { KINDS, siteOf, urlOf, type PageKind } from './pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The search page fills in its results after loading: wait for them, so that axe sees them. */
async function settle(page: Page, k: PageKind): Promise<void> {
  if (k.name.startsWith('search')) await page.locator('#search-results li').first().waitFor();
}

describe.each(['light', 'dark'] as const)('axe-core, WCAG 2.2 AA, %s', (colorScheme) => {
  it.each(KINDS.map((k) => [k.name, k] as const))('%s: no violations', async (_name, k) => {
    const w = await openPage(browser, { colorScheme });
    try {
      const response = await w.page.goto(urlOf(k));
      expect(response?.status()).toBe(k.status);
      await settle(w.page, k);
      const violations = await axe(w.page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      expect(await cspViolations(w)).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('axe-core at 320 px wide (reflow, target sizes)', () => {
  it.each(KINDS.map((k) => [k.name, k] as const))('%s: no violations', async (_name, k) => {
    const w = await openPage(browser, { viewport: { width: 320, height: 640 } });
    try {
      await w.page.goto(urlOf(k));
      await settle(w.page, k);
      expect(await axe(w.page)).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('the basics that Lighthouse audits', () => {
  const seen = new Map<string, string>();

  it.each(KINDS.map((k) => [k.name, k] as const))('%s: title, description, lang, canonical, viewport, one h1, alt text, legible size', async (_name, k) => {
    const w = await openPage(browser);
    try {
      const response = await w.page.goto(urlOf(k));
      expect(response?.status()).toBe(k.status);
      const head = await w.page.evaluate(() => ({
        charsetFirst: document.head.firstElementChild?.getAttribute('charset'),
        title: document.title,
        description: document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
        lang: document.documentElement.lang,
        canonical: [...document.querySelectorAll('link[rel="canonical"]')].map((l) => l.getAttribute('href')),
        viewport: document.querySelector('meta[name="viewport"]')?.getAttribute('content') ?? '',
        robots: document.querySelector('meta[name="robots"]')?.getAttribute('content') ?? '',
        h1: document.querySelectorAll('h1').length,
        imagesWithoutAlt: [...document.querySelectorAll('img:not([alt]), svg:not([aria-hidden="true"]):not([role="img"])')].length,
        bodyFontPx: parseFloat(getComputedStyle(document.body).fontSize),
        doctype: document.doctype?.name,
        skipLink: document.querySelector('a.skip')?.getAttribute('href'),
        main: document.querySelectorAll('main').length,
      }));
      expect(head.doctype).toBe('html');
      expect(head.charsetFirst).toBe('utf-8');
      expect(head.title.length).toBeGreaterThan(5);
      expect(head.title.length).toBeLessThanOrEqual(70);
      expect(head.description.length).toBeGreaterThan(20);
      expect(head.lang).toBe('en');
      expect(head.viewport).toBe('width=device-width, initial-scale=1');
      expect(head.h1).toBe(1);
      expect(head.imagesWithoutAlt).toBe(0);
      expect(head.bodyFontPx).toBeGreaterThanOrEqual(16);
      expect(head.skipLink).toBe('#main');
      expect(head.main).toBe(1);
      const site = siteOf(k);
      if (k.canonical) expect(head.canonical).toEqual([new URL(k.canonical.replace(/^\//, ''), site.site).href]);
      if (k.status === 404) expect(head.robots).toBe('noindex');
      // Titles are unique across the site.
      if (k.status === 200) {
        const key = `${k.site} ${head.title}`;
        expect(seen.get(key), `title "${head.title}" also used by ${seen.get(key)}`).toBeUndefined();
        seen.set(key, k.name);
      }
      expect(w.errors).toEqual([]);
      expect(w.console.filter((m) => m.startsWith('error') && !(k.status === 404 && /404/.test(m)))).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('serves robots.txt and a sitemap that lists the policy pages', async () => {
    const { main } = (await import('vitest')).inject('sites');
    const robots = await (await fetch(new URL('robots.txt', main.url))).text();
    expect(robots).toMatch(/Sitemap: https:\/\/policies\.illustrious\.example\/sitemap\.xml/);
    const sitemap = await (await fetch(new URL('sitemap.xml', main.url))).text();
    expect(sitemap).toContain('<loc>https://policies.illustrious.example/privacy/</loc>');
  });
});
