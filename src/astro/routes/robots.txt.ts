// robots.txt (only when Redline is the whole site): every page may be crawled and archived. The policies,
// each revision at its permanent address and its Markdown source are named, for archives that read the
// file rather than the sitemap; drafts (build --drafts) are not.
import type { APIRoute } from 'astro';
import { siteData } from 'virtual:redline/site';
import { paths } from '../../core/urls.ts';
import { announced, apiPolicies } from '../../core/versions.ts';

export const GET: APIRoute = async () => {
  const { model, url, href } = await siteData();
  const lines = ['User-agent: *', 'Allow: /', '', '# Every policy, every revision at its permanent address, and its Markdown source:'];
  for (const p of apiPolicies(model)) {
    lines.push(`Allow: ${href(paths.policy(p.id))}`);
    for (const r of announced(p)) lines.push(`Allow: ${href(paths.revision(p.id, r.revision.effective))}`, `Allow: ${href(paths.raw(p.id, r.revision.effective))}`);
  }
  lines.push('', `Sitemap: ${url(paths.sitemap())}`);
  return new Response(`${lines.join('\n')}\n`);
};
