/**
 * What a page's head tells programs about it, besides its feeds: JSON-LD in
 * schema.org terms only (typed with `schema-dts`, and checked against the
 * schema.org vocabulary in test/structured-data.test.ts), the `alternate`
 * forms of the page (its Markdown, the versions API), Memento's links, and on
 * the home page the RFC 6903 links to the privacy policy and the terms of
 * service.
 *
 * - Home: a `WebSite` whose parts are the policies' pages.
 * - A policy's page, `/<policy>/` (the version in force): a `WebPage` with the
 *   version it shows (`version`, `dateModified`: its effective date, or its
 *   last correction), the day the policy first took effect (`datePublished`),
 *   and every announced revision as a part (`hasPart`).
 * - A revision's page: a `DigitalDocument`, its announcement (`datePublished`),
 *   its last correction (`dateModified`), the days it is in force
 *   (`temporalCoverage`, "2024-07-01/2025-02-19", or "2025-03-01/.." while no
 *   later revision is announced), the revision it revises (`isBasedOn`), the
 *   policy it is a version of (`isPartOf`), and its Markdown with its SHA-256
 *   (`encoding`).
 *
 * Nothing here depends on the day of the build but what a revision's state
 * decides (which one the policy page shows; the end of the days in force).
 */
import type { DigitalDocument, Organization, WebPage, WebSite, WithContext } from 'schema-dts';
import type { SiteSettings } from './settings.ts';
import type { PolicyView, RevisionView, SiteModel } from './site.ts';
import type { Revision } from './revisions.ts';
import { absolute, paths } from './urls.ts';
import { mementoHeadLinks } from './memento.ts';
import { announced, apiPolicies } from './versions.ts';
import { rfc6903Relation, termsTypeOf } from './terms-types.ts';

export interface HeadLink {
  rel: string;
  href: string;
  type?: string;
  title?: string;
}

export interface Head {
  links: HeadLink[];
  /** The JSON-LD, serialised for a `<script type="application/ld+json">` element. */
  jsonLd: string;
}

/** JSON for inside a script element: `<` escaped, so that nothing in it can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function publisher(settings: SiteSettings): Organization {
  const c = settings.contact;
  return {
    '@type': 'Organization',
    name: settings.owner,
    ...(c.address ? { address: c.address } : {}),
    contactPoint: {
      '@type': 'ContactPoint',
      name: c.name,
      ...(c.email ? { email: c.email } : {}),
      ...(c.phone ? { telephone: c.phone } : {}),
      ...(c.url ? { url: c.url } : {}),
    },
  };
}

/** The last day the text of a revision changed: its announcement, or its last correction. */
function modified(view: RevisionView): string {
  return view.corrections.at(-1)?.date ?? view.revision.published;
}

/** "2024-07-01/2025-02-19", or "2025-03-01/.." (ISO 8601 open interval) while it has no successor. */
function inForce(view: RevisionView): string {
  return `${view.from}/${view.until ?? '..'}`;
}

function revisionUrl(settings: SiteSettings, r: Revision): string {
  return absolute(settings.url, paths.revision(r.policy, r.effective));
}

function markdown(settings: SiteSettings, view: RevisionView): HeadLink {
  return { rel: 'alternate', type: 'text/markdown', href: absolute(settings.url, paths.raw(view.revision.policy, view.revision.effective)), title: `${view.revision.title}, effective ${view.revision.effective} (Markdown)` };
}

function versionsLink(settings: SiteSettings, policy: PolicyView): HeadLink {
  return { rel: 'alternate', type: 'application/json', href: absolute(settings.url, paths.versionsJson(policy.id)), title: `${policy.title}: every version (JSON)` };
}

/** The head of the home page. */
export function homeHead(settings: SiteSettings, model: SiteModel): Head {
  const links: HeadLink[] = [{ rel: 'alternate', type: 'application/json', href: absolute(settings.url, paths.policiesJson()), title: `${settings.name}: every policy and version (JSON)` }];
  for (const p of apiPolicies(model)) {
    const rel = rfc6903Relation(termsTypeOf(p, settings.types?.[p.id]));
    if (rel) links.push({ rel, href: absolute(settings.url, paths.policy(p.id)) });
  }
  const site: WithContext<WebSite> = {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    '@id': absolute(settings.url, paths.home()),
    url: absolute(settings.url, paths.home()),
    name: settings.name,
    inLanguage: settings.lang,
    publisher: publisher(settings),
    hasPart: apiPolicies(model).map((p) => ({ '@type': 'WebPage', '@id': absolute(settings.url, paths.policy(p.id)), url: absolute(settings.url, paths.policy(p.id)), name: p.title })),
  };
  return { links, jsonLd: scriptJson(site) };
}

/** The head of a policy's page, /<policy>/. */
export function policyHead(settings: SiteSettings, policy: PolicyView): Head {
  const main = policy.main;
  const page = absolute(settings.url, paths.policy(policy.id));
  const data: WithContext<WebPage> = {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    '@id': page,
    url: page,
    name: main.revision.title,
    inLanguage: settings.lang,
    isPartOf: { '@type': 'WebSite', '@id': absolute(settings.url, paths.home()), name: settings.name },
    publisher: publisher(settings),
    datePublished: policy.first.revision.effective,
    dateModified: main.corrections.at(-1)?.date ?? main.revision.effective,
    version: main.revision.effective,
    mainEntity: { '@type': 'DigitalDocument', '@id': revisionUrl(settings, main.revision) },
    hasPart: announced(policy).map((v) => ({
      '@type': 'DigitalDocument',
      '@id': revisionUrl(settings, v.revision),
      url: revisionUrl(settings, v.revision),
      version: v.revision.effective,
      datePublished: v.revision.published,
      temporalCoverage: inForce(v),
    })),
  };
  return { links: [versionsLink(settings, policy), markdown(settings, main), ...mementoHeadLinks(settings, policy)], jsonLd: scriptJson(data) };
}

/** The head of a revision's page, /<policy>/<date>/. */
export function revisionHead(settings: SiteSettings, policy: PolicyView, view: RevisionView): Head {
  const r = view.revision;
  const url = revisionUrl(settings, r);
  const data: WithContext<DigitalDocument> = {
    '@context': 'https://schema.org',
    '@type': 'DigitalDocument',
    '@id': url,
    url,
    name: r.title,
    inLanguage: settings.lang,
    version: r.effective,
    ...(r.summary ? { abstract: r.summary } : {}),
    datePublished: r.published,
    dateModified: modified(view),
    temporalCoverage: inForce(view),
    ...(view.previous ? { isBasedOn: { '@type': 'DigitalDocument', '@id': revisionUrl(settings, view.previous) } } : {}),
    isPartOf: { '@type': 'WebPage', '@id': absolute(settings.url, paths.policy(policy.id)), name: policy.title },
    publisher: publisher(settings),
    encoding: {
      '@type': 'MediaObject',
      contentUrl: absolute(settings.url, paths.raw(r.policy, r.effective)),
      encodingFormat: 'text/markdown',
      sha256: r.sha256,
    },
  };
  return { links: [markdown(settings, view), versionsLink(settings, policy), ...mementoHeadLinks(settings, policy, view)], jsonLd: scriptJson(data) };
}
