// A policy's Open Terms Archive declaration: where its text is and how to select it (src/core/ota.ts).
import type { APIRoute } from 'astro';
import { siteData } from 'virtual:redline/site';
import { apiPolicies } from '../../../core/versions.ts';
import { otaDeclaration, otaDeclarationJson } from '../../../core/ota.ts';

export async function getStaticPaths() {
  const { model, settings } = await siteData();
  return apiPolicies(model)
    .filter((p) => otaDeclaration(settings, p))
    .map((p) => ({ params: { policy: p.id }, props: { policy: p } }));
}

export const GET: APIRoute = async ({ props }) => {
  const { settings } = await siteData();
  return new Response(otaDeclarationJson(settings, props.policy), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
