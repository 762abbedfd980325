// Shared by the end-to-end tests (test/e2e/*.e2e.ts, run by `npm run test:e2e`): the sites that
// global-setup.ts builds and serves, Debian's Chromium driven by playwright-core, and the checks
// every page gets (request log, storage, CSP violations, axe-core).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { root } from '../helpers/cli.ts';

export interface ServedSite {
  /** Where the site is served, with its base path and a trailing slash: http://127.0.0.1:PORT/legal/ */
  url: string;
  /** The built files. */
  dir: string;
  /** The site URL the build was given (canonical links and feeds use it). */
  site: string;
}

export interface Sites {
  /** This project's own policies (policies/), as of 2025-06-01, at the server's root. */
  main: ServedSite;
  /** test/fixtures/site (two policies, one of them with an upcoming version), as of 2024-12-20, under /legal/. */
  fixture: ServedSite;
  /** test/fixtures/languages (English and Japanese, translations current, outdated and missing), as of 2025-03-01, at the root. */
  languages: ServedSite;
  /** test/fixtures/reading (one policy with sections and subsections, three versions), as of 2024-06-01. */
  reading: ServedSite;
  /** REDLINE_E2E_CORPUS (a folder of policies), as of 2026-12-01, when it is given. */
  corpus?: ServedSite;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sites: Sites;
  }
}

export const CHROMIUM = process.env.REDLINE_CHROMIUM || '/usr/bin/chromium';

/** Where screenshots and PDFs are written for review (gitignored). */
export const RESULTS = join(root, 'test-results');

export function resultsDir(name: string): string {
  const dir = join(RESULTS, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Debian's Chromium, headless, on a fresh temporary profile (playwright-core makes one per launch),
 * with everything that would reach out to Google's services switched off: this machine has no
 * network but the package registries, and the tests assert that pages make no outside request.
 */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}: install it with "apt-get install -y chromium" (as .ci/run does), or set REDLINE_CHROMIUM`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
      '--font-render-hinting=none',
    ],
  });
}

/** A page whose every request, console message, page error and CSP violation is recorded. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  requests: string[];
  console: string[];
  errors: string[];
  csp: string[];
  close(): Promise<void>;
}

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  // Runs before the page's own scripts, and is not subject to the page's CSP.
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const w: WatchedPage = {
    page,
    context,
    requests: [],
    console: [],
    errors: [],
    csp: [],
    close: () => context.close(),
  };
  context.on('request', (r) => w.requests.push(r.url()));
  page.on('console', (m) => {
    const text = `${m.type()}: ${m.text()}`;
    w.console.push(text);
    if (/content security policy/i.test(text)) w.csp.push(text);
  });
  page.on('pageerror', (e) => w.errors.push(String(e)));
  return w;
}

/** CSP violations reported to the page so far (DOM events) and in the console. */
export async function cspViolations(w: WatchedPage): Promise<string[]> {
  const events = await w.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  return [...events, ...w.csp];
}

/** Requests that left the page's own origin. */
export function foreignRequests(w: WatchedPage, site: ServedSite): string[] {
  const origin = new URL(site.url).origin;
  return w.requests.filter((u) => new URL(u).origin !== origin);
}

/** Everything a page could have stored about its reader. */
export async function storage(w: WatchedPage): Promise<{ cookies: number; documentCookie: string; local: number; session: number; indexedDB: number; caches: number; serviceWorkers: number }> {
  const inPage = await w.page.evaluate(async () => ({
    documentCookie: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
    indexedDB: (await indexedDB.databases()).length,
    caches: 'caches' in window ? (await caches.keys()).length : 0,
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
  }));
  return { cookies: (await w.context.cookies()).length, ...inPage };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.2 level A and AA, as axe-core tags them. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP,
 * which allows no injected script, does not block it) and returns its violations.
 */
export async function axe(page: Page, tags: string[] = WCAG_TAGS): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (values) => {
    const a = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }> } }).axe;
    const result = await a.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.trim()),
    }));
  }, tags);
}

/**
 * Presses Tab until the focused element matches `selector` (at most `max` times), as a
 * keyboard user would, and checks along the way that focus never lands on something hidden.
 */
export async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const state = await page.evaluate((sel) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return { match: false, visible: true, what: 'body' };
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return {
        match: el.matches(sel),
        visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden',
        what: el.outerHTML.slice(0, 120),
      };
    }, selector);
    if (!state.visible) throw new Error(`keyboard focus landed on something invisible: ${state.what}`);
    if (state.match) return;
  }
  throw new Error(`pressed Tab ${max} times without reaching ${selector}`);
}

/** The focus indicator of the focused element: outline width in CSS px (0 when none). */
export async function focusOutline(page: Page): Promise<number> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth);
  });
}
