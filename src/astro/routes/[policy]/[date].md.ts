// The raw Markdown of each revision, byte for byte.
import type { APIRoute } from 'astro';
import { siteData } from '../../runtime/site-data.ts';
import type { Revision } from '../../../core/revisions.ts';

export async function getStaticPaths() {
  const { model } = await siteData();
  return model.policies.flatMap((p) => p.revisions.map((r) => ({ params: { policy: p.id, date: r.revision.effective }, props: { revision: r.revision } })));
}

// The text is read when the file is written, not held for every revision at once.
export const GET: APIRoute = ({ props }) => new Response((props.revision as Revision).raw, { headers: { 'content-type': 'text/markdown; charset=utf-8' } });
