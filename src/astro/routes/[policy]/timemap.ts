// A policy's Memento TimeMap (RFC 7089): every revision that has taken effect, with its datetime (src/core/memento.ts).
import type { APIRoute } from 'astro';
import { siteData } from 'virtual:redline/site';
import { apiPolicies } from '../../../core/versions.ts';
import { LINK_FORMAT, timeMap } from '../../../core/memento.ts';

export async function getStaticPaths() {
  const { model } = await siteData();
  return apiPolicies(model).map((p) => ({ params: { policy: p.id }, props: { policy: p } }));
}

export const GET: APIRoute = async ({ props }) => {
  const { settings } = await siteData();
  return new Response(timeMap(settings, props.policy), { headers: { 'content-type': LINK_FORMAT } });
};
