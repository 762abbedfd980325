// The site-wide RSS feed: every revision of every policy, newest announcement first (src/lib/feeds.ts).
import type { APIRoute } from 'astro';
import { siteData } from '../site-data.ts';
import { feedDocument } from '../lib/feeds.ts';
import { revisionChanges } from '../lib/feeds-changes.ts';

export const GET: APIRoute = async () => {
  const { body, contentType } = feedDocument('rss', await siteData(), undefined, revisionChanges);
  return new Response(body, { headers: { 'content-type': contentType } });
};
