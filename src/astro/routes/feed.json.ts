// The site-wide JSON feed: every revision of every policy, newest announcement first (src/core/feeds.ts).
import type { APIRoute } from 'astro';
import { feedResponse } from 'virtual:redline/site';

export const GET: APIRoute = () => feedResponse('json', undefined);
