// The language of a page, from the route it was rendered from (src/astro/routes.ts puts each
// page in a non-default language under /<lang>/), and what the page needs in it: its strings,
// its dates, and links to pages in the same language.
import config from 'virtual:redline/config';
import { formatDate, type CalendarDate } from '../../core/dates.ts';
import { stringsFor, type Strings } from '../../core/i18n/strings.ts';
import { absolute, link } from '../../core/urls.ts';
import { siteLanguages } from '../../core/translations.ts';
import type { SiteData } from './site-data.ts';

export interface Locale {
  lang: string;
  /** The site's default language (its pages at the root). */
  defaultLang: string;
  t: Strings;
  date: (d: CalendarDate) => string;
  /** Site path → link to the page in this language (base path and language prefix). */
  href: (path: string) => string;
  /** Site path → absolute URL of the page in this language. */
  url: (path: string) => string;
  /** Site path → the page's path in this language (`/ja/privacy/`). */
  path: (path: string) => string;
  /** The same, in another language. */
  pathIn: (lang: string, path: string) => string;
  hrefIn: (lang: string, path: string) => string;
  urlIn: (lang: string, path: string) => string;
}

/** The language a route pattern (Astro.routePattern, or getStaticPaths' routePattern) is in. */
export function langOf(routePattern: string): string {
  const rest = routePattern.slice(config.prefix.length);
  const first = /^\/([^/[\]]+)(?:\/|$)/.exec(rest)?.[1];
  const languages = siteLanguages(config.settings);
  return first && first !== config.settings.lang && languages.includes(first) ? first : config.settings.lang;
}

export function localeOf(data: SiteData, routePattern: string): Locale {
  const lang = langOf(routePattern);
  const base = new URL(config.url).pathname;
  const pathIn = (l: string, path: string) => data.languages.path(l, path);
  return {
    lang,
    defaultLang: config.settings.lang,
    t: stringsFor(lang),
    date: (d) => formatDate(d, lang),
    href: (path) => link(base, pathIn(lang, path)),
    url: (path) => absolute(config.url, pathIn(lang, path)),
    path: (path) => pathIn(lang, path),
    pathIn,
    hrefIn: (l, path) => link(base, pathIn(l, path)),
    urlIn: (l, path) => absolute(config.url, pathIn(l, path)),
  };
}
