// The RSS feed of one policy: each of its revisions, newest announcement first (src/lib/feeds.ts).
import type { APIRoute } from 'astro';
import { siteData } from '../../site-data.ts';
import { feedDocument } from '../../lib/feeds.ts';
import { revisionChanges } from '../../lib/feeds-changes.ts';

export async function getStaticPaths() {
  const { model } = await siteData();
  return model.policies.map((p) => ({ params: { policy: p.id } }));
}

export const GET: APIRoute = async ({ params }) => {
  const { body, contentType } = feedDocument('rss', await siteData(), params.policy, revisionChanges);
  return new Response(body, { headers: { 'content-type': contentType } });
};
