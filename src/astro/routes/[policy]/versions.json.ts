// One policy's versions, for apps that ask their users to accept a new one (src/core/versions.ts; schema: docs/schemas/versions-1.schema.json).
import type { APIRoute } from 'astro';
import { siteData } from 'virtual:redline/site';
import { apiPolicies, versionsJson } from '../../../core/versions.ts';

export async function getStaticPaths() {
  const { model } = await siteData();
  return apiPolicies(model).map((p) => ({ params: { policy: p.id } }));
}

export const GET: APIRoute = async ({ params }) => {
  const { settings, model } = await siteData();
  return new Response(versionsJson(settings, model, params.policy!), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
