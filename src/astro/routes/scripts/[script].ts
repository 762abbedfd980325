// The pages' enhancement scripts (src/client/scripts/), served as written: no inline script, no bundling.
import type { APIRoute } from 'astro';
import search from '../../../client/scripts/search.js?raw';
import print from '../../../client/scripts/print.js?raw';
import inForceOn from '../../../client/scripts/in-force-on.js?raw';

const SCRIPTS: Record<string, string> = { 'search.js': search, 'print.js': print, 'in-force-on.js': inForceOn };

export function getStaticPaths() {
  return Object.keys(SCRIPTS).map((script) => ({ params: { script } }));
}

export const GET: APIRoute = ({ params }) => new Response(SCRIPTS[params.script!], { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
