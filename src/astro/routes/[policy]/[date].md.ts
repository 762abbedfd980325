// The raw Markdown of each revision, byte for byte.
import type { APIRoute } from 'astro';
import { siteData, revisionText } from 'virtual:redline/site';
import type { Revision } from '../../../core/revisions.ts';

export async function getStaticPaths() {
  const { model } = await siteData();
  return model.policies.flatMap((p) => p.revisions.map((r) => ({ params: { policy: p.id, date: r.revision.effective }, props: { revision: r.revision } })));
}

// The text as the loader read it (kept in the disk cache), read when the file is written, not held for every revision at once.
export const GET: APIRoute = ({ props }) => new Response(revisionText(props.revision as Revision), { headers: { 'content-type': 'text/markdown; charset=utf-8' } });
