import type { APIRoute } from 'astro';
import { siteData } from 'virtual:redline/site';
import { paths } from '../../core/urls.ts';
import { escapeXml } from '../../core/xml.ts';

export const GET: APIRoute = async () => {
  const { model, url } = await siteData();
  // Every page and every revision's Markdown; drafts (shown only by `build --drafts`) are never listed.
  const entries: [string, string | undefined][] = [[paths.home(), undefined], [paths.subscribe(), undefined]];
  for (const p of model.policies) {
    const visible = p.revisions.filter((r) => !r.draft);
    if (visible.length === 0) continue;
    entries.push([paths.policy(p.id), p.main.revision.effective], [paths.history(p.id), visible.at(-1)!.revision.published]);
    for (const r of visible) {
      // A corrected revision last changed on its last correction.
      const changed = r.corrections.at(-1)?.date ?? r.revision.published;
      entries.push([paths.revision(p.id, r.revision.effective), changed], [paths.raw(p.id, r.revision.effective), changed]);
      if (r.previous) entries.push([paths.changes(p.id, r.revision.effective), changed]);
    }
  }
  const body = entries.map(([path, lastmod]) => `<url><loc>${escapeXml(url(path))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`).join('\n');
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
