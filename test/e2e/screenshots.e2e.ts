// Screenshots of every kind of page at 320, 390 (a phone, 390×844), 768 and 1280 px wide, light and dark, for review
// (and of the corpus's pages when REDLINE_E2E_CORPUS gives one):
// written to test-results/screenshots/ (gitignored). Each width must also reflow: nothing is
// wider than the window, so no reader scrolls sideways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launch, openPage, resultsDir } from './support.ts';
import { CORPUS_KINDS, KINDS, urlOf } from './pages.ts';

const WIDTHS = [320, 390, 768, 1280];
let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launch();
  dir = resultsDir('screenshots');
  rmSync(dir, { recursive: true, force: true });
  dir = resultsDir('screenshots');
});
afterAll(async () => {
  await browser?.close();
});

describe.each(WIDTHS)('at %i px', (width) => {
  it.each([...KINDS, ...CORPUS_KINDS].map((k) => [k.name, k] as const))('%s: fits the width; screenshots written', async (_name, k) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const w = await openPage(browser, { viewport: { width, height: width === 390 ? 844 : 900 }, colorScheme });
      try {
        await w.page.goto(urlOf(k));
        if (k.name.includes('search')) await w.page.locator('#search-results > li').first().waitFor();
        const overflow = await w.page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          // Elements sticking out of the window (a wide table scrolls inside its own box instead).
          wide: [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
            // …unless a box that scrolls (or clips) holds it within the window.
            .filter((el) => {
              for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                if (getComputedStyle(a).overflowX !== 'visible') return a.getBoundingClientRect().right > window.innerWidth + 1;
              }
              return true;
            })
            .map((el) => el.tagName.toLowerCase() + (el.className ? `.${el.className}` : ''))
            .slice(0, 5),
        }));
        expect(overflow.wide, `sticking out at ${width}px`).toEqual([]);
        expect(overflow.page).toBeLessThanOrEqual(width);
        const file = join(dir, `${k.name}-${width}-${colorScheme}.png`);
        // The corpus's pages are dozens of screens long: their first screen.
        await w.page.screenshot({ path: file, fullPage: k.site !== 'corpus' });
        expect(existsSync(file) && statSync(file).size > 1000).toBe(true);
      } finally {
        await w.close();
      }
    }
  });
});
