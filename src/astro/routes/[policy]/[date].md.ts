// The raw Markdown of each revision, byte for byte; under /<lang>/, of its translation.
import type { APIRoute, GetStaticPathsOptions } from 'astro';
import { revisionText } from 'virtual:redline/site';
import type { Revision } from '../../../core/revisions.ts';
import { policiesFor } from '../../runtime/pages.ts';

export async function getStaticPaths({ routePattern }: GetStaticPathsOptions) {
  const { data, lang, policies } = await policiesFor(routePattern);
  return policies.flatMap((p) => p.revisions.flatMap((r) => {
    const text = data.languages.text(p.id, r.revision, lang);
    return text ? [{ params: { policy: p.id, date: r.revision.effective }, props: { revision: text.rev } }] : [];
  }));
}

// The text as the loader read it (kept in the disk cache), read when the file is written, not held for every revision at once.
export const GET: APIRoute = ({ props }) => new Response(revisionText(props.revision as Revision), { headers: { 'content-type': 'text/markdown; charset=utf-8' } });
