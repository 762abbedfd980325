// For the compare page's script: the blocks the build found in a revision's
// Markdown, and what each character is (text or syntax), so that the browser
// can diff two revisions with the build's own engine, without a Markdown parser.
import type { APIRoute } from 'astro';
import { siteData, compareDataJson } from 'virtual:redline/site';
import type { Revision } from '../../../../../core/revisions.ts';

export async function getStaticPaths() {
  const { model } = await siteData();
  return model.policies.filter((p) => p.revisions.length > 2).flatMap((p) => p.revisions.map((r) => ({ params: { policy: p.id, date: r.revision.effective }, props: { revision: r.revision } })));
}

export const GET: APIRoute = ({ props }) => new Response(compareDataJson((props as { revision: Revision }).revision), { headers: { 'content-type': 'application/json; charset=utf-8' } });
