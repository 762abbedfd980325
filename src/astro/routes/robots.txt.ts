import type { APIRoute } from 'astro';
import { siteData } from 'virtual:redline/site';
import { paths } from '../../core/urls.ts';

export const GET: APIRoute = async () => {
  const { url } = await siteData();
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${url(paths.sitemap())}\n`);
};
