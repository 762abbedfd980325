// Reading a policy on a phone and on a wide screen: what the first screen shows, the type scale, the
// contents (folded on a phone; a column beside the text on a wide screen, marking the section being
// read without JavaScript, numbered as the text is), and the ways through a redline (jump to the first
// change, from change to change, from one revision's changes to the next, the side-by-side labels in
// view). On this project's policies, the fixture sites, and the corpus of real histories when
// REDLINE_E2E_CORPUS gives one (every policy, revision and changes page of it).
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, type ServedSite } from './support.ts';
import { at } from './pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** The reading pages of a built site: each policy, each revision, each changes page (site paths), in its default language or under /<lang>/. */
function readingPages(site: ServedSite, lang?: string): { policies: string[]; revisions: string[]; changes: string[] } {
  const out = { policies: [] as string[], revisions: [] as string[], changes: [] as string[] };
  const dir = lang ? join(site.dir, lang) : site.dir;
  const prefix = lang ? `/${lang}` : '';
  for (const policy of readdirSync(dir).sort()) {
    if (!existsSync(join(dir, policy, 'history'))) continue;
    out.policies.push(`${prefix}/${policy}/`);
    for (const d of readdirSync(join(dir, policy)).filter((x) => /^\d{4}-\d{2}-\d{2}$/.test(x)).sort()) {
      out.revisions.push(`${prefix}/${policy}/${d}/`);
      if (existsSync(join(dir, policy, d, 'changes', 'index.html'))) out.changes.push(`${prefix}/${policy}/${d}/changes/`);
    }
  }
  return out;
}

/**
 * Where the reading starts, in CSS pixels from the top of the page: the first block of the policy text,
 * or the first change of a redline (the inline view); for a redline with nothing to mark, its first line.
 */
async function readingStarts(page: Page): Promise<{ what: string; top: number; visible: boolean }> {
  return page.evaluate(() => {
    const first =
      document.querySelector('.policy-text > *') ??
      document.querySelector('#rl-inline .rl-change') ??
      document.querySelector('#rl-inline .rl-redline > *, .rl-changes > p');
    if (!first) return { what: '(nothing)', top: Infinity, visible: false };
    const r = first.getBoundingClientRect();
    return { what: `${first.tagName.toLowerCase()}.${first.className}`, top: r.top + scrollY, visible: (first as HTMLElement).checkVisibility() };
  });
}

async function startsOnFirstScreen(site: ServedSite, paths: string[]): Promise<number> {
  const w = await openPage(browser, { viewport: PHONE });
  let worst = 0;
  try {
    for (const path of paths) {
      await w.page.goto(at(site, path));
      // A policy page (the version in force) runs no JavaScript at all.
      if (/^(?:\/ja)?\/[^/]+\/$/.test(path)) expect(await w.page.locator('script:not([type="application/ld+json"])').count(), path).toBe(0);
      const start = await readingStarts(w.page);
      expect(start.visible, `${path}: ${start.what}`).toBe(true);
      // Its first line, at least, is on the first screen (a line is about 28 px).
      expect(start.top + 28, `${path}: ${start.what} starts ${Math.round(start.top)} px down`).toBeLessThanOrEqual(PHONE.height);
      worst = Math.max(worst, start.top);
    }
  } finally {
    await w.close();
  }
  return worst;
}

describe('on a phone (390×844), the text or the first change starts on the first screen', () => {
  it('this project’s policy, its revisions and its changes; the fixture sites’', async () => {
    const { main, fixture, reading } = inject('sites');
    for (const site of [main, fixture, reading]) {
      const p = readingPages(site);
      expect(p.changes.length).toBeGreaterThan(0);
      await startsOnFirstScreen(site, [...p.policies, ...p.revisions, ...p.changes]);
    }
  });

  it('this project’s policy in Japanese (/ja/), its revisions and its changes, the translation notice included', async () => {
    const { main } = inject('sites');
    const p = readingPages(main, 'ja');
    expect(p.policies).toEqual(['/ja/privacy/']);
    expect(p.changes.length).toBeGreaterThan(0);
    await startsOnFirstScreen(main, [...p.policies, ...p.revisions, ...p.changes]);
  });

  it('every policy, revision and changes page of the corpus (REDLINE_E2E_CORPUS), or of the fixture site without it', async () => {
    const { corpus, fixture } = inject('sites');
    const site = corpus ?? fixture;
    const p = readingPages(site);
    const worst = await startsOnFirstScreen(site, [...p.policies, ...p.revisions, ...p.changes]);
    console.log(`${corpus ? 'corpus' : 'fixture'}: ${p.policies.length + p.revisions.length + p.changes.length} pages; the reading starts at most ${Math.round(worst)} px down`);
  });

  it('folds the contents and the version’s links into one line each, which open', async () => {
    const { reading } = inject('sites');
    const w = await openPage(browser, { viewport: PHONE });
    try {
      await w.page.goto(at(reading, '/handbook/'));
      const contents = w.page.locator('nav.toc');
      expect(await contents.getByRole('link').first().isVisible()).toBe(false);
      const line = contents.locator('summary');
      expect(await line.textContent()).toBe('Contents 7 sections');
      expect((await line.boundingBox())!.height).toBeLessThanOrEqual(48);
      await line.click();
      expect(await contents.getByRole('link', { name: 'Leaving' }).isVisible()).toBe(true);
      const menu = w.page.locator('details.doc-meta');
      expect(await menu.getByRole('link', { name: 'Markdown source' }).isVisible()).toBe(false);
      await menu.locator('summary').click();
      expect(await menu.getByRole('link', { name: 'Markdown source' }).isVisible()).toBe(true);
      expect(await menu.locator('.hash').isVisible()).toBe(true);
    } finally {
      await w.close();
    }
  });
});

describe('in Japanese, the same folds and ways through a redline, in Japanese words', () => {
  it('folds the contents and the version’s links on a phone; jumps to the first change and steps from change to change', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser, { viewport: PHONE });
    try {
      await w.page.goto(at(main, '/ja/privacy/'));
      const line = w.page.locator('nav.toc summary');
      expect(await line.textContent()).toMatch(/^目次 \d+節$/);
      expect(await w.page.locator('nav.toc').getByRole('link').first().isVisible()).toBe(false);
      await line.click();
      expect(await w.page.locator('nav.toc').getByRole('link').first().isVisible()).toBe(true);
      expect(await w.page.locator('details.doc-meta > summary').textContent()).toBe('版・原文・印刷');
      await w.page.goto(at(main, '/ja/privacy/2025-04-01/changes/'));
      await w.page.getByRole('link', { name: '最初の変更へ移動' }).click();
      await w.page.waitForURL(/#rl-change-1$/);
      const step = w.page.locator('#rl-change-1');
      expect(await step.locator('.rl-step-n').textContent()).toMatch(/^変更 1（全\d+件）$/);
      await step.getByRole('link', { name: '次の変更' }).click();
      await w.page.waitForURL(/#rl-change-2$/);
      await w.page.locator('#rl-change-2').getByRole('link', { name: '前の変更' }).click();
      await w.page.waitForURL(/#rl-change-1$/);
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('type scale: section headings are larger than the text', () => {
  for (const viewport of [PHONE, DESKTOP]) {
    it(`at ${viewport.width} px`, async () => {
      const { reading, corpus } = inject('sites');
      const w = await openPage(browser, { viewport });
      try {
        const { main } = inject('sites');
        for (const [site, path] of [[reading, '/handbook/'], [main, '/ja/privacy/'], ...(corpus ? [[corpus, '/terms/'] as const] : [])] as const) {
          await w.page.goto(at(site, path));
          const px = await w.page.evaluate(() => {
            const size = (sel: string) => {
              const e = document.querySelector(sel);
              return e ? parseFloat(getComputedStyle(e).fontSize) : undefined;
            };
            return { body: size('.policy-text > p')!, h1: size('h1')!, h2: size('.policy-text > h2')!, h3: size('.policy-text > h3') };
          });
          expect(px.body, path).toBeGreaterThanOrEqual(16);
          // Clearly larger: at least 1.1 times the text, and each level above the next (the Japanese privacy policy has no h3).
          expect(px.h3 ?? px.h2, `${path} ${JSON.stringify(px)}`).toBeGreaterThanOrEqual(px.body * 1.1);
          if (px.h3 !== undefined) expect(px.h2).toBeGreaterThan(px.h3);
          expect(px.h1).toBeGreaterThan(px.h2);
        }
      } finally {
        await w.close();
      }
    });
  }
});

/** The entries of the contents as a reader hears them (each link's accessible name, numbers included). */
async function contentsEntries(page: Page): Promise<string[]> {
  return page.locator('nav.toc').getByRole('link').evaluateAll((links) => links.map((a) => (a.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

describe('the contents', () => {
  it('number subsections under their section (1, 2, 2.1 …), not in the outer list', async () => {
    const { reading } = inject('sites');
    const w = await openPage(browser, { viewport: DESKTOP });
    try {
      await w.page.goto(at(reading, '/handbook/'));
      expect(await contentsEntries(w.page)).toEqual(['1. Membership', '1.1 Joining', '1.2 Leaving', '1.3 Fees', '2. Conduct', '2.1 Content', '3. Contact']);
      // Each subsection's list inside its section's item.
      expect(await w.page.getByRole('link', { name: '1.2 Leaving' }).evaluate((a) => a.closest('ol')!.closest('li')!.querySelector('a')!.textContent)).toBe('1. Membership');
    } finally {
      await w.close();
    }
  });

  it('show no numbers of their own where the headings carry theirs, with each section in its place (corpus: the GitHub Terms of Service)', async () => {
    const { corpus, main } = inject('sites');
    const w = await openPage(browser, { viewport: DESKTOP });
    try {
      if (corpus) {
        await w.page.goto(at(corpus, '/terms/'));
        const top = await w.page.locator('nav.toc details > ol > li').evaluateAll((lis) => lis.map((li) => [li.querySelector('a')!.textContent, li.querySelectorAll('ol > li').length]));
        expect(top.slice(0, 5)).toEqual([['Summary', 0], ['The GitHub Terms of Service', 0], ['A. Definitions', 0], ['B. Account Terms', 5], ['C. Acceptable Use', 0]]);
        expect((await contentsEntries(w.page)).slice(0, 5)).toEqual(['Summary', 'The GitHub Terms of Service', 'A. Definitions', 'B. Account Terms', '1. Account Controls']);
      } else {
        // This project's policy: sections only, numbered 1 to 13.
        await w.page.goto(at(main, '/privacy/'));
        const entries = await contentsEntries(w.page);
        expect(entries.map((m) => m.split(' ')[0])).toEqual(Array.from({ length: 13 }, (_, k) => `${k + 1}.`));
      }
    } finally {
      await w.close();
    }
  });

  it('stand in a column beside the text on a wide screen, stay in view, and mark the section being read (CSS alone)', async () => {
    const { reading, corpus } = inject('sites');
    await columnMarks(corpus ?? reading, corpus ? '/terms/' : '/handbook/');
  });

  it('do so in Japanese too, whose headings have Japanese ids (/ja/privacy/)', async () => {
    const { main } = inject('sites');
    await columnMarks(main, '/ja/privacy/');
  });
});

/** The contents of `path` stand beside the text at 1280 px, stay in view, and mark the section being read, without JavaScript. */
async function columnMarks(site: ServedSite, path: string): Promise<void> {
  const w = await openPage(browser, { viewport: { width: 1280, height: 600 }, javaScriptEnabled: false });
  try {
    await w.page.goto(at(site, path));
    const box = async () => w.page.evaluate(() => {
      const toc = document.querySelector('nav.toc')!.getBoundingClientRect();
      const text = document.querySelector('.policy-text')!.getBoundingClientRect();
      return { tocRight: toc.right, textLeft: text.left, tocTop: toc.top, textWidth: text.width };
    });
    const before = await box();
    expect(before.tocRight).toBeLessThan(before.textLeft);
    // A comfortable measure: the text column is about 60 to 75 characters wide.
    expect(before.textWidth).toBeGreaterThan(560);
    expect(before.textWidth).toBeLessThan(760);
    const marked = () => w.page.evaluate(() => [...document.querySelectorAll('nav.toc a')].filter((a) => getComputedStyle(a).fontWeight === '650').map((a) => a.textContent));
    expect(await marked()).toEqual([]);
    // Go to a section further down: the contents stay at the top of the window, with that section marked.
    const target = w.page.locator('nav.toc a').nth(2);
    const name = (await target.textContent())!;
    await target.click();
    // (The page runs no script: the test polls.)
    await expect.poll(marked, { timeout: 10_000 }).toEqual([name]);
    const after = await box();
    expect(after.tocTop).toBeLessThanOrEqual(1);
    // Marked by more than colour: a bar beside it.
    expect(await target.evaluate((a) => getComputedStyle(a).borderLeftColor !== 'rgba(0, 0, 0, 0)')).toBe(true);
    expect(await w.page.locator('script:not([type="application/ld+json"])').count()).toBe(0);
  } finally {
    await w.close();
  }
}

describe('the ways through a redline', () => {
  it('"Jump to the first change", then from change to change, on a phone', async () => {
    const { reading } = inject('sites');
    const w = await openPage(browser, { viewport: PHONE });
    try {
      await w.page.goto(at(reading, '/handbook/2024-03-01/changes/'));
      await w.page.getByRole('link', { name: 'Jump to the first change' }).click();
      await w.page.waitForURL(/#rl-change-1$/);
      // The change at the top of the window (or as near as the end of the page lets it come).
      const where = (sel: string) =>
        w.page.locator(sel).evaluate((el) => ({ top: el.getBoundingClientRect().top, end: Math.abs(scrollY - (document.documentElement.scrollHeight - innerHeight)) < 2, scrolled: scrollY }));
      // (Scrolling is smooth for readers who have not asked for reduced motion: wait for it to end.)
      const settled = async (sel: string) => {
        await expect.poll(async () => { const a = await where(sel); await w.page.waitForTimeout(100); const b = await where(sel); return a.scrolled === b.scrolled; }).toBe(true);
        return where(sel);
      };
      const first = await settled('#rl-change-1');
      expect(first.scrolled).toBeGreaterThan(300);
      expect(first.top).toBeGreaterThanOrEqual(0);
      expect(first.top < 24 || (first.end && first.top < 844 / 2), JSON.stringify(first)).toBe(true);
      expect(await w.page.locator('#rl-change-1').textContent()).toBe('Change 1 of 2Next change');
      await w.page.locator('#rl-change-1').getByRole('link', { name: 'Next change' }).click();
      await w.page.waitForURL(/#rl-change-2$/);
      const second = await settled('#rl-change-2');
      expect(second.top >= 0 && (second.top < 24 || second.end), JSON.stringify(second)).toBe(true);
      await w.page.locator('#rl-change-2').getByRole('link', { name: 'Previous change' }).click();
      await w.page.waitForURL(/#rl-change-1$/);
    } finally {
      await w.close();
    }
  });

  it('previous and next change: from one revision’s changes to the next, in order, and back', async () => {
    const { reading, corpus } = inject('sites');
    const w = await openPage(browser);
    try {
      for (const site of [reading, ...(corpus ? [corpus] : [])]) {
        const policy = site === reading ? 'handbook' : 'terms';
        const expected = readingPages(site).changes.filter((p) => p.startsWith(`/${policy}/`));
        expect(expected.length).toBeGreaterThan(1);
        await w.page.goto(at(site, expected[0]!));
        expect(await w.page.locator('.rl-pager-none').textContent()).toBe('This is the first version: no change before it');
        const seen = [new URL(w.page.url()).pathname];
        for (;;) {
          const next = w.page.locator('.rl-pager a', { hasText: 'Next change' });
          if ((await next.count()) === 0) break;
          await next.click();
          await w.page.waitForURL((u) => u.pathname !== seen.at(-1));
          seen.push(new URL(w.page.url()).pathname);
        }
        expect(seen).toEqual(expected.map((p) => new URL(at(site, p)).pathname));
        expect(await w.page.locator('.rl-pager-none').textContent()).toBe('No later change');
        await w.page.locator('.rl-pager a', { hasText: 'Previous change' }).click();
        await w.page.waitForURL((u) => u.pathname === seen.at(-2));
        // The same links, for programs, in the page's links (rel="prev"/"next").
        expect(await w.page.locator('a[rel="next"]').getAttribute('href')).toBe(seen.at(-1));
      }
    } finally {
      await w.close();
    }
  });

  it('the former side-by-side address leads to the side-by-side view of the changes page', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(main, '/privacy/2025-04-01/changes/side-by-side/'));
      await w.page.waitForURL((u) => u.pathname === '/privacy/2025-04-01/changes/' && u.hash === '#side-by-side');
      expect(await w.page.locator('#side-by-side').isVisible()).toBe(true);
      expect(await w.page.locator('#rl-inline').isVisible()).toBe(false);
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('keeps the side-by-side column labels in view while the columns scroll', async () => {
    const { reading, corpus } = inject('sites');
    const w = await openPage(browser, { viewport: { width: 1280, height: 480 } });
    try {
      await w.page.goto(at(corpus ?? reading, corpus ? '/terms/2025-09-29/changes/#side-by-side' : '/handbook/2024-03-01/changes/#side-by-side'));
      const labels = w.page.locator('#side-by-side .rl-columns');
      expect(await labels.textContent()).toMatch(/^Before: the version effective .*After: the version effective /);
      // Scroll 150 px into the columns: the labels sit at the top of the window, over them.
      const state = await w.page.evaluate(() => {
        const redline = document.querySelector('#side-by-side .rl-redline')!;
        window.scrollTo({ top: redline.getBoundingClientRect().top + scrollY + 150, behavior: 'instant' });
        const r = redline.getBoundingClientRect();
        return { redlineTop: r.top, redlineBottom: r.bottom, labels: document.querySelector('#side-by-side .rl-columns')!.getBoundingClientRect().top };
      });
      expect(state.redlineTop).toBeLessThan(-100);
      expect(state.redlineBottom).toBeGreaterThan(100);
      expect(Math.abs(state.labels), JSON.stringify(state)).toBeLessThanOrEqual(1);
      expect(await labels.isVisible()).toBe(true);
    } finally {
      await w.close();
    }
  });
});

describe('one way of writing numbers and dates', () => {
  it('the history and the compare form write dates and counts as the changes pages do', async () => {
    const { reading } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(reading, '/handbook/history/'));
      expect(await w.page.locator('select[name="from"] option').allTextContents()).toEqual(['1 May 2024', '1 March 2024', '1 January 2024']);
      const counts = await w.page.locator('.rl-counts').allTextContents();
      expect(counts).toEqual(['(7 words added)', '(11 words added)']);
      await w.page.goto(at(reading, '/handbook/2024-05-01/changes/'));
      expect(await w.page.locator('.rl-sections-fold > summary').textContent()).toBe('7 words added in 1 section');
    } finally {
      await w.close();
    }
  });
});
