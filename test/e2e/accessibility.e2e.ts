// Every kind of page, in light and dark: axe-core finds no WCAG 2.2 A/AA violation, and the
// basics that Lighthouse's accessibility, best-practice and SEO audits look at are in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axe, launch, openPage, cspViolations, WCAG_TAGS } from './support.ts';
import { CORPUS_KINDS, KINDS, siteOf, urlOf, type PageKind } from './pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The search page fills in its results after loading: wait for them, so that axe sees them. */
async function settle(page: Page, k: PageKind): Promise<void> {
  if (k.name.includes('search')) await page.locator('#search-results > li').first().waitFor();
}

// WCAG 2.2 A and AA, and axe's best practices (heading order, landmarks, …), which Lighthouse also audits.
// Every kind of page, and the corpus's when REDLINE_E2E_CORPUS gives one.
const ALL = [...KINDS, ...CORPUS_KINDS];

describe.each(['light', 'dark'] as const)('axe-core, WCAG 2.2 AA and best practices, %s', (colorScheme) => {
  it.each(ALL.map((k) => [k.name, k] as const))('%s: no violations', async (_name, k) => {
    const w = await openPage(browser, { colorScheme });
    try {
      const response = await w.page.goto(urlOf(k));
      expect(response?.status()).toBe(k.status);
      await settle(w.page, k);
      const violations = await axe(w.page, [...WCAG_TAGS, 'best-practice']);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      expect(await cspViolations(w)).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

// The phone and tablet layouts (folded contents and version links, one-column redlines), light and dark.
describe.each([
  [320, 'light'],
  [320, 'dark'],
  [768, 'light'],
  [768, 'dark'],
] as const)('axe-core at %i px wide, %s (reflow, target sizes)', (width, colorScheme) => {
  it.each(ALL.map((k) => [k.name, k] as const))('%s: no violations', async (_name, k) => {
    const w = await openPage(browser, { viewport: { width, height: 640 }, colorScheme });
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
      expect(head.description.length).toBeGreaterThan(20);
      expect(head.lang).toBe(k.lang);
      expect(head.viewport).toBe('width=device-width, initial-scale=1');
      expect(head.h1).toBe(1);
      expect(head.imagesWithoutAlt).toBe(0);
      expect(head.bodyFontPx).toBeGreaterThanOrEqual(16);
      expect(head.skipLink).toBe('#main');
      expect(head.main).toBe(1);
      const site = siteOf(k);
      if (k.canonical) expect(head.canonical).toEqual([new URL(k.canonical.replace(/^\//, ''), site.site).href]);
      if (k.status === 404) expect(head.robots).toBe('noindex');
      // Titles are unique across the site, in each language (the site's name heads its home page in every language;
      // a view of a page at a #fragment is that page).
      if (k.status === 200 && !k.path.includes('#')) {
        const key = `${k.site} ${k.lang} ${head.title}`;
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

describe('design', () => {
  it('sets the policy text in a column of about 70 characters, in the system’s own font', async () => {
    const { main } = (await import('vitest')).inject('sites');
    const w = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    try {
      await w.page.goto(new URL('privacy/', main.url).href);
      const m = await w.page.evaluate(() => {
        // Characters per line in the policy's longer paragraphs (the last line of each counts half).
        const perLine = [...document.querySelectorAll('.prose p')].flatMap((p) => {
          const lines = p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight);
          return lines >= 3 ? [p.textContent!.length / (Math.round(lines) - 0.5)] : [];
        });
        return {
          paragraphs: perLine.length,
          chars: perLine.reduce((a, b) => a + b, 0) / perLine.length,
          font: getComputedStyle(document.body).fontFamily,
          webFonts: document.fonts.size,
        };
      });
      expect(m.paragraphs).toBeGreaterThan(3);
      expect(m.chars).toBeGreaterThanOrEqual(60);
      expect(m.chars).toBeLessThanOrEqual(80);
      expect(m.font).toMatch(/^system-ui,/);
      expect(m.webFonts).toBe(0);
    } finally {
      await w.close();
    }
  });

  it('follows the reader’s colour scheme', async () => {
    const { main } = (await import('vitest')).inject('sites');
    const colours: Record<string, string> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const w = await openPage(browser, { colorScheme });
      try {
        await w.page.goto(main.url);
        colours[colorScheme] = await w.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      } finally {
        await w.close();
      }
    }
    expect(colours).toEqual({ light: 'rgb(253, 253, 251)', dark: 'rgb(22, 22, 22)' });
  });

  it('scrolls smoothly to an anchor only for readers who have not asked for reduced motion', async () => {
    const { main } = (await import('vitest')).inject('sites');
    const behaviour: Record<string, string> = {};
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const w = await openPage(browser, { reducedMotion });
      try {
        await w.page.goto(new URL('privacy/', main.url).href);
        behaviour[reducedMotion] = await w.page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
      } finally {
        await w.close();
      }
    }
    expect(behaviour).toEqual({ 'no-preference': 'smooth', reduce: 'auto' });
  });
});
