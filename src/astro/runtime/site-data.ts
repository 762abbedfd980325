// The site model for the pages: built from the content collection the loader
// filled (src/astro/loader.ts) and the options of this run (virtual:redline/config).
import { getCollection } from 'astro:content';
import { AstroError } from 'astro/errors';
import config from 'virtual:redline/config';
import type { SiteSettings } from '../../core/settings.ts';
import { buildSiteModel, type SiteModel } from '../../core/site.ts';
import { absolute, link } from '../../core/urls.ts';
import { rebaseChecked } from '../../core/markdown/final-html.ts';
import { publishedLock, type Correction } from '../../core/lock.ts';
import { PROBLEMS_ID, policiesFromEntries, translationsFromEntries, type ProblemsEntryData } from '../entries.ts';
import { SiteLanguages } from '../../core/translations.ts';

export interface SiteData {
  settings: SiteSettings;
  model: SiteModel;
  /** Site path → link with the base path (and Redline's prefix). */
  href: (path: string) => string;
  /**
   * Rendered HTML with the root-relative addresses its author wrote put under
   * the base path, checked as the reader gets it (src/core/markdown/final-html.ts);
   * `file`: the revision it comes from, named if the check fails.
   */
  rebase: (html: string, file?: string) => string;
  /** Site path → absolute URL. */
  url: (path: string) => string;
  /** The site's languages, and which text of each revision a page in each shows (src/core/translations.ts). */
  languages: SiteLanguages;
  /** A translation's corrections, by its key in the lock (`privacy/2025-04-01.ja.md`). */
  translationCorrections: (key: string) => Correction[];
  /** The lock the site publishes (/redline.lock): the lines of the revisions (and translations) it shows as announced. */
  publishedLock: () => string;
}

let built: Promise<SiteData> | undefined;
let current: { key: string; data: SiteData } | undefined;

/**
 * The site model. In a build, made once. In `astro dev`, made again whenever
 * the loader has changed an entry, so that an edited revision shows at once.
 */
export function siteData(): Promise<SiteData> {
  if (!config.dev) {
    built ??= getCollection('redline').then(load);
    return built;
  }
  return getCollection('redline').then((entries) => {
    const key = entries.map((e) => `${e.id}\0${(e as { digest?: string }).digest ?? ''}`).join('\n');
    if (current?.key !== key) current = { key, data: load(entries) };
    return current.data;
  });
}

function load(entries: Awaited<ReturnType<typeof getCollection<'redline'>>>): SiteData {
  const problems = entries.find((e) => e.id === PROBLEMS_ID);
  if (problems) {
    // astro dev only (a build stops in the loader): shown as Astro's error overlay until fixed.
    const list = (problems.data as unknown as ProblemsEntryData).problems;
    throw new AstroError(`Redline: ${list.length === 1 ? 'a problem' : `${list.length} problems`} in the policies: ${list.map((p) => p.text).join(' · ')}`, 'Fix the file named, save it, and the page comes back; `npm run redline -- check` lists every problem.');
  }
  const { policies, corrections, locked } = policiesFromEntries(entries);
  const model = buildSiteModel(policies, config.today, config.drafts, (key) => corrections.get(key) ?? []);
  const translated = new Map<string, Correction[]>();
  const translations = translationsFromEntries(entries, translated, locked);
  const languages = new SiteLanguages(config.settings, model, translations);
  const base = new URL(config.url).pathname;
  // Authors write addresses from the root of the site Redline is part of.
  const root = new URL(config.settings.siteRoot ?? config.url).pathname;
  return {
    settings: config.settings,
    model,
    href: (path) => link(base, path),
    rebase: (html, file) => rebaseChecked(html, root, file),
    url: (path) => absolute(config.url, path),
    languages,
    translationCorrections: (key) => translated.get(key) ?? [],
    publishedLock: () => publishedLock(model, (key) => locked.get(key), { name: config.settings.name, url: config.url }, translations),
  };
}
