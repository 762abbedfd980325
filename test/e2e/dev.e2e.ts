// npm run dev for authors: `astro dev` with the redline() integration. An edited revision shows in
// the browser without a restart; a problem shows as Astro's error overlay, and goes when it is fixed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { projectTempDir, root } from '../helpers/cli.ts';
import { launch } from './support.ts';

let browser: Browser;
let server: ChildProcess;
let origin: string;
let policies: string;
/** What `astro dev` printed, shown with a failure. */
let serverLog = '';

/** `check`, with what the server printed and what the page showed added to its failure. */
async function explained(page: Page, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (e) {
    // (a moment for the overlay's script to draw it)
    await page.waitForTimeout(1000).catch(() => undefined);
    const shown = await page.evaluate(() => {
      const overlay = document.querySelector('vite-error-overlay');
      return `${overlay ? `(overlay) ${[...(overlay.shadowRoot?.querySelectorAll('*') ?? [])].filter((e) => e.tagName !== 'STYLE' && e.children.length === 0).map((e) => e.textContent?.trim()).filter(Boolean).join(' ')}\n` : ''}${document.body?.innerText ?? ''}`;
    }).catch(() => '(no page)');
    throw new Error(`${(e as Error).message}\n--- the page showed:\n${shown.slice(0, 2000)}\n--- astro dev printed:\n${serverLog.slice(-4000)}`);
  }
}

/**
 * An author's project: this repository's astro.config.mjs, settings and content config, with
 * `npm run dev` (astro dev) started as a program, the way an author starts it, on a copy of the
 * policies. (Astro serves no pages from a dev server started inside a Vitest process.)
 */
beforeAll(async () => {
  const project = projectTempDir('dev-');
  policies = join(project, 'policies');
  cpSync(join(root, 'policies'), policies, { recursive: true });
  const src = join(root, 'src');
  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(join(project, 'astro.config.mjs'), `import { defineConfig } from 'astro/config';\nimport { redline } from ${JSON.stringify(join(src, 'astro/index.ts'))};\nexport default defineConfig({ integrations: [redline({ settings: ${JSON.stringify(join(root, 'redline.config.ts'))} })] });\n`);
  writeFileSync(join(project, 'src', 'content.config.ts'), `import { defineCollection } from 'astro:content';\nimport { redlineLoader } from ${JSON.stringify(join(src, 'astro/index.ts'))};\nexport const collections = { redline: defineCollection({ loader: redlineLoader() }) };\n`);
  // A revision not announced yet: a draft, shown in dev, that may still change.
  writeFileSync(
    join(policies, 'privacy', '2030-01-01.md'),
    readFileSync(join(policies, 'privacy', '2025-04-01.md'), 'utf8').replace(/^published: .*\n/m, 'published: 2029-12-01\n').replace(/^summary: .*$/m, 'summary: A draft for the dev server test.'),
  );
  // As an author's shell has it: none of the test runner's variables (with them, Vite watches no files).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|TEST$|NODE_ENV$|MODE$)/.test(k)));
  env.ASTRO_TELEMETRY_DISABLED = '1';
  // A free port of its own (with --port 0 the page's live-reload client would not find the server).
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  server = spawn(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'dev', '--root', project, '--host', '127.0.0.1', '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  origin = await new Promise<string>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      serverLog += chunk.toString('utf8').replace(/\x1b\[[0-9;]*m/g, '');
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(serverLog);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    };
    server.stdout!.on('data', seen);
    server.stderr!.on('data', seen);
    server.once('exit', (code) => reject(new Error(`astro dev stopped (${code}):\n${serverLog}`)));
  });
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
});

describe('npm run dev', () => {
  it('serves the site, drafts marked as drafts, and shows an edited revision without a restart', async () => {
    const page = await browser.newPage();
    const url = `${origin}/privacy/2030-01-01/`;
    await page.goto(url);
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Privacy Policy');
    expect(await page.locator('.notice.draft').textContent()).toContain('Draft preview.');

    const file = join(policies, 'privacy', '2030-01-01.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Privacy Policy (edited in dev)'));
    // The loader reloads the revision and Astro reloads the page: no restart, no manual reload.
    await explained(page, () => expect.poll(() => page.locator('h1').first().textContent(), { timeout: 45_000 }).toBe('Privacy Policy (edited in dev)'));
    await page.close();
  }, 120_000);

  it('shows a problem as Astro’s error overlay, naming the file and line, until the file is fixed', async () => {
    const page = await browser.newPage();
    const file = join(policies, 'privacy', '2030-01-01.md');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace(/^title: .*$/m, 'title: [unclosed'));
    const url = `${origin}/privacy/`;
    // The overlay (in a shadow root, which Playwright's locators look into) names the file and line.
    await explained(page, () =>
      expect
        .poll(async () => {
          await page.goto(url);
          // The overlay is drawn by a script after the page has loaded: wait for it, on this load.
          return page.getByText(/2030-01-01\.md:3: front matter is not valid YAML/).first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
        }, { timeout: 60_000 })
        .toBe(true),
    );
    writeFileSync(file, good);
    await explained(page, () =>
      expect
        .poll(async () => {
          await page.goto(url);
          return page.locator('h1').first().textContent({ timeout: 10_000 });
        }, { timeout: 60_000 })
        .toBe('Privacy Policy'),
    );
    await page.close();
  }, 120_000);
});
