import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Policy, Revision, ChangeKind } from '../core/revisions.ts';
import { sha256, displayPath, withTextOnDemand } from '../core/revisions.ts';
import { splitFrontMatter } from '../core/frontmatter.ts';

/** The shape of an entry of the `revisions` content collection that Redline reads. */
export interface RevisionEntry {
  id: string;
  body?: string | undefined;
  filePath?: string | undefined;
  data: { title: string; summary?: string | undefined; published?: string | undefined; change: ChangeKind };
}

/**
 * Turns content-collection entries into policies, revisions sorted by
 * effective date (the collection's own order is not guaranteed). Entry file
 * paths are relative to the Astro project (`redline build` sets REDLINE_ROOT).
 */
export function policiesFromEntries(entries: readonly RevisionEntry[], root = process.env.REDLINE_ROOT || process.cwd()): Policy[] {
  const byPolicy = new Map<string, Revision[]>();
  for (const entry of entries) {
    const [policy, effective] = entry.id.split('/') as [string, string];
    const path = resolve(root, entry.filePath ?? '');
    const bytes = readFileSync(path);
    const raw = bytes.toString('utf8');
    // The collection keeps no bodies (retainBody: false): the body is what follows the front matter.
    const body = entry.body ?? splitFrontMatter(raw, displayPath(path)).body;
    const list = byPolicy.get(policy) ?? [];
    list.push(
      withTextOnDemand(
        {
          policy,
          effective,
          published: entry.data.published ?? effective,
          title: entry.data.title.trim(),
          summary: entry.data.summary?.trim() || undefined,
          change: entry.data.change,
          bodyLine: raw.slice(0, raw.length - body.length).split('\n').length,
          sha256: sha256(bytes),
          file: displayPath(path),
          path,
        },
        raw.length - body.length,
      ),
    );
    byPolicy.set(policy, list);
  }
  return [...byPolicy.keys()].sort().map((id) => ({
    id,
    revisions: byPolicy.get(id)!.sort((a, b) => (a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0)),
  }));
}
