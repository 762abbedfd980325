import type { APIRoute } from 'astro';
import { siteData } from 'virtual:redline/site';
import { paths } from '../../core/urls.ts';
import { escapeXml } from '../../core/xml.ts';
import { pageLanguages } from '../runtime/pages.ts';

export const GET: APIRoute = async () => {
  const { model, url, languages } = await siteData();
  const multilingual = languages.languages.length > 1;
  // Each page in each language it has a text in; a page in several lists the others as hreflang alternates
  // (a page that only says a translation is missing is no alternate, and is not listed).
  type Entry = { path: string; lastmod: string | undefined; langs: string[] };
  const entries: Entry[] = [
    { path: paths.home(), lastmod: undefined, langs: languages.languages },
    { path: paths.subscribe(), lastmod: undefined, langs: languages.languages },
  ];
  for (const p of model.policies) {
    // Drafts (shown only by `build --drafts`) are never listed.
    const visible = p.revisions.filter((r) => !r.draft);
    if (visible.length === 0) continue;
    const all = pageLanguages(data(), p.id);
    const withText = (views: typeof visible) => all.filter((l) => views.every((v) => languages.text(p.id, v.revision, l)?.status === 'source' || languages.text(p.id, v.revision, l)?.status === 'current'));
    entries.push({ path: paths.policy(p.id), lastmod: p.main.revision.effective, langs: withText([p.main]) }, { path: paths.history(p.id), lastmod: visible.at(-1)!.revision.published, langs: all });
    for (const r of visible) {
      entries.push({ path: paths.revision(p.id, r.revision.effective), lastmod: r.revision.published, langs: withText([r]) });
      const prev = visible.find((v) => v.revision === r.previous);
      if (r.previous) entries.push({ path: paths.changes(p.id, r.revision.effective), lastmod: r.revision.published, langs: withText(prev ? [prev, r] : [r]) });
    }
  }
  function data() {
    return { languages } as Parameters<typeof pageLanguages>[0];
  }
  const body = entries
    .flatMap(({ path, lastmod, langs }) =>
      langs.map((lang) => {
        const alternates = multilingual && langs.length > 1 ? langs.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${escapeXml(url(languages.path(l, path)))}"/>`).join('') : '';
        return `<url><loc>${escapeXml(url(languages.path(lang, path)))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}${alternates}</url>`;
      }),
    )
    .join('\n');
  const ns = multilingual ? ' xmlns:xhtml="http://www.w3.org/1999/xhtml"' : '';
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${ns}>\n${body}\n</urlset>\n`, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
