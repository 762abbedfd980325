// Every policy and its versions, for programs (src/core/versions.ts; schema: docs/schemas/policies-1.schema.json).
import type { APIRoute } from 'astro';
import { siteData } from 'virtual:redline/site';
import { policiesJson } from '../../core/versions.ts';

export const GET: APIRoute = async () => {
  const { settings, model } = await siteData();
  return new Response(policiesJson(settings, model), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
