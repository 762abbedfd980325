import type { APIRoute } from 'astro';
import { siteData } from 'virtual:redline/site';
import { paths } from '../../core/urls.ts';
import { escapeXml } from '../../core/xml.ts';
import { pageLanguages } from '../runtime/pages.ts';
import type { RevisionView } from '../../core/site.ts';

export const GET: APIRoute = async () => {
  const site = await siteData();
  const { model, url, languages } = site;
  const multilingual = languages.languages.length > 1;
  // Every page and every revision's Markdown, in each language it has a text in; a page in several lists the others as
  // hreflang alternates (a page that only says a translation is missing is no alternate, and is not listed).
  // Drafts (shown only by `build --drafts`) are never listed.
  type Entry = { path: string; lastmod: (lang: string) => string | undefined; langs: string[]; alternates?: boolean };
  const none = () => undefined;
  const entries: Entry[] = [
    { path: paths.home(), lastmod: none, langs: languages.languages },
    { path: paths.subscribe(), lastmod: none, langs: languages.languages },
  ];
  for (const p of model.policies) {
    const visible = p.revisions.filter((r) => !r.draft);
    if (visible.length === 0) continue;
    const all = pageLanguages(site, p.id);
    const withText = (views: typeof visible) => all.filter((l) => views.every((v) => languages.text(p.id, v.revision, l)?.status === 'source' || languages.text(p.id, v.revision, l)?.status === 'current'));
    // The last day a revision's text in a language changed: its announcement (a translation's own day), or its last correction.
    const changed = (v: RevisionView) => (lang: string) => {
      const t = languages.text(p.id, v.revision, lang)?.translation;
      return t ? (site.translationCorrections(`${p.id}/${t.effective}.${lang}.md`).at(-1)?.date ?? t.published) : (v.corrections.at(-1)?.date ?? v.revision.published);
    };
    entries.push({ path: paths.policy(p.id), lastmod: () => p.main.revision.effective, langs: withText([p.main]) }, { path: paths.history(p.id), lastmod: () => visible.at(-1)!.revision.published, langs: all });
    for (const r of visible) {
      const langs = withText([r]);
      entries.push({ path: paths.revision(p.id, r.revision.effective), lastmod: changed(r), langs }, { path: paths.raw(p.id, r.revision.effective), lastmod: changed(r), langs, alternates: false });
      const prev = visible.find((v) => v.revision === r.previous);
      if (r.previous) entries.push({ path: paths.changes(p.id, r.revision.effective), lastmod: changed(r), langs: withText(prev ? [prev, r] : [r]) });
    }
  }
  const body = entries
    .flatMap(({ path, lastmod, langs, alternates = true }) =>
      langs.map((lang) => {
        const links = alternates && multilingual && langs.length > 1 ? langs.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${escapeXml(url(languages.path(l, path)))}"/>`).join('') : '';
        const day = lastmod(lang);
        return `<url><loc>${escapeXml(url(languages.path(lang, path)))}</loc>${day ? `<lastmod>${day}</lastmod>` : ''}${links}</url>`;
      }),
    )
    .join('\n');
  const ns = multilingual ? ' xmlns:xhtml="http://www.w3.org/1999/xhtml"' : '';
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${ns}>\n${body}\n</urlset>\n`, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
