// The three small enhancements, with JavaScript and without: the "Print or save as PDF" control,
// the history page's "in force on a date" field, and search.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { focusOutline, launch, openPage, tabTo, type WatchedPage } from './support.ts';
import { at } from './pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Counts calls to window.print() instead of opening the dialog. */
async function openCountingPrints(js = true): Promise<WatchedPage> {
  const w = await openPage(browser, { javaScriptEnabled: js });
  await w.context.addInitScript(() => {
    const win = window as unknown as { __prints: number };
    win.__prints = 0;
    window.print = () => {
      win.__prints++;
    };
  });
  return w;
}
const prints = (page: Page) => page.evaluate(() => (window as unknown as { __prints: number }).__prints);

describe('"Print or save as PDF"', () => {
  it('on a revision page, opens the print dialog and stays on the page', async () => {
    const { main } = inject('sites');
    const w = await openCountingPrints();
    try {
      await w.page.goto(at(main, '/privacy/2024-04-01/'));
      await w.page.getByRole('link', { name: 'Print or save as PDF' }).click();
      expect(await prints(w.page)).toBe(1);
      expect(new URL(w.page.url()).pathname).toBe('/privacy/2024-04-01/');
      expect(await w.page.locator('#print').isVisible()).toBe(false);
    } finally {
      await w.close();
    }
  });

  it('on the policy page (which loads no script), leads to the permanent address, which prints on arrival', async () => {
    const { main } = inject('sites');
    const w = await openCountingPrints();
    try {
      await w.page.goto(at(main, '/privacy/'));
      // No script to run: its one script element is JSON-LD, data that no browser executes (and the CSP allows).
      expect(await w.page.locator('script:not([type="application/ld+json"])').count()).toBe(0);
      expect(await w.page.locator('script[type="application/ld+json"]').count()).toBe(1);
      await w.page.getByRole('link', { name: 'Print or save as PDF' }).click();
      await w.page.waitForURL(/\/privacy\/2025-04-01\//);
      await w.page.waitForFunction(() => (window as unknown as { __prints: number }).__prints === 1);
      expect(new URL(w.page.url()).hash).toBe(''); // reloading does not print again
      expect(await w.page.locator('#print').isVisible()).toBe(false);
    } finally {
      await w.close();
    }
  });

  it('by keyboard alone', async () => {
    const { main } = inject('sites');
    const w = await openCountingPrints();
    try {
      await w.page.goto(at(main, '/privacy/2024-04-01/'));
      await tabTo(w.page, 'a.print-control');
      expect(await focusOutline(w.page)).toBeGreaterThanOrEqual(2);
      await w.page.keyboard.press('Enter');
      expect(await prints(w.page)).toBe(1);
    } finally {
      await w.close();
    }
  });

  it('without JavaScript, tells the reader how to print, on the revision page and from the policy page', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser, { javaScriptEnabled: false });
    try {
      await w.page.goto(at(main, '/privacy/2024-04-01/'));
      const hint = w.page.locator('#print');
      expect(await hint.isVisible()).toBe(false);
      await w.page.getByRole('link', { name: 'Print or save as PDF' }).click();
      expect(await hint.isVisible()).toBe(true);
      expect(await hint.textContent()).toMatch(/Print command \(Ctrl\+P, or ⌘\+P on a Mac\)/);

      await w.page.goto(at(main, '/privacy/'));
      await w.page.getByRole('link', { name: 'Print or save as PDF' }).click();
      await w.page.waitForURL(/\/privacy\/2025-04-01\/#print$/);
      expect(await w.page.locator('#print').isVisible()).toBe(true);
    } finally {
      await w.close();
    }
  });
});

describe('history: which version was in force on a date', () => {
  async function ask(page: Page, date: string): Promise<string> {
    await page.getByLabel('Which version was in force on').fill(date);
    await page.getByRole('button', { name: 'Show' }).click();
    return (await page.locator('form.in-force-on output').textContent()) ?? '';
  }

  it('finds the version for a past date, says so, and moves to it', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      // Read at noon in Tokyo on the day the site was built: "is" and "was" come from the reader's clock,
      // in the site's time zone (the page names no day, so that it is the same whichever day it is built).
      await w.page.clock.setFixedTime(new Date('2025-06-01T03:00:00Z'));
      await w.page.goto(at(main, '/privacy/history/'));
      expect(await ask(w.page, '2024-10-01')).toBe('On 1 October 2024, the version effective 1 April 2024 was in force.');
      expect(new URL(w.page.url()).hash).toBe('#v2024-04-01');
      expect(await w.page.evaluate(() => document.activeElement?.closest('li')?.id)).toBe('v2024-04-01');
      // Its last day, and the first day of the next.
      expect(await ask(w.page, '2025-03-31')).toContain('the version effective 1 April 2024 was in force');
      expect(await ask(w.page, '2025-04-01')).toContain('the version effective 1 April 2025 was in force');
      expect(await ask(w.page, '2025-06-01')).toBe('On 1 June 2025, the version effective 1 April 2025 is in force.');
      expect(await ask(w.page, '2024-03-31')).toBe('No version was in force on 31 March 2024: the policy first took effect on 1 April 2024.');
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('knows an announced version will be in force on a later date', async () => {
    const { fixture } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.clock.setFixedTime(new Date('2024-12-20T03:00:00Z'));
      await w.page.goto(at(fixture, '/cookies/history/'));
      expect(await ask(w.page, '2025-02-01')).toBe('On 1 February 2025, the version effective 15 January 2025 will be in force.');
      expect(await ask(w.page, '2025-01-14')).toBe('On 14 January 2025, the version effective 1 June 2024 will be in force.');
    } finally {
      await w.close();
    }
  });

  it('says "is" by the reader’s clock in the site’s time zone, even days after the build', async () => {
    const { fixture } = inject('sites');
    const w = await openPage(browser);
    try {
      // 15 January 2025 has begun in Tokyo (the site's zone) but not yet in UTC; the site was built on 20 December.
      await w.page.clock.setFixedTime(new Date('2025-01-14T16:00:00Z'));
      await w.page.goto(at(fixture, '/cookies/history/'));
      expect(await ask(w.page, '2025-01-15')).toBe('On 15 January 2025, the version effective 15 January 2025 is in force.');
      expect(await ask(w.page, '2025-01-14')).toBe('On 14 January 2025, the version effective 1 June 2024 was in force.');
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('by keyboard alone', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(main, '/privacy/history/'));
      await tabTo(w.page, 'input[type="date"]');
      expect(await focusOutline(w.page)).toBeGreaterThanOrEqual(2);
      await w.page.keyboard.type('10012024'); // month, day, year: the browser's date field, en-US
      await w.page.keyboard.press('Enter');
      expect(await w.page.locator('form.in-force-on output').textContent()).toContain('the version effective 1 April 2024 was in force');
      expect(await w.page.evaluate(() => document.activeElement?.textContent)).toBe('Effective 1 April 2024');
    } finally {
      await w.close();
    }
  });

  it('without JavaScript, the field is not shown and the list gives each version’s in-force dates', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser, { javaScriptEnabled: false });
    try {
      await w.page.goto(at(main, '/privacy/history/'));
      expect(await w.page.locator('form.in-force-on').isVisible()).toBe(false);
      const ranges = await w.page.locator('ol.history > li dl.dates').allTextContents();
      expect(ranges.join(' | ')).toMatch(/In force\s*since 1 April 2025.*\|.*In force\s*1 April 2024 to 31 March 2025/);
    } finally {
      await w.close();
    }
  });
});

describe('search', () => {
  async function results(page: Page): Promise<Array<{ title: string; meta: string; href: string }>> {
    await page.locator('#search-status').filter({ hasText: /result|Nothing/ }).waitFor();
    return page.locator('#search-results > li').evaluateAll((lis) =>
      lis.map((li) => ({
        title: li.querySelector('h2 a')!.textContent!,
        meta: li.querySelector('.result-meta')!.textContent!,
        href: li.querySelector('h2 a')!.getAttribute('href')!,
      })),
    );
  }

  it('finds words in the version in force, and in past versions when asked', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(main, '/search/'));
      await w.page.getByLabel('Words to find').fill('personal data');
      await w.page.getByRole('button', { name: 'Search' }).click();
      const current = await results(w.page);
      expect(current.map((r) => [r.title, r.meta, r.href])).toEqual([['Privacy Policy, effective 1 april 2025', 'In force · Effective 1 April 2025', '/privacy/']]);
      expect(await w.page.locator('#search-status').textContent()).toBe('1 result for “personal data”, in the versions in force.');
      expect(await w.page.locator('#search-results mark').count()).toBeGreaterThan(0);
      expect(new URL(w.page.url()).search).toBe('?q=personal+data');

      await w.page.getByLabel('Include past and upcoming versions').check();
      await w.page.locator('#search-status').filter({ hasText: 'in every version' }).waitFor();
      const all = await results(w.page);
      expect(all.map((r) => r.href).sort()).toEqual(['/privacy/', '/privacy/2024-04-01/']);
      expect(all.find((r) => r.href === '/privacy/2024-04-01/')!.meta).toBe('Past version · Effective 1 April 2024');
      expect(new URL(w.page.url()).search).toBe('?q=personal+data&past=1');

      // A section link leads into the policy, at the heading.
      const section = w.page.locator('#search-results .result-sections a').first();
      const href = (await section.getAttribute('href'))!;
      expect(href).toMatch(/^\/privacy\/(2024-04-01\/)?#[a-z0-9-]+$/);
      await section.click();
      await w.page.waitForURL((u) => u.pathname + u.hash === href);
      expect(await w.page.locator(decodeURIComponent(new URL(href, 'http://x').hash)).count()).toBe(1);
    } finally {
      await w.close();
    }
  });

  it('says when nothing is found, and searches from the address (?q=) on arrival', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(main, '/search/?q=xylophone'));
      expect(await results(w.page)).toEqual([]);
      expect(await w.page.locator('#search-status').textContent()).toBe('Nothing found for “xylophone” in the versions in force. Try including past versions.');
      expect(await w.page.getByLabel('Words to find').inputValue()).toBe('xylophone');
    } finally {
      await w.close();
    }
  });

  it('works under a base path; finds announced upcoming versions, never scheduled ones', async () => {
    const { fixture } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(fixture, '/search/?q=nothing'));
      expect((await results(w.page)).map((r) => [r.href, r.meta])).toEqual([['/legal/cookies/2025-01-15/', 'Upcoming · Effective 15 January 2025']]);
      await w.page.goto(at(fixture, '/search/?q=kindly'));
      expect((await results(w.page)).map((r) => [r.href, r.meta])).toEqual([['/legal/terms/', 'In force · Effective 1 May 2023']]);
      // Only in the revision scheduled for 2025-05-01, which is not on the site yet.
      await w.page.goto(at(fixture, '/search/?q=plainly&past=1'));
      expect(await results(w.page)).toEqual([]);
      await w.page.goto(at(fixture, '/search/?q=kindly'));
      await w.page.locator('#search-results h2 a').first().click();
      await w.page.waitForURL(at(fixture, '/terms/'));
      expect(await w.page.locator('h1').textContent()).toBe('Terms of Service');
    } finally {
      await w.close();
    }
  });

  it('by keyboard alone', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(main, '/search/'));
      await tabTo(w.page, 'input[type="search"]');
      expect(await focusOutline(w.page)).toBeGreaterThanOrEqual(2);
      await w.page.keyboard.type('retained personal data');
      await w.page.keyboard.press('Enter');
      expect((await results(w.page)).length).toBe(1);
      await tabTo(w.page, '#search-results h2 a');
      await w.page.keyboard.press('Enter');
      await w.page.waitForURL(/\/privacy\/$/);
    } finally {
      await w.close();
    }
  });

  it('without JavaScript, says that search needs it and points to the list of policies', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser, { javaScriptEnabled: false });
    try {
      await w.page.goto(at(main, '/search/'));
      expect(await w.page.locator('form.search-form').isVisible()).toBe(false);
      const note = w.page.locator('.search-nojs');
      expect(await note.isVisible()).toBe(true);
      await note.getByRole('link', { name: 'home page' }).click();
      await w.page.waitForURL(at(main, '/'));
    } finally {
      await w.close();
    }
  });
});
