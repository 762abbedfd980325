// What the pages in each language share: which policies have pages in a language, and in which
// languages a page has a real text (its hreflang alternates) or a page at all (the switcher).
import { siteData, type SiteData } from './site-data.ts';
import { langOf } from './locale.ts';
import type { PolicyView, RevisionView } from '../../core/site.ts';

/** The languages a policy has pages in: the site's default (always) and those it is published in. */
export function pageLanguages(data: SiteData, policy: string): string[] {
  const { languages } = data;
  return languages.languages.filter((l) => l === languages.defaultLang || languages.has(policy, l));
}

/** The policies with pages in the language of a route. */
export async function policiesFor(routePattern: string): Promise<{ data: SiteData; lang: string; policies: PolicyView[] }> {
  const data = await siteData();
  const lang = langOf(routePattern);
  return { data, lang, policies: data.model.policies.filter((p) => pageLanguages(data, p.id).includes(lang)) };
}

/**
 * A revision's page in every language it has one in: `alternates`, where it
 * has a text in that language (hreflang), and `switcher`, every language the
 * policy has pages in (a page without a translation says so).
 */
export function languagesOfView(data: SiteData, policy: PolicyView, views: readonly RevisionView[], path: string): { alternates: Array<{ lang: string; path: string }>; switcher: Array<{ lang: string; path: string }> } {
  const langs = pageLanguages(data, policy.id);
  const switcher = langs.map((lang) => ({ lang, path }));
  const alternates = switcher.filter(({ lang }) => views.every((v) => data.languages.text(policy.id, v.revision, lang)?.status !== undefined && data.languages.text(policy.id, v.revision, lang)!.status !== 'outdated'));
  return { alternates, switcher };
}
