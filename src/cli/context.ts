import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import config from '../../redline.config.ts';
import { validateSettings, normaliseSiteUrl, type SiteSettings } from '../lib/settings.ts';
import { resolveToday, type CalendarDate } from '../lib/dates.ts';
import { dateOption } from './args.ts';

/** The Redline project (where astro.config.mjs lives). */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export function loadSettings(siteOverride?: string): SiteSettings {
  const settings = validateSettings(config);
  return siteOverride ? { ...settings, url: normaliseSiteUrl(siteOverride) } : settings;
}

/** "Today" in the site's time zone: --now, else SOURCE_DATE_EPOCH, else the clock. */
export function today(settings: SiteSettings, now?: string): CalendarDate {
  return resolveToday({ now: dateOption('now', now), sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, timeZone: settings.timeZone });
}

export function policiesDir(option?: string): string {
  return resolve(option ?? 'policies');
}
