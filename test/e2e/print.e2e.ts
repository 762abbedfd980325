// Paper and PDF: printed pages lose the navigation and gain a header naming the policy, the version
// and its effective date; Chromium numbers the pages (CSS @page margin boxes); the text prints black
// on white even for a reader in dark mode; the redline keeps its underline and strike-through.
// PDFs are written to test-results/print/ for review, and read back with pdftotext (poppler-utils).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, resultsDir } from './support.ts';
import { KINDS, urlOf } from './pages.ts';

const PRINTABLE = KINDS.filter((k) => k.printHeader);
const REDLINES = KINDS.filter((k) => k.redline);
let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launch();
  dir = resultsDir('print');
});
afterAll(async () => {
  await browser?.close();
});

function pdfText(file: string): string {
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } catch (e) {
    throw new Error(`pdftotext could not read ${file} (install poppler-utils, as .ci/run does): ${(e as Error).message}`);
  }
}

/** For each element matching `selector`: is it rendered at all? */
async function rendered(page: Page, selector: string): Promise<boolean[]> {
  return page.locator(selector).evaluateAll((els) => els.map((el) => el.checkVisibility()));
}

describe.each(['light', 'dark'] as const)('print emulation, reader in %s mode', (colorScheme) => {
  it.each(PRINTABLE.map((k) => [k.name, k] as const))('%s: no navigation, a print header, black on white', async (_name, k) => {
    const w = await openPage(browser, { colorScheme });
    try {
      await w.page.goto(urlOf(k));
      expect(await rendered(w.page, 'nav')).toContain(true); // on screen
      await w.page.emulateMedia({ media: 'print', colorScheme });
      for (const hidden of ['.skip', '.site-header', 'nav', 'a[href]:not(main a)', '.site-footer', '.doc-links', '.toc', '.print-control', '.print-hint']) {
        expect(await rendered(w.page, hidden), hidden).not.toContain(true);
      }
      const header = w.page.locator('.print-header');
      expect(await header.isVisible()).toBe(true);
      expect((await header.textContent())!.trim()).toMatch(k.printHeader!);
      const colours = await w.page.evaluate(() => ({ fg: getComputedStyle(document.body).color, bg: getComputedStyle(document.body).backgroundColor, h1: getComputedStyle(document.querySelector('h1')!).color }));
      expect(colours).toEqual({ fg: 'rgb(0, 0, 0)', bg: 'rgb(255, 255, 255)', h1: 'rgb(0, 0, 0)' });
      // On screen, the print header is not shown.
      await w.page.emulateMedia({ media: 'screen', colorScheme });
      expect(await header.isVisible()).toBe(false);
    } finally {
      await w.close();
    }
  });
});

describe('printed to PDF', () => {
  it.each(PRINTABLE.map((k) => [k.name, k] as const))('%s: numbered pages, the header, and none of the screen furniture', async (_name, k) => {
    const w = await openPage(browser);
    try {
      await w.page.goto(urlOf(k));
      const file = join(dir, `${k.name}.pdf`);
      await w.page.pdf({ path: file, format: 'A4' });
      const text = pdfText(file);
      const pages = text.split('\f').filter((p) => p.trim() !== '');
      expect(pages.length).toBeGreaterThan(0);
      pages.forEach((p, i) => expect(p, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`));
      // The header, as printed: its two lines, laid out.
      const printed = pages[0]!.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join('');
      expect(printed).toMatch(k.printHeader!);
      for (const furniture of ['Skip to content', 'Print or save as PDF', 'This site sets no cookies', 'Markdown source', 'All versions']) {
        expect(text).not.toContain(furniture);
      }
    } finally {
      await w.close();
    }
  });
});

describe.each(['light', 'dark'] as const)('the redline keeps its marks, reader in %s mode', (colorScheme) => {
  it.each(REDLINES.map((k) => [k.name, k] as const))('%s: underline for added text, strike-through for removed, on screen and on paper in black', async (_name, k) => {
    const w = await openPage(browser, { colorScheme });
    try {
      await w.page.goto(urlOf(k));
      const marks = () =>
        w.page.evaluate(() => {
          const seen = (sel: string) => [...document.querySelectorAll(`main ${sel}`)].filter((el) => el.checkVisibility()).map((el) => {
            const s = getComputedStyle(el);
            return `${s.textDecorationLine}|${s.color}|${s.backgroundColor}`;
          });
          return { ins: [...new Set(seen('ins'))], del: [...new Set(seen('del'))] };
        });
      const screen = await marks();
      expect(screen.ins.length + screen.del.length).toBeGreaterThan(0);
      for (const m of screen.ins) expect(m).toMatch(/^underline\|/);
      for (const m of screen.del) expect(m).toMatch(/^line-through\|/);
      await w.page.emulateMedia({ media: 'print', colorScheme });
      const paper = await marks();
      expect(paper.ins.length + paper.del.length).toBeGreaterThan(0);
      for (const m of paper.ins) expect(m).toBe('underline|rgb(0, 0, 0)|rgba(0, 0, 0, 0)');
      for (const m of paper.del) expect(m).toBe('line-through|rgb(0, 0, 0)|rgba(0, 0, 0, 0)');
    } finally {
      await w.close();
    }
  });
});
