// A reader's journey through the site, by mouse and by keyboard alone:
// home → the policy → its history → what changed → an archived version → compared with the current one → back to the history.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cspViolations, focusOutline, foreignRequests, launch, openPage, tabTo } from './support.ts';
import { at } from './pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Step {
  /** What the reader follows: a link inside the page's main content. */
  link: { name: string | RegExp; href: string };
  /** Where it leads (site path) and what the page then says. */
  path: string;
  h1: string | RegExp;
  says?: RegExp;
}

const JOURNEY: Step[] = [
  { link: { name: 'Privacy Policy', href: '/privacy/' }, path: '/privacy/', h1: 'Privacy Policy', says: /Effective 1 April 2025/ },
  { link: { name: 'All versions', href: '/privacy/history/' }, path: '/privacy/history/', h1: 'Privacy Policy: history', says: /In force\s*1 April 2024 to 31 March 2025/ },
  { link: { name: /^What changed/, href: '/privacy/2025-04-01/changes/' }, path: '/privacy/2025-04-01/changes/', h1: 'What changed in the Privacy Policy on 1 April 2025', says: /Added text is underlined, removed text struck through/ },
  { link: { name: 'the version effective 1 April 2024', href: '/privacy/2024-04-01/' }, path: '/privacy/2024-04-01/', h1: 'Privacy Policy', says: /This version is no longer in force/ },
  { link: { name: 'Compare with current', href: '/privacy/compare/2024-04-01...2025-04-01/' }, path: '/privacy/compare/2024-04-01...2025-04-01/', h1: 'Privacy Policy: 1 April 2024 compared with 1 April 2025', says: /words? added/ },
  { link: { name: 'All versions', href: '/privacy/history/' }, path: '/privacy/history/', h1: 'Privacy Policy: history' },
];

async function arrived(page: Page, step: Step): Promise<void> {
  await page.waitForURL((u) => u.pathname === step.path);
  expect(await page.locator('h1').textContent()).toMatch(step.h1);
  if (step.says) expect(await page.locator('main').textContent()).toMatch(step.says);
}

describe('a reader goes home → policy → history → changes → an archived version → compare with current', () => {
  it('by mouse', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(main, '/'));
      for (const step of JOURNEY) {
        await w.page.locator(`main a[href="${step.link.href}"]`).filter({ hasText: step.link.name }).first().click();
        await arrived(w.page, step);
      }
      expect(foreignRequests(w, main)).toEqual([]);
      expect(await cspViolations(w)).toEqual([]);
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('by keyboard alone, with focus always visible', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(main, '/'));
      for (const step of JOURNEY) {
        await tabTo(w.page, `main a[href="${step.link.href}"]`);
        // tabTo stops at the first matching link; it must be the one the step names.
        expect(await w.page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(step.link.name);
        expect(await focusOutline(w.page)).toBeGreaterThanOrEqual(2);
        await w.page.keyboard.press('Enter');
        await arrived(w.page, step);
      }
    } finally {
      await w.close();
    }
  });
});

describe('keyboard basics', () => {
  it('the first Tab reaches a visible "Skip to content" link, which moves focus to the main content', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(main, '/privacy/'));
      await w.page.keyboard.press('Tab');
      const skip = await w.page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const r = el.getBoundingClientRect();
        return { text: el.textContent, top: r.top, height: r.height };
      });
      expect(skip.text).toBe('Skip to content');
      expect(skip.top).toBeGreaterThanOrEqual(0);
      expect(skip.height).toBeGreaterThan(0);
      expect(await focusOutline(w.page)).toBeGreaterThanOrEqual(2);
      await w.page.keyboard.press('Enter');
      expect(await w.page.evaluate(() => document.activeElement?.id)).toBe('main');
      // The next Tab goes on from the main content, past the site's navigation.
      await w.page.keyboard.press('Tab');
      expect(await w.page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    } finally {
      await w.close();
    }
  });

  it('every link and control on the policy page can be reached by Tab, each with a visible focus ring', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(main, '/privacy/'));
      const total = await w.page.locator('a[href], button, input, summary, [tabindex="0"]').evaluateAll((els) => els.filter((e) => (e as HTMLElement).checkVisibility() || e.classList.contains('skip')).length);
      const reached = new Set<string>();
      for (let i = 0; i < total + 2; i++) {
        await w.page.keyboard.press('Tab');
        const key = await w.page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          return el === document.body ? '' : `${el.tagName}|${el.getAttribute('href')}|${el.textContent}`;
        });
        if (!key) continue;
        expect(await focusOutline(w.page), key).toBeGreaterThanOrEqual(2);
        reached.add(key);
      }
      expect(reached.size).toBe(total);
    } finally {
      await w.close();
    }
  });
});
