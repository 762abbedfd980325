// The compare page's script runs the build's own engine and renderer in the browser: for every pair
// that has a page built for it, the redline the browser computes is the same HTML as that page's.
// Run over this project's policies, the fixture site, and (REDLINE_E2E_CORPUS) a corpus of real histories.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, foreignRequests, type ServedSite } from './support.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Every pair with a page of its own: [policy, from, to, path of the page] (under `lang/` for the pages in a language other than the default). */
function builtPairs(site: ServedSite, lang = ''): Array<[string, string, string, string]> {
  const out: Array<[string, string, string, string]> = [];
  const top = join(site.dir, lang);
  for (const name of readdirSync(top)) {
    const policy = `${lang ? `${lang}/` : ''}${name}`;
    const dir = join(top, name);
    // A policy of two revisions has every pair built: its compare page never computes one.
    if (!existsSync(join(dir, 'history')) || !existsSync(join(dir, 'compare', 'data'))) continue;
    const dates = readdirSync(dir).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
    // In a language, only the pairs whose two texts are translated (the others' pages say they are not).
    const both = (a: string, b: string) => existsSync(join(dir, `${a}.md`)) && existsSync(join(dir, `${b}.md`));
    for (let k = 1; k < dates.length; k++) {
      if (existsSync(join(dir, dates[k]!, 'changes', 'index.html')) && both(dates[k - 1]!, dates[k]!)) out.push([policy, dates[k - 1]!, dates[k]!, `${policy}/${dates[k]}/changes/`]);
    }
    if (existsSync(join(dir, 'compare'))) {
      for (const pair of readdirSync(join(dir, 'compare'))) {
        const m = /^(\d{4}-\d{2}-\d{2})\.\.\.(\d{4}-\d{2}-\d{2})$/.exec(pair);
        if (m && both(m[1]!, m[2]!)) out.push([policy, m[1]!, m[2]!, `${policy}/compare/${pair}/`]);
      }
    }
  }
  return out;
}

async function sameAsBuilt(site: ServedSite, lang = ''): Promise<number> {
  const pairs = builtPairs(site, lang);
  const w = await openPage(browser);
  try {
    let checked = 0;
    for (const [policy, from, to, path] of pairs) {
      await w.page.goto(`${site.url}${policy}/compare/?from=${from}&to=${to}&built=no`);
      await w.page.waitForFunction(() => document.querySelector('#rl-result .rl-changes, #rl-result .notice:not(:empty)')?.closest('#rl-result')?.querySelector('.rl-changes') || /could not|Choose|same version|できませんでした|選んでください|同じ版/.test(document.getElementById('rl-result')?.textContent ?? ''), undefined, { timeout: 60_000 });
      expect(await w.page.locator('#rl-result').textContent(), `${path}: the browser's redline`).not.toMatch(/could not be compared|Choose two|same version|比較できませんでした|選んでください|同じ版/);
      expect(w.errors, path).toEqual([]);
      const [here, built] = await w.page.evaluate(async (url) => {
        const parts = (root: ParentNode) => ['.rl-summary', '.rl-changes'].map((s) => root.querySelector(s)?.outerHTML ?? `(no ${s})`).join('\n');
        const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
        return [parts(document.getElementById('rl-result')!), parts(doc)];
      }, `${site.url}${path}`);
      expect(here, `${path}: the browser's redline`).toBe(built);
      checked++;
    }
    expect(w.errors).toEqual([]);
    expect(foreignRequests(w, site)).toEqual([]);
    return checked;
  } finally {
    await w.close();
  }
}

describe('the browser compare gives the HTML of the pages built for each pair', () => {
  it('the fixture site', async () => {
    expect(await sameAsBuilt(inject('sites').fixture)).toBeGreaterThanOrEqual(4);
  });
  it('the Japanese pages: the same segmentation of Japanese into words in Chromium as in Node', async () => {
    const { languages } = inject('sites');
    expect(await sameAsBuilt(languages, 'ja')).toBeGreaterThanOrEqual(1);
    expect(await sameAsBuilt(languages)).toBeGreaterThanOrEqual(4);
  });
  it('the corpus of real histories, when REDLINE_E2E_CORPUS gives one', { timeout: 1_800_000 }, async () => {
    const { corpus } = inject('sites');
    // Without a corpus there is nothing more to compare: the two sites above are always compared.
    expect(corpus === undefined ? 0 : await sameAsBuilt(corpus)).toBeGreaterThanOrEqual(corpus === undefined ? 0 : 100);
  });
});

describe('the compare page', () => {
  it('loads the engine only when a reader asks for a pair no page was built for, then shows it with both views', async () => {
    const { fixture } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(`${fixture.url}cookies/compare/`);
      expect(w.requests.filter((u) => /compare-here/.test(u))).toEqual([]);
      await w.page.selectOption('select[name="from"]', '2024-01-01');
      await w.page.selectOption('select[name="to"]', '2025-01-15');
      await w.page.getByRole('button', { name: 'Compare' }).click();
      await w.page.locator('#rl-result .rl-changes').waitFor();
      expect(w.requests.filter((u) => /compare-here/.test(u))).toHaveLength(1);
      expect(new URL(w.page.url()).pathname).toBe('/legal/cookies/compare/');
      const heading = w.page.locator('#rl-result h2').first();
      await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
      expect(await heading.evaluate((h) => getComputedStyle(h).outlineStyle)).toBe('none');
      expect(await w.page.locator('#rl-result .rl-view-side-by-side').isVisible()).toBe(false);
      await w.page.getByRole('link', { name: 'Side by side' }).click();
      expect(await w.page.locator('#rl-result .rl-view-side-by-side').isVisible()).toBe(true);
      expect(await w.page.locator('#rl-result .rl-view-inline').isVisible()).toBe(false);
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
