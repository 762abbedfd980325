// The atom feed of one policy: each of its revisions, newest announcement first (src/core/feeds.ts);
// under /<lang>/, in that language (src/core/i18n/feeds.ts).
import type { APIRoute, GetStaticPathsOptions } from 'astro';
import { feedResponse, langOf } from 'virtual:redline/site';
import { policiesFor } from '../../runtime/pages.ts';

export async function getStaticPaths({ routePattern }: GetStaticPathsOptions) {
  const { policies } = await policiesFor(routePattern);
  return policies.map((p) => ({ params: { policy: p.id } }));
}

export const GET: APIRoute = ({ params, routePattern }) => feedResponse('atom', params.policy, langOf(routePattern));
