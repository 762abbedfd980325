/**
 * Redline as an Astro integration, the way Starlight is one:
 *
 *     // astro.config.mjs
 *     integrations: [redline()]
 *     // src/content.config.ts
 *     export const collections = { redline: defineCollection({ loader: redlineLoader() }) };
 *
 * It reads the settings (redline.config.ts), injects Redline's pages under
 * its prefix, gives the content loader and the pages its resolved options
 * (the loader through Astro's config, the pages through the virtual module
 * `virtual:redline/config`), and writes the search index once the pages are
 * built. Validation and the lock check run in the loader, so a plain
 * `astro build` can never publish what `redline check` refuses.
 */
import type { AstroIntegration, AstroConfig } from 'astro';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { siteLanguages } from '../core/translations.ts';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROUTES } from './routes.ts';
import { virtualModules } from './virtual.ts';
import { cliOptions, REDLINE_OPTIONS_HOOK, type RedlineOptions, type ResolvedOptions } from './options.ts';
import { basePath, decodedBasePath, normaliseSiteUrl, validateSettings, type SettingsInput } from '../core/settings.ts';
import { resolveToday, isCalendarDate, inDateRange, dateRangeHint } from '../core/dates.ts';
import { RedlineError } from '../core/errors.ts';
import { writeSearchIndex } from '../node/search-index.ts';

export type { RedlineOptions };

/** The settings as written: given inline, or the default export of a module (redline.config.ts), and where they came from. */
async function readSettings(root: string, given: RedlineOptions['settings']): Promise<{ input: SettingsInput; file: string }> {
  if (given && typeof given === 'object') return { input: given, file: 'redline() settings' };
  const path = resolve(root, given ?? 'redline.config.ts');
  if (!existsSync(path)) {
    throw new RedlineError({ file: path, message: 'not found', hint: 'write the site settings there (see docs/reference/settings.md), or pass them as redline({ settings: { … } })' });
  }
  const mod = (await import(/* @vite-ignore */ pathToFileURL(path).href)) as { default?: SettingsInput };
  return { input: mod.default as SettingsInput, file: given ?? 'redline.config.ts' };
}

function normalisePrefix(prefix: string | undefined): string {
  const p = (prefix ?? '').trim().replace(/^\/*/, '/').replace(/\/+$/, '');
  return p === '/' ? '' : p;
}

/** Redline's root address inside a host site: the host's site and base, then the prefix. */
function embeddedUrl(config: AstroConfig, prefix: string): string {
  if (!config.site) {
    throw new RedlineError({ file: 'astro.config.mjs', message: 'has no `site`', hint: 'Redline writes absolute addresses in feeds and links: set site, such as site: "https://www.example.com"' });
  }
  const base = config.base.endsWith('/') ? config.base : `${config.base}/`;
  return normaliseSiteUrl(new URL(`${base}${prefix.slice(1)}/`.replace(/\/{2,}/g, '/'), config.site).href, 'astro.config.mjs');
}

export function redline(options: RedlineOptions = {}): AstroIntegration {
  let resolved: ResolvedOptions | undefined;
  return {
    name: 'redline',
    hooks: {
      // Read by the content loader (src/astro/loader.ts), which gets Astro's config, not this closure.
      [REDLINE_OPTIONS_HOOK]: () => resolved,
      'astro:config:setup': async ({ config, command, injectRoute, updateConfig, addWatchFile }) => {
        const root = fileURLToPath(config.root);
        const cli = cliOptions(config) ?? {};
        const settingsOption = cli.settings ?? options.settings;
        const read = await readSettings(root, settingsOption);
        if (typeof settingsOption !== 'object') addWatchFile(resolve(root, settingsOption ?? 'redline.config.ts'));
        const prefix = normalisePrefix(options.prefix);
        const whole = prefix === '';
        let url: string;
        let siteRoot: string;
        if (whole) {
          // The settings' url (or --site) is the site's address.
          url = siteRoot = validateSettings(cli.site ? { ...read.input, url: cli.site } : read.input, cli.site ? '--site' : read.file).url;
        } else {
          // Inside another site: Redline's address is the host's, with the prefix.
          url = embeddedUrl(config, prefix);
          siteRoot = embeddedUrl(config, '');
        }
        const settings = { ...validateSettings(read.input, read.file, url), siteRoot };
        const now = cli.now ?? options.now;
        if (now !== undefined && !isCalendarDate(now)) throw new RedlineError({ message: `now "${now}" is not a calendar date`, hint: 'write it as YYYY-MM-DD' });
        if (now !== undefined && !inDateRange(now)) throw new RedlineError({ message: `now ${now} is outside the dates Redline handles`, hint: dateRangeHint(now) });
        const realToday = resolveToday({ sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, timeZone: settings.timeZone });
        // Astro takes the base as a folder path (decoded: `/a b`, not `/a%20b`); Redline's own links are encoded.
        if (whole) updateConfig({ site: url, base: decodedBasePath(url) || '/', trailingSlash: 'ignore', build: { format: 'directory' }, devToolbar: { enabled: false }, prefetch: false });
        // Redline's pages load their stylesheets as files: their Content-Security-Policy forbids inline styles.
        updateConfig({ build: { inlineStylesheets: 'never' }, compressHTML: true });
        if (whole && command === 'build') {
          // The pages are rendered from chunks Astro writes beside the output folder, which may be
          // anywhere (redline build --out): bundle their dependencies into them, so that they never
          // need to find node_modules from there.
          updateConfig({ vite: { environments: { prerender: { resolve: { noExternal: true } } } } });
        }
        resolved = {
          root,
          policies: resolve(root, cli.policies ?? options.policies ?? 'policies'),
          settings,
          url,
          prefix,
          whole,
          layout: options.layout ? resolve(root, options.layout) : undefined,
          drafts: cli.drafts ?? options.drafts ?? command === 'dev',
          today: now ?? realToday,
          realToday,
          cacheDir: resolve(root, options.cacheDir ?? (process.env.REDLINE_CACHE_DIR || join('node_modules', '.cache', 'redline'))),
          command,
          report: cli.report,
          loaded: cli.loaded,
        };
        updateConfig({ vite: { plugins: [virtualModules(resolved)] } });
        // Pages in the site's other languages under /<lang>/ (src/astro/runtime/locale.ts reads the language from the route).
        const others = siteLanguages(settings).slice(1);
        for (const route of ROUTES) {
          if (route.siteOnly && !whole) continue;
          const entrypoint = fileURLToPath(new URL(`./routes/${route.file}`, import.meta.url));
          injectRoute({ pattern: `${prefix}${route.pattern}`, entrypoint, prerender: true });
          if (route.i18n) for (const lang of others) injectRoute({ pattern: `${prefix}/${lang}${route.pattern === '/' ? '' : route.pattern}`, entrypoint, prerender: true });
        }
      },
      'astro:build:done': async ({ dir }) => {
        const site = join(fileURLToPath(dir), resolved!.prefix);
        // Each language's 404 page where hosts look for it: /ja/404.html (Astro writes /ja/404/index.html).
        for (const lang of siteLanguages(resolved!.settings).slice(1)) {
          const page = join(site, lang, '404', 'index.html');
          if (existsSync(page)) {
            renameSync(page, join(site, lang, '404.html'));
            rmSync(join(site, lang, '404'), { recursive: true, force: true });
          }
        }
        // With a base that percent-encoding changes (`/a%20b`), Astro links its stylesheets under the decoded
        // path (`/a b/_astro/…`): browsers read it, but it is not a valid URL. Written encoded, as every other link.
        if (resolved!.whole) encodeAssetLinks(fileURLToPath(dir), resolved!.url);
        // The search index (Pagefind) over the pages just written, under Redline's prefix.
        const t = performance.now();
        const pages = await writeSearchIndex(site, siteLanguages(resolved!.settings).slice(1), join(resolved!.cacheDir, 'search'));
        // With REDLINE_TIMINGS, how long it took, on stderr (the benchmark reads it).
        if (process.env.REDLINE_TIMINGS || process.env.REDLINE_VERBOSE) process.stderr.write(`redline: indexed ${pages} pages for search in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
      },
    },
  };
}

/** Rewrites `"<decoded base>/_astro/` as `"<encoded base>/_astro/` in every HTML page, when the two differ. */
function encodeAssetLinks(dir: string, url: string): void {
  const encoded = basePath(url);
  const decoded = decodedBasePath(url);
  if (encoded === decoded) return;
  const attr = (s: string) => s.replace(/&/g, '&#38;').replace(/"/g, '&#34;');
  const pairs = [...new Set([decoded, attr(decoded)])].map((d) => [`"${d}/_astro/`, `"${encoded}/_astro/`] as const);
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const path = join(entry.parentPath, entry.name);
    const html = readFileSync(path, 'utf8');
    // split and join: no replacement patterns with a setting in them.
    const fixed = pairs.reduce((h, [from, to]) => h.split(from).join(to), html);
    if (fixed !== html) writeFileSync(path, fixed);
  }
}
