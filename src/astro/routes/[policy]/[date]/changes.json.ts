// What changed in a revision since the one before it, for tools and auditors:
// the operations (joining `=` and `-` gives the old body, `=` and `+` the new),
// the statistics and the sections with changes.
import type { APIRoute } from 'astro';
import { siteData } from 'virtual:redline/site';
import { revisionDiff } from 'virtual:redline/site';
import { changesPaths, changesJson } from '../../../../core/diff/pages.ts';

export async function getStaticPaths() {
  return changesPaths((await siteData()).model);
}

export const GET: APIRoute = async ({ props }) => {
  const { policy, from, to } = props as Awaited<ReturnType<typeof changesPaths>>[number]['props'];
  const { url } = await siteData();
  const diff = await revisionDiff(policy.id, from.revision.effective, to.revision.effective);
  return new Response(changesJson(diff, from.revision, to.revision, url), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
