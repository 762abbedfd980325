// The raw Markdown of each revision, byte for byte.
import type { APIRoute } from 'astro';
import { siteData } from '../../site-data.ts';

export async function getStaticPaths() {
  const { model } = await siteData();
  return model.policies.flatMap((p) => p.revisions.map((r) => ({ params: { policy: p.id, date: r.revision.effective }, props: { raw: r.revision.raw } })));
}

export const GET: APIRoute = ({ props }) => new Response(props.raw as string, { headers: { 'content-type': 'text/markdown; charset=utf-8' } });
