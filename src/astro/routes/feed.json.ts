// The site-wide json feed: every revision of every policy, newest announcement first (src/core/feeds.ts);
// under /<lang>/, in that language (src/core/i18n/feeds.ts).
import type { APIRoute } from 'astro';
import { feedResponse, langOf } from 'virtual:redline/site';

export const GET: APIRoute = ({ routePattern }) => feedResponse('json', undefined, langOf(routePattern));
