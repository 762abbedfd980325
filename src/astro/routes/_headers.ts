// Response headers for static hosts that read a _headers file (src/client/_headers), when Redline is the whole site.
import type { APIRoute } from 'astro';
import headers from '../../client/_headers?raw';

export const GET: APIRoute = () => new Response(headers);
