import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import config from '../../redline.config.ts';
import { validateSettings, normaliseSiteUrl, type SiteSettings } from '../core/settings.ts';
import { resolveToday, type CalendarDate } from '../core/dates.ts';
import { dateOption } from './args.ts';
import { existsSync, statSync } from 'node:fs';
import { RedlineError } from '../core/errors.ts';
import { displayPath } from '../core/revisions.ts';

/** The Redline project (where astro.config.mjs lives). */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export function loadSettings(siteOverride?: string): SiteSettings {
  const settings = validateSettings(config);
  return siteOverride ? { ...settings, url: normaliseSiteUrl(siteOverride) } : settings;
}

/** "Today" in the site's time zone: --now, else SOURCE_DATE_EPOCH, else the clock. Without `now`, the real day, which decides what is published (src/lib/lock.ts). */
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
