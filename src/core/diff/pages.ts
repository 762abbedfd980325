// Which redline pages the site has, and what changes.json holds. Plain
// TypeScript over the site model, for the Astro pages to call.
import type { PolicyView, RevisionView, SiteModel } from '../site.ts';
import type { Revision } from '../revisions.ts';
import { paths } from '../urls.ts';
import type { MarkdownDiff } from './types.ts';
import { redlineId } from './render.ts';
import { invisibleOf, movesOf } from './summary.ts';

export interface PairProps {
  policy: PolicyView;
  from: RevisionView;
  to: RevisionView;
}

/** /<policy>/<date>/changes/: every revision after a policy's first, against the one before it. */
export function changesPaths(model: SiteModel): Array<{ params: { policy: string; date: string }; props: PairProps }> {
  return model.policies.flatMap((policy) =>
    policy.revisions.slice(1).map((to, i) => ({
      params: { policy: policy.id, date: to.revision.effective },
      props: { policy, from: policy.revisions[i]!, to },
    })),
  );
}

/** The pairs compared ahead of time: every revision with the one in force, older first. */
export function comparePairs(policy: PolicyView): Array<[RevisionView, RevisionView]> {
  const current = policy.current;
  if (!current) return [];
  return policy.revisions
    .filter((v) => v !== current)
    .map((v) => (v.revision.effective < current.revision.effective ? [v, current] : [current, v]));
}

/** /<policy>/compare/<A>...<B>/ for the prebuilt pairs. */
export function comparePaths(model: SiteModel): Array<{ params: { policy: string; pair: string }; props: PairProps }> {
  return model.policies.flatMap((policy) =>
    comparePairs(policy).map(([from, to]) => ({
      params: { policy: policy.id, pair: `${from.revision.effective}...${to.revision.effective}` },
      props: { policy, from, to },
    })),
  );
}

/** The body of /<policy>/<date>/changes.json. */
export function changesJson(diff: MarkdownDiff, from: Revision, to: Revision, url: (path: string) => string): string {
  const side = (r: Revision) => ({ effective: r.effective, sha256: r.sha256, markdown: url(paths.raw(r.policy, r.effective)) });
  const page = url(paths.changes(to.policy, to.effective));
  return `${JSON.stringify(
    {
      policy: to.policy,
      about: 'Operations over the Markdown bodies (the text after the front matter): joining the "=" and "-" texts gives the old body byte for byte, "=" and "+" the new one.',
      from: side(from),
      to: side(to),
      engine: diff.engine,
      stats: diff.stats,
      sections: diff.sections.map((s) => ({ ...s, href: `${page}#${redlineId(s) ?? 'rl-beginning'}` })),
      moves: movesOf(diff).map((m) => ({ ...m, href: `${page}#rl-move-${m.id}` })),
      invisible: invisibleOf(diff),
      ops: diff.ops,
    },
    null,
    1,
  )}\n`;
}
