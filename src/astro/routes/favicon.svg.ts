// The site's icon (src/client/favicon.svg).
import type { APIRoute } from 'astro';
import icon from '../../client/favicon.svg?raw';

export const GET: APIRoute = () => new Response(icon, { headers: { 'content-type': 'image/svg+xml' } });
