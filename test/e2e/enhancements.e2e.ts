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
  interface Group {
    title: string;
    href: string;
    /** The versions shown in full: "In force · Effective 1 April 2025" and their links. */
    shown: Array<[string, string]>;
    note: string | null;
    /** The fold of past versions: its line, whether it is open, and each version's date and link, in order. */
    past: { summary: string; open: boolean; versions: Array<[string, string]>; excerpts: number } | null;
  }

  /** The results as the page shows them, once the status line says they are there. */
  async function groups(page: Page): Promise<Group[]> {
    await page.locator('#search-status').filter({ hasText: /found/ }).waitFor();
    return page.locator('#search-results > li').evaluateAll((lis) =>
      lis.map((li) => {
        const fold = li.querySelector('details.result-past') as HTMLDetailsElement | null;
        return {
          title: li.querySelector('h2 a')!.textContent!,
          href: li.querySelector('h2 a')!.getAttribute('href')!,
          shown: [...li.querySelectorAll('.result-version .result-meta a')].map((a) => [a.textContent!, a.getAttribute('href')!] as [string, string]),
          note: li.querySelector(':scope > p.result-meta')?.textContent ?? null,
          past: fold && {
            summary: fold.querySelector('summary')!.textContent!,
            open: fold.open,
            versions: [...fold.querySelectorAll('li > a')].map((a) => [a.firstChild!.textContent!, a.getAttribute('href')!] as [string, string]),
            excerpts: fold.querySelectorAll('li > .excerpt').length,
          },
        };
      }),
    );
  }

  it('groups results by policy: the version in force first, past versions folded under it, newest first, with their dates', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(main, '/search/'));
      await w.page.getByLabel('Words to find').fill('personal data');
      await w.page.getByRole('button', { name: 'Search' }).click();
      expect(await groups(w.page)).toEqual([
        {
          title: 'Privacy Policy',
          href: '/privacy/',
          shown: [['In force · Effective 1 April 2025', '/privacy/']],
          note: null,
          past: { summary: 'Also in 1 past version', open: false, versions: [['Effective 1 April 2024', '/privacy/2024-04-01/']], excerpts: 1 },
        },
      ]);
      expect(await w.page.locator('#search-status').textContent()).toBe('“personal data” found in 1 policy (2 versions).');
      expect(await w.page.locator('#search-results mark').count()).toBeGreaterThan(0);
      expect(new URL(w.page.url()).search).toBe('?q=personal+data');
      // The past versions open; each has its excerpt.
      await w.page.getByText('Also in 1 past version').click();
      expect(await w.page.locator('.result-past li .excerpt').first().isVisible()).toBe(true);

      // A section link leads into the policy, at the heading.
      const section = w.page.locator('#search-results .result-sections a').first();
      const href = (await section.getAttribute('href'))!;
      expect(href).toMatch(/^\/privacy\/#[a-z0-9-]+$/);
      await section.click();
      await w.page.waitForURL((u) => u.pathname + u.hash === href);
      expect(await w.page.locator(decodeURIComponent(new URL(href, 'http://x').hash)).count()).toBe(1);
    } finally {
      await w.close();
    }
  });

  it('updates the results as the reader types, without Enter, and keeps the address in step', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(main, '/search/'));
      const input = w.page.getByLabel('Words to find');
      await input.pressSequentially('retained', { delay: 40 });
      expect((await groups(w.page)).map((g) => g.title)).toEqual(['Privacy Policy']);
      expect(new URL(w.page.url()).search).toBe('?q=retained');
      await input.pressSequentially('xyz', { delay: 40 });
      await w.page.locator('#search-status').filter({ hasText: 'Nothing found' }).waitFor();
      expect(await w.page.locator('#search-status').textContent()).toBe('Nothing found for “retainedxyz”.');
      expect(await w.page.locator('#search-results > li').count()).toBe(0);
      await input.fill('');
      await w.page.waitForFunction(() => document.getElementById('search-status')!.textContent === '');
      expect(new URL(w.page.url()).search).toBe('');
    } finally {
      await w.close();
    }
  });

  it('says when nothing is found, and searches from the address (?q=) on arrival', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(main, '/search/?q=xylophone'));
      await w.page.locator('#search-status').filter({ hasText: 'Nothing found' }).waitFor();
      expect(await w.page.locator('#search-status').textContent()).toBe('Nothing found for “xylophone”.');
      expect(await w.page.getByLabel('Words to find').inputValue()).toBe('xylophone');
    } finally {
      await w.close();
    }
  });

  it('works under a base path; shows announced upcoming versions, never scheduled ones; words found only in the past are shown open', async () => {
    const { fixture } = inject('sites');
    const w = await openPage(browser);
    try {
      // Only in the upcoming version (announced).
      await w.page.goto(at(fixture, '/search/?q=nothing'));
      expect(await groups(w.page)).toEqual([{ title: 'Cookie Policy', href: '/legal/cookies/2025-01-15/', shown: [['Upcoming · Effective 15 January 2025', '/legal/cookies/2025-01-15/']], note: 'Not in the version in force.', past: null }]);
      await w.page.goto(at(fixture, '/search/?q=kindly'));
      expect((await groups(w.page)).map((g) => [g.title, g.shown])).toEqual([['Terms of Service', [['In force · Effective 1 May 2023', '/legal/terms/']]]]);
      // Only in the revision scheduled for 2025-05-01, which is not on the site yet.
      await w.page.goto(at(fixture, '/search/?q=plainly'));
      await w.page.locator('#search-status').filter({ hasText: 'Nothing found' }).waitFor();
      // Only in the first version of the cookie policy: the fold of past versions is open.
      await w.page.goto(at(fixture, '/search/?q=year'));
      const past = await groups(w.page);
      expect(past.map((g) => [g.title, g.note, g.past])).toEqual([['Cookie Policy', 'Not in the version in force.', { summary: 'In 1 past version', open: true, versions: [['Effective 1 January 2024', '/legal/cookies/2024-01-01/']], excerpts: 1 }]]);
      await w.page.goto(at(fixture, '/search/?q=kindly'));
      await w.page.locator('#search-results h2 a').first().click();
      await w.page.waitForURL(at(fixture, '/terms/'));
      expect(await w.page.locator('h1').textContent()).toBe('Terms of Service');
    } finally {
      await w.close();
    }
  });

  it('by keyboard alone: type, arrow down into the results and between them, Escape back to the words', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(main, '/search/'));
      await tabTo(w.page, 'input[type="search"]');
      expect(await focusOutline(w.page)).toBeGreaterThanOrEqual(2);
      await w.page.keyboard.type('retained personal data');
      expect((await groups(w.page)).length).toBe(1);
      const focused = () => w.page.evaluate(() => document.activeElement?.textContent ?? '');
      await w.page.keyboard.press('ArrowDown');
      expect(await focused()).toBe('Privacy Policy');
      expect(await focusOutline(w.page)).toBeGreaterThanOrEqual(2);
      await w.page.keyboard.press('ArrowDown');
      expect(await focused()).toBe('In force · Effective 1 April 2025');
      await w.page.keyboard.press('ArrowUp');
      expect(await focused()).toBe('Privacy Policy');
      await w.page.keyboard.press('Escape');
      expect(await w.page.evaluate(() => document.activeElement?.id)).toBe('search-terms');
      await w.page.keyboard.press('ArrowDown');
      await w.page.keyboard.press('Enter');
      await w.page.waitForURL(/\/privacy\/$/);
    } finally {
      await w.close();
    }
  });

  it('on the corpus (REDLINE_E2E_CORPUS): "atom.io", gone from the version in force, is in past versions, newest first, one passage for versions that read alike', async () => {
    const { corpus, fixture } = inject('sites');
    const w = await openPage(browser);
    try {
      if (corpus) {
        await w.page.goto(at(corpus, '/search/?q=atom.io'));
        const [terms, ...others] = await groups(w.page);
        expect(others).toEqual([]);
        expect(terms!.title).toBe('GitHub Terms of Service');
        expect(terms!.note).toBe('Not in the version in force.');
        const past = terms!.past!;
        expect(past.open).toBe(true);
        expect(past.summary).toBe(`In ${past.versions.length} past versions`);
        expect(past.versions.length).toBeGreaterThan(10);
        const dates = past.versions.map(([, href]) => /(\d{4}-\d{2}-\d{2})\/$/.exec(href)![1]!);
        expect(dates).toEqual([...dates].sort().reverse());
        expect(past.excerpts).toBeLessThan(past.versions.length);
      } else {
        // The fixture: a word in every version of the cookie policy, in force first, the past under it.
        await w.page.goto(at(fixture, '/search/?q=language'));
        const [cookies] = await groups(w.page);
        expect(cookies!.shown[0]).toEqual(['In force · Effective 1 June 2024', '/legal/cookies/']);
        expect(cookies!.past!.versions.map(([d]) => d)).toEqual(['Effective 1 January 2024']);
      }
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
