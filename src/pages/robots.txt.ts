import type { APIRoute } from 'astro';
import { siteData } from '../site-data.ts';
import { paths } from '../lib/urls.ts';

export const GET: APIRoute = async () => {
  const { url } = await siteData();
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${url(paths.sitemap())}\n`);
};
