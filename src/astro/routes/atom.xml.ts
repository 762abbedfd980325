// The site-wide Atom feed: every revision of every policy, newest announcement first (src/core/feeds.ts).
import type { APIRoute } from 'astro';
import { feedResponse } from 'virtual:redline/site';

export const GET: APIRoute = () => feedResponse('atom', undefined);
