// For the compare page's script: the blocks the build found in a revision's
// Markdown, and what each character is (text or syntax), so that the browser
// can diff two revisions with the build's own engine, without a Markdown parser.
import type { APIRoute } from 'astro';
import { siteData } from '../../../../runtime/site-data.ts';
import { revisionBody, revisionDerived } from '../../../../runtime/diff-data.ts';
import { COMPARE_DATA, compareData } from '../../../../../core/diff/pages.ts';
import type { Revision } from '../../../../../core/revisions.ts';

export async function getStaticPaths() {
  const { model } = await siteData();
  return model.policies.filter((p) => p.revisions.length > 2).flatMap((p) => p.revisions.map((r) => ({ params: { policy: p.id, date: r.revision.effective }, props: { revision: r.revision } })));
}

export const GET: APIRoute = ({ props }) => {
  const rev = (props as { revision: Revision }).revision;
  const body = revisionBody(rev);
  // Computed once per revision text, then read from the diff cache.
  const json = revisionDerived(rev, COMPARE_DATA, compareData);
  // Where the body starts in the file depends on the front matter, not on the body.
  const data = `{"bodyStart":${rev.raw.length - body.length},${json.slice(1)}`;
  return new Response(data, { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
