// The one bridge between Astro and the core: reads the content collection
// once per build and hands pages a plain model (src/lib/site.ts).
import { getCollection } from 'astro:content';
import config from '../../../redline.config.ts';
import { validateSettings, type SiteSettings } from '../../core/settings.ts';
import { resolveToday } from '../../core/dates.ts';
import { policiesFromEntries } from '../collection.ts';
import { buildSiteModel, type SiteModel } from '../../core/site.ts';
import { readLock } from '../../core/lock.ts';
import { absolute, link, rebaseHtml } from '../../core/urls.ts';

export interface SiteData {
  settings: SiteSettings;
  model: SiteModel;
  /** Site path → link with the base path. */
  href: (path: string) => string;
  /** Rendered HTML with the root-relative addresses its author wrote put under the base path. */
  rebase: (html: string) => string;
  /** Site path → absolute URL. */
  url: (path: string) => string;
}

let cached: Promise<SiteData> | undefined;

export function siteData(): Promise<SiteData> {
  cached ??= load();
  return cached;
}

async function load(): Promise<SiteData> {
  const settings = validateSettings({ ...config, url: process.env.REDLINE_SITE || config.url });
  const today = resolveToday({
    now: process.env.REDLINE_NOW || undefined,
    sourceDateEpoch: process.env.SOURCE_DATE_EPOCH,
    timeZone: settings.timeZone,
  });
  const entries = await getCollection('revisions');
  // The lock's corrections are shown on the revision pages (`redline build` has verified the lock).
  const lock = readLock(process.env.REDLINE_POLICIES || 'policies').lock;
  const model = buildSiteModel(policiesFromEntries(entries), today, process.env.REDLINE_DRAFTS === '1', lock);
  const base = new URL(settings.url).pathname;
  return {
    settings,
    model,
    href: (path) => link(base, path),
    rebase: (html) => rebaseHtml(html, base),
    url: (path) => absolute(settings.url, path),
  };
}
