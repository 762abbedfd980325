// For the compare page's script: the blocks the build found in a revision's
// Markdown, and what each character is (text or syntax), so that the browser
// can diff two revisions with the build's own engine, without a Markdown parser.
// Under /<lang>/, those of the revision's text in that language (its translation).
import type { APIRoute, GetStaticPathsOptions } from 'astro';
import { compareDataJson } from 'virtual:redline/site';
import type { Revision } from '../../../../../core/revisions.ts';
import { policiesFor } from '../../../../runtime/pages.ts';

export async function getStaticPaths({ routePattern }: GetStaticPathsOptions) {
  const { data, lang, policies } = await policiesFor(routePattern);
  return policies
    .filter((p) => p.revisions.length > 2)
    .flatMap((p) => p.revisions.flatMap((r) => {
      const text = data.languages.text(p.id, r.revision, lang);
      return text ? [{ params: { policy: p.id, date: r.revision.effective }, props: { revision: text.rev } }] : [];
    }));
}

export const GET: APIRoute = ({ props }) => new Response(compareDataJson((props as { revision: Revision }).revision), { headers: { 'content-type': 'application/json; charset=utf-8' } });
