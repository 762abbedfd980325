// The site in Japanese, read in Chromium (with the Japanese font .ci/run installs): this project's
// privacy policy at /ja/privacy/, and the languages fixture's outdated and missing translations.
// Every Japanese page kind also goes through axe, the privacy checks and the screenshots (pages.ts).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { axe, launch, openPage, foreignRequests, resultsDir, WCAG_TAGS } from './support.ts';
import { at } from './pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('/ja/privacy/ in Chromium', () => {
  it('is in Japanese: lang, hreflang, the notice that English prevails, Japanese dates and strings, a switcher to the same revision', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      expect((await w.page.goto(at(main, '/ja/privacy/')))?.status()).toBe(200);
      const head = await w.page.evaluate(() => ({
        lang: document.documentElement.lang,
        hreflang: [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => `${l.getAttribute('hreflang')} ${l.getAttribute('href')}`),
        h1: document.querySelector('h1')?.textContent,
        effective: document.querySelector('.effective')?.textContent?.replace(/\s+/g, ' ').trim(),
        notice: document.querySelector('.notice.translation')?.textContent?.replace(/\s+/g, ' ').trim(),
        nav: [...document.querySelectorAll('.site-header nav a')].map((a) => a.textContent?.trim()),
      }));
      expect(head.lang).toBe('ja');
      expect(head.hreflang).toEqual(['en https://policies.illustrious.example/privacy/', 'ja https://policies.illustrious.example/ja/privacy/', 'x-default https://policies.illustrious.example/privacy/']);
      expect(head.h1).toBe('プライバシーポリシー');
      expect(head.effective).toBe('2025年4月1日施行 · 2025年3月18日公表 表現上の改定');
      expect(head.notice).toBe('この翻訳は参考のために提供するものです。英語版と内容に相違がある場合は、英語版が優先します。 英語の原文を読む');
      expect(head.nav).toEqual(['ポリシー一覧', '改定履歴', '検索', '更新の通知', '言語: English']);
      // The switcher: the same page in English, and back.
      await w.page.getByRole('link', { name: '言語: English' }).click();
      expect(new URL(w.page.url()).pathname).toBe('/privacy/');
      expect(await w.page.evaluate(() => document.documentElement.lang)).toBe('en');
      await w.page.getByRole('link', { name: 'Language: 日本語' }).click();
      expect(new URL(w.page.url()).pathname).toBe('/ja/privacy/');
      // From a past version, to the same past version.
      await w.page.goto(at(main, '/ja/privacy/2024-04-01/'));
      await w.page.getByRole('link', { name: '言語: English' }).click();
      expect(new URL(w.page.url()).pathname).toBe('/privacy/2024-04-01/');
      expect(foreignRequests(w, main)).toEqual([]);
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('renders Japanese with a Japanese font (not boxes), and the text starts within the first screen of a phone, notices included', async () => {
    const { main } = inject('sites');
    for (const path of ['/ja/privacy/', '/ja/privacy/2024-04-01/', '/ja/privacy/2025-04-01/']) {
      const w = await openPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      try {
        await w.page.goto(at(main, path));
        const m = await w.page.evaluate(async () => {
          await document.fonts.ready;
          const first = document.querySelector('.prose > :not(h1, h2, h3)') as HTMLElement;
          // A glyph the font has is wider than nothing and the same as another kanji's (boxes of a missing font are too, so compare with a Latin-only font).
          const canvas = document.createElement('canvas').getContext('2d')!;
          canvas.font = '16px sans-serif';
          const kanji = canvas.measureText('個人情報').width;
          canvas.font = '16px "DejaVu Sans"';
          const fallback = canvas.measureText('個人情報').width;
          return { top: first.getBoundingClientRect().top, text: first.textContent?.slice(0, 20), scroll: document.documentElement.scrollWidth, kanji, fallback, fonts: document.fonts.check('16px sans-serif', '個人情報') };
        });
        expect(m.text).toMatch(/^Illustrious Inc.（以下「/);
        expect(m.top, `${path}: the first paragraph starts at ${m.top}px`).toBeLessThan(844);
        expect(m.scroll).toBeLessThanOrEqual(390);
        expect(m.kanji).toBeGreaterThan(40);
        await w.page.screenshot({ path: join(resultsDir('languages'), `${path.replace(/\//g, '_')}-390.png`) });
      } finally {
        await w.close();
      }
    }
    const w = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    try {
      await w.page.goto(at(main, '/ja/privacy/'));
      await w.page.screenshot({ path: join(resultsDir('languages'), 'ja-privacy-1280.png') });
      await w.page.goto(at(main, '/ja/privacy/2025-04-01/changes/'));
      await w.page.screenshot({ path: join(resultsDir('languages'), 'ja-changes-1280.png'), fullPage: true });
    } finally {
      await w.close();
    }
  });

  it('has a 404 page in both languages', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      expect((await w.page.goto(at(main, '/no-such-page/')))?.status()).toBe(404);
      expect(await w.page.locator('h1').textContent()).toBe('Page not found');
      expect(await w.page.locator('section[lang="ja"] h2').textContent()).toBe('ページが見つかりません');
      expect((await w.page.goto(at(main, '/ja/no-such-page/')))?.status()).toBe(404);
      expect(await w.page.evaluate(() => document.documentElement.lang)).toBe('ja');
      expect(await w.page.locator('h1').textContent()).toBe('ページが見つかりません');
      expect(await axe(w.page, WCAG_TAGS)).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('finds a Japanese word of the policy with the Japanese search index, and leads to its section', async () => {
    const { main } = inject('sites');
    const w = await openPage(browser);
    try {
      await w.page.goto(at(main, '/ja/search/'));
      await w.page.getByLabel('検索する語句').fill('改ざん');
      await w.page.getByRole('button', { name: '検索' }).click();
      await w.page.locator('#search-results li').first().waitFor();
      // Every version is searched: the version in force, and the past one folded under it, in Japanese words.
      const status = await w.page.locator('#search-status').textContent();
      expect(status).toBe('「改ざん」は1件のポリシー（2版）で見つかりました。');
      expect(await w.page.locator('#search-results .result-version .result-meta').textContent()).toBe('現行版 · 2025年4月1日施行');
      expect(await w.page.locator('#search-results .result-past > summary').textContent()).toBe('ほかに過去の版1件にもあります');
      expect(await w.page.locator('#search-results .result-past a').getAttribute('href')).toBe('/ja/privacy/2024-04-01/');
      const sections = await w.page.locator('#search-results .result-version .result-sections a').evaluateAll((as) => as.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })));
      expect(sections[0]!.text).toBe('保有個人データの安全管理');
      expect(decodeURIComponent(sections[0]!.href!)).toMatch(/^\/ja\/privacy\/#保有個人データの安全管理$/);
      // The English index does not answer for Japanese pages, nor the Japanese one for English.
      expect(w.requests.some((u) => /pagefind\.ja_[0-9a-f]+\.pf_meta$/.test(new URL(u).pathname))).toBe(true);
      expect(w.requests.some((u) => /pagefind\.en_[0-9a-f]+\.pf_meta$/.test(new URL(u).pathname))).toBe(false);
      // A word inside a longer one: 個人情報 is found too (Japanese is split into words when indexed).
      await w.page.getByLabel('検索する語句').fill('個人情報');
      await w.page.getByRole('button', { name: '検索' }).click();
      await expect.poll(() => w.page.locator('#search-status').textContent()).toMatch(/^「個人情報」は1件のポリシー（\d版）で見つかりました。$/);
      // Only Japanese pages among the results.
      expect(await w.page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')).filter((h) => !h!.startsWith('/ja/')))).toEqual([]);
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('outdated and missing translations (the languages fixture), in Chromium', () => {
  it('/ja/terms/ says the version in force is not translated yet and leads to the English text; the older translation says it is out of date', async () => {
    const { languages } = inject('sites');
    const w = await openPage(browser);
    try {
      expect((await w.page.goto(at(languages, '/ja/terms/')))?.status()).toBe(200);
      expect(await w.page.locator('.notice.missing').textContent()).toContain('このポリシーの現行版は、まだ日本語に翻訳されていません。');
      await w.page.getByRole('link', { name: '英語の原文を読む' }).click();
      expect(new URL(w.page.url()).pathname).toBe('/terms/2025-01-01/');
      await w.page.goto(at(languages, '/ja/terms/2024-06-01/'));
      expect((await w.page.locator('.notice.translation .outdated').textContent())!.replace(/\s+/g, '')).toBe('この翻訳は最新ではありません。2025年1月1日から施行されている現行版は、まだ日本語に翻訳されていません。英語の原文を読む（英語、こちらが優先します）。');
      expect(await axe(w.page, WCAG_TAGS)).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
