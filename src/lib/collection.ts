import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Policy, Revision, ChangeKind } from './revisions.ts';
import { sha256, displayPath } from './revisions.ts';

/** The shape of an entry of the `revisions` content collection that Redline reads. */
export interface RevisionEntry {
  id: string;
  body?: string | undefined;
  filePath?: string | undefined;
  data: { title: string; summary?: string | undefined; published?: string | undefined; change: ChangeKind };
}

/**
 * Turns content-collection entries into policies, revisions sorted by
 * effective date (the collection's own order is not guaranteed).
 */
export function policiesFromEntries(entries: readonly RevisionEntry[], root = process.cwd()): Policy[] {
  const byPolicy = new Map<string, Revision[]>();
  for (const entry of entries) {
    const [policy, effective] = entry.id.split('/') as [string, string];
    const path = resolve(root, entry.filePath ?? '');
    const bytes = readFileSync(path);
    const raw = bytes.toString('utf8');
    const body = entry.body ?? '';
    const list = byPolicy.get(policy) ?? [];
    list.push({
      policy,
      effective,
      published: entry.data.published ?? effective,
      title: entry.data.title.trim(),
      summary: entry.data.summary?.trim() || undefined,
      change: entry.data.change,
      body,
      bodyLine: raw.slice(0, raw.length - body.length).split('\n').length,
      raw,
      sha256: sha256(bytes),
      file: displayPath(path),
      path,
    });
    byPolicy.set(policy, list);
  }
  return [...byPolicy.keys()].sort().map((id) => ({
    id,
    revisions: byPolicy.get(id)!.sort((a, b) => (a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0)),
  }));
}
