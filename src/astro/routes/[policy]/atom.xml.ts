// The Atom feed of one policy: each of its revisions, newest announcement first (src/core/feeds.ts).
import type { APIRoute } from 'astro';
import { siteData } from 'virtual:redline/site';
import { feedResponse } from 'virtual:redline/site';

export async function getStaticPaths() {
  const { model } = await siteData();
  return model.policies.map((p) => ({ params: { policy: p.id } }));
}

export const GET: APIRoute = ({ params }) => feedResponse('atom', params.policy);
