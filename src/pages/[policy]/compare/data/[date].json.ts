// For the compare page's script: the blocks the build found in a revision's
// Markdown, and what each character is (text or syntax), so that the browser
// can diff two revisions with the build's own engine, without a Markdown parser.
import type { APIRoute } from 'astro';
import { siteData } from '../../../../site-data.ts';
import { revisionBody } from '../../../../diff-data.ts';
import { parseBlocks, ENGINE_VERSION } from '../../../../lib/diff/index.ts';
import { classify } from '../../../../lib/diff/render.ts';
import { encodeClasses, type RevisionData } from '../../../../lib/diff/browser.ts';
import type { Revision } from '../../../../lib/revisions.ts';

export async function getStaticPaths() {
  const { model } = await siteData();
  return model.policies.filter((p) => p.revisions.length > 2).flatMap((p) => p.revisions.map((r) => ({ params: { policy: p.id, date: r.revision.effective }, props: { revision: r.revision } })));
}

export const GET: APIRoute = ({ props }) => {
  const rev = (props as { revision: Revision }).revision;
  const body = revisionBody(rev);
  const doc = parseBlocks(body);
  const data: RevisionData = {
    engine: ENGINE_VERSION,
    length: body.length,
    bodyStart: rev.raw.length - body.length,
    blocks: doc.blocks,
    roots: doc.roots,
    rootTypes: doc.rootTypes,
    cls: encodeClasses(classify(body).cls),
  };
  return new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
