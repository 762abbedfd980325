// The JSON Schemas of the versions API (docs/schemas/), published with the site so that the files' $schema resolves.
import type { APIRoute } from 'astro';
import versions from '../../../../docs/schemas/versions-1.schema.json?raw';
import policies from '../../../../docs/schemas/policies-1.schema.json?raw';
import { SCHEMA_FILES } from '../../../core/versions.ts';

const FILES: Record<string, string> = { [SCHEMA_FILES.versions]: versions, [SCHEMA_FILES.policies]: policies };

export function getStaticPaths() {
  return Object.keys(FILES).map((schema) => ({ params: { schema } }));
}

export const GET: APIRoute = ({ params }) => new Response(FILES[params.schema!], { headers: { 'content-type': 'application/schema+json' } });
