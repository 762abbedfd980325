// Budgets and privacy, checked over the built files of this project's own site (sizes, not time):
// - the privacy policy page's HTML + CSS fits in 14 KB gzipped (the first network round trip)
//   and loads no JavaScript;
// - history and changes pages load no JavaScript but their small enhancements;
// - no page weighs more than 50 KB gzipped in all (HTML + CSS + the JavaScript it loads);
// - every page carries the site's Content-Security-Policy, and nothing in the output needs an
//   exception to it (no inline script or style) or loads anything from another site.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listFiles, redline, root, tempDir, run } from './helpers/cli.ts';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../src/core/csp.ts';

const KB = 1024;
/** Enhancement scripts, each in src/client/scripts/, and the largest each may be (gzip). */
const ENHANCEMENTS: Record<string, number> = {
  '/scripts/print.js': 1 * KB,
  '/scripts/in-force-on.js': 2 * KB,
  // Grouping by policy, versions by date, as-you-type and arrow keys (Pagefind itself is loaded on top).
  '/scripts/search.js': 4 * KB,
};
/** The compare page computes a redline in the browser for pairs of versions no page was built for (README, "Comparing any two versions"). */
// The compare page of each policy, in each language (/ja/<policy>/compare/).
const COMPARE_PAGE = /^(?:ja\/)?[^/]+\/compare\/index\.html$/;
const COMPARE_SCRIPT = /^\/_astro\/[^/]+\.js$/;
/** What the search page loads at run time besides the files its HTML names (Pagefind's API and its worker). */
const SEARCH_RUNTIME = ['/pagefind/pagefind.js', '/pagefind/pagefind-worker.js'];

let out: string;
let pages: string[];
beforeAll(async () => {
  out = join(tempDir('redline-budget-'), 'dist');
  const r = await run(['build', '--out', out, '--now', '2025-06-01']);
  if (r.code !== 0) throw new Error(r.stderr);
  pages = listFiles(out).filter((f) => f.endsWith('.html'));
});

const gz = (path: string) => gzipSync(readFileSync(join(out, path))).length;
const html = (page: string) => readFileSync(join(out, page), 'utf8');
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
function stylesheets(page: string): string[] {
  return [...html(page).matchAll(/<link\b[^>]*>/g)].map((m) => m[0]).filter((t) => attr(t, 'rel') === 'stylesheet').map((t) => attr(t, 'href')!);
}
/** The scripts a page runs: JSON-LD (`type="application/ld+json"`) is data no browser executes, and the CSP does not apply to it. */
function scripts(page: string): string[] {
  return [...html(page).matchAll(/<script\b[^>]*>/g)].filter((m) => attr(m[0], 'type') !== 'application/ld+json').map((m) => attr(m[0], 'src') ?? '(inline)');
}
/** A root-relative address in the built site → its file. */
const file = (href: string) => href.replace(/^\//, '');
function weight(page: string): { html: number; css: number; js: number } {
  const js = scripts(page);
  if (page === 'search/index.html') js.push(...SEARCH_RUNTIME);
  return {
    html: gz(page),
    css: stylesheets(page).reduce((n, h) => n + gz(file(h)), 0),
    js: js.reduce((n, h) => n + gz(file(h)), 0),
  };
}

describe('budgets (gzip)', () => {
  it('the privacy policy page: HTML + CSS at most 14 KB, and no JavaScript', async () => {
    const w = weight('privacy/index.html');
    expect(stylesheets('privacy/index.html').length).toBeGreaterThan(0);
    expect(w.html + w.css).toBeLessThanOrEqual(14 * KB);
    expect(scripts('privacy/index.html')).toEqual([]);
    // Every policy page: the section being read is marked with CSS alone (contents.css).
    const policyPages = pages.filter((p) => /^[^/]+\/index\.html$/.test(p) && html(p).includes('class="policy rl-reading"'));
    expect(policyPages).toContain('privacy/index.html');
    for (const p of policyPages) expect(html(p).replace(/<script type="application\/ld\+json">[^<]*<\/script>/, ''), p).not.toMatch(/<script|\bon[a-z]+="/i);
  });

  it('history pages load only the "in force on a date" script; changes pages only the print control', async () => {
    const history = pages.filter((p) => /^[^/]+\/history\/index\.html$/.test(p));
    expect(history).toContain('privacy/history/index.html');
    for (const p of history) expect(scripts(p), p).toEqual(['/scripts/in-force-on.js']);
    // Changes and comparisons (both views on one page; the former side-by-side addresses lead there, with no script).
    const changes = pages.filter((p) => /\/(changes|compare\/\d{4}-\d{2}-\d{2}\.\.\.\d{4}-\d{2}-\d{2})\/index\.html$/.test(p));
    expect(changes).toEqual(expect.arrayContaining(['privacy/2025-04-01/changes/index.html', 'privacy/compare/2024-04-01...2025-04-01/index.html']));
    for (const p of changes) expect(scripts(p), p).toEqual(['/scripts/print.js']);
    expect(scripts('privacy/2025-04-01/changes/side-by-side/index.html')).toEqual([]);
  });

  it('each enhancement script is small', async () => {
    for (const [src, max] of Object.entries(ENHANCEMENTS)) {
      expect(existsSync(join(out, file(src))), src).toBe(true);
      expect(gz(file(src)), src).toBeLessThanOrEqual(max);
    }
  });

  it('no page weighs more than 50 KB in all (HTML + CSS + JavaScript)', async () => {
    expect(pages.length).toBeGreaterThan(5);
    for (const p of pages) {
      const w = weight(p);
      expect(w.html + w.css + w.js, `${p}: ${JSON.stringify(w)}`).toBeLessThanOrEqual(50 * KB);
    }
  });

  it('pages load only enhancement scripts the budget knows about', async () => {
    for (const p of pages) {
      for (const s of scripts(p)) {
        if (COMPARE_PAGE.test(p) && COMPARE_SCRIPT.test(s)) continue; // the compare page's own script: see below
        expect(Object.keys(ENHANCEMENTS), `${p} loads ${s}`).toContain(s);
      }
    }
  });

  it('the compare page (any two versions) loads one script of its own, at most 15 KB', async () => {
    const compare = pages.filter((p) => COMPARE_PAGE.test(p));
    expect(compare).toContain('privacy/compare/index.html');
    for (const p of compare) {
      const own = scripts(p);
      expect(own.length, p).toBe(1);
      expect(own[0]).toMatch(COMPARE_SCRIPT);
      expect(gz(file(own[0]!)), p).toBeLessThanOrEqual(15 * KB);
    }
    // The build's engine and renderer, which it loads only when a reader asks for a comparison: one chunk, fetched by a dynamic import.
    const lazy = readdirSync(join(out, '_astro')).filter((f) => /^compare-here\..*\.js$/.test(f));
    expect(lazy).toHaveLength(1);
    expect(gz(`_astro/${lazy[0]}`), lazy[0]).toBeLessThanOrEqual(35 * KB);
    const own = readFileSync(join(out, file(scripts('privacy/compare/index.html')[0]!)), 'utf8');
    expect(own).toContain(`import(\`./${lazy[0]}\`)`);
    // The Japanese segmenter's model, fetched by that chunk only for texts with Japanese or Chinese letters (src/core/diff/segment-ja-browser.ts).
    const segmenter = readdirSync(join(out, '_astro')).filter((f) => /^segment-ja\..*\.js$/.test(f));
    expect(segmenter).toHaveLength(1);
    expect(gz(`_astro/${segmenter[0]}`), segmenter[0]).toBeLessThanOrEqual(10 * KB);
    expect(readFileSync(join(out, '_astro', lazy[0]!), 'utf8')).toContain(`import(\`./${segmenter[0]}\`)`);
  });
});

describe('privacy and the Content-Security-Policy, in the built files', () => {
  it('every page carries the site policy in a meta tag, first thing after the charset', async () => {
    for (const p of pages) {
      const head = html(p).slice(0, 400);
      expect(head, p).toMatch(/^<!DOCTYPE html><html lang="(?:en|ja)"[^>]*>\s*<head>\s*<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="([^"]*)">/i);
      expect(/http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(head)![1]!.replaceAll('&#39;', "'")).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('_headers sends the same policy (plus frame-ancestors) and the other security headers to every path', async () => {
    const headers = readFileSync(join(out, '_headers'), 'utf8');
    // src/client/_headers, then the rules generated for the versions API and Memento (test/memento.test.ts).
    expect(headers.startsWith(readFileSync(join(root, 'src/client/_headers'), 'utf8'))).toBe(true);
    const block = /^\/\*\n((?:[ \t]+.+\n)+)/m.exec(headers)?.[1] ?? '';
    const lines = block.trim().split('\n').map((l) => l.trim());
    const get = (name: string) => lines.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim();
    expect(lines.map((l) => l.split(':')[0])).toEqual(expect.arrayContaining(['Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy']));
    expect(get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(CONTENT_SECURITY_POLICY_HEADER.startsWith(`${CONTENT_SECURITY_POLICY}; `)).toBe(true);
    expect(get('X-Content-Type-Options')).toBe('nosniff');
    expect(get('Referrer-Policy')).toBe('no-referrer');
  });

  it('the policy allows the site itself and nothing else', async () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none';/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|'unsafe-inline'|'unsafe-eval'|data:|blob:/);
  });

  it('no inline script, inline style or style attribute anywhere (the policy allows none)', async () => {
    for (const p of pages) {
      const h = html(p);
      expect(scripts(p), p).not.toContain('(inline)');
      expect(h, p).not.toMatch(/<style\b|\sstyle="|\son[a-z]+="/i);
    }
  });

  it('nothing loads from another site: stylesheets, scripts, images, icons and CSS url()s are the site’s own', async () => {
    for (const p of pages) {
      const h = html(p);
      for (const m of h.matchAll(/<(link|script|img|source|iframe|video|audio|embed|object)\b[^>]*>/gi)) {
        const tag = m[0];
        const rel = attr(tag, 'rel') ?? '';
        // Addresses, not loads: the canonical address, alternate forms, Memento's and RFC 6903's relations.
        if (m[1]!.toLowerCase() === 'link' && /^(canonical|alternate|original|timemap|(first |prev |next |last )*memento|privacy-policy|terms-of-service)$/.test(rel)) continue;
        for (const a of ['src', 'href', 'srcset', 'data']) {
          const v = attr(tag, a);
          if (v) expect(v, `${p}: ${tag}`).toMatch(/^\/(?!\/)/);
        }
      }
    }
    for (const css of listFiles(out).filter((f) => f.endsWith('.css'))) {
      const text = readFileSync(join(out, css), 'utf8');
      expect(text).not.toMatch(/@import|@font-face/);
      for (const m of text.matchAll(/url\(([^)]*)\)/g)) expect(m[1], css).toMatch(/^["']?\/(?!\/)/);
    }
  });
});

describe('this site, for programs', () => {
  it('its versions API (the privacy policy) validates against the published schemas', async () => {
    const { errorsOf, schemas } = await import('./helpers/machine-readable.ts');
    const v = schemas();
    expect(errorsOf(v.policies, JSON.parse(readFileSync(join(out, 'policies.json'), 'utf8')))).toEqual([]);
    const privacy = JSON.parse(readFileSync(join(out, 'privacy/versions.json'), 'utf8')) as { consent: { version: string }; revisions: { id: string }[] };
    expect(errorsOf(v.versions, privacy)).toEqual([]);
    expect(privacy.revisions.map((r) => r.id)).toEqual(['2025-04-01', '2024-04-01']);
    // Its revision of 2025-04-01 is editorial: nobody is asked to accept it.
    expect(privacy.consent.version).toBe('2024-04-01');
    expect(errorsOf(v.ota, JSON.parse(readFileSync(join(out, 'privacy/ota-declaration.json'), 'utf8')))).toEqual([]);
  });
});
