import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { validateSettings, normaliseSiteUrl, type SiteSettings, type SettingsInput } from '../core/settings.ts';
import { resolveToday, type CalendarDate } from '../core/dates.ts';
import { RedlineError } from '../core/errors.ts';
import { dateOption } from './args.ts';
import { displayPath } from '../node/policies.ts';
import { Artifacts } from '../node/artifacts.ts';

/** Redline's own folder (where its package.json is): its default site, for a folder that has no Astro project of its own. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

const CONFIGS = ['astro.config.mjs', 'astro.config.ts', 'astro.config.js', 'astro.config.mts'];

/**
 * The Astro project the commands work in: the nearest folder, from the working
 * directory up, with an astro.config file; else Redline's own default site
 * (a folder holding only policies/ builds as Redline's standalone site).
 */
export function projectRoot(cwd = process.cwd()): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (CONFIGS.some((c) => existsSync(join(dir, c)))) return dir;
    if (dirname(dir) === dir) return packageRoot;
  }
}

/**
 * The settings file the commands use: redline.config.ts in the working
 * directory (a folder holding policies/ and its settings, built as Redline's
 * standalone site), else in the project, else Redline's own.
 */
export function settingsFile(root = projectRoot(), cwd = process.cwd()): string {
  return [join(cwd, 'redline.config.ts'), join(root, 'redline.config.ts'), join(packageRoot, 'redline.config.ts')].find((f) => existsSync(f))!;
}

/** The site settings (settingsFile). `siteOverride`: --site. */
export async function loadSettings(siteOverride?: string, root = projectRoot()): Promise<SiteSettings> {
  const file = settingsFile(root);
  const mod = (await import(pathToFileURL(file).href)) as { default?: SettingsInput };
  const input = mod.default as SettingsInput;
  // Inside another site the settings need no url (the host's site gives it); the commands only name it in messages.
  const url = siteOverride ? normaliseSiteUrl(siteOverride) : input?.url === undefined ? 'http://localhost/' : undefined;
  return validateSettings(input, displayPath(file), url);
}

/** "Today" in the site's time zone: --now, else SOURCE_DATE_EPOCH, else the clock. Without `now`, the real day, which decides what is published (src/core/lock.ts). */
export function today(settings: SiteSettings, now?: string): CalendarDate {
  return resolveToday({ now: dateOption('now', now), sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, timeZone: settings.timeZone });
}

export function policiesDir(option?: string): string {
  if (option !== undefined && option.trim() === '') {
    throw new RedlineError({ message: '--policies is empty', hint: 'name the folder that holds <policy>/<YYYY-MM-DD>.md, such as --policies policies' });
  }
  const dir = resolve(option ?? 'policies');
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new RedlineError({ file: displayPath(dir), message: 'is a file, not a policies folder', hint: 'point --policies at the folder that holds <policy>/<YYYY-MM-DD>.md' });
  }
  return dir;
}

/** Redline's cache folder: REDLINE_CACHE_DIR, else node_modules/.cache/redline in the project (as the integration has it). */
export function cacheDir(root = projectRoot()): string {
  return resolve(root, process.env.REDLINE_CACHE_DIR || join('node_modules', '.cache', 'redline'));
}

/** What the commands derive from revisions, kept where builds keep it (src/node/artifacts.ts). */
export function artifacts(root = projectRoot()): Artifacts {
  return new Artifacts(join(cacheDir(root), 'artifacts'));
}
