/**
 * What the loader keeps in Astro's data store for each revision (small
 * metadata: the text and everything derived from it are in the disk cache),
 * and how the pages turn the entries back into policies.
 */
import type { Correction, LockEntry } from '../core/lock.ts';
import type { Policy, Revision } from '../core/revisions.ts';
import type { Translation } from '../core/translations.ts';

/** The id of the entry that holds the problems found (astro dev only: a build stops on them). */
export const PROBLEMS_ID = '~problems';

/** `locked`: the revision's line in the lock, if it has one (the published lock, /redline.lock, repeats it). */
export type RevisionEntryData = Omit<Revision, 'summary'> & { summary: string | null; corrections: Correction[]; locked: { published: string; sha256: string } | null };

/** A translation's entry (id `<policy>/<date>.<lang>`): marked so, with its own corrections. */
export type TranslationEntryData = Omit<Translation, 'summary' | 'own' | 'translates'> & { translation: true; summary: string | null; own: string | null; translates: string; corrections: Correction[]; locked: { published: string; sha256: string } | null };

export interface ProblemsEntryData {
  problems: Array<{ file: string | undefined; line: number | undefined; message: string; hint: string | undefined; text: string }>;
}

export interface Entry {
  id: string;
  data: unknown;
}

/** Revisions by policy (policies by id, revisions by effective date), and each revision's corrections. */
export function policiesFromEntries(entries: readonly Entry[]): { policies: Policy[]; corrections: Map<string, Correction[]>; locked: Map<string, LockEntry> } {
  const byPolicy = new Map<string, Revision[]>();
  const corrections = new Map<string, Correction[]>();
  const locked = new Map<string, LockEntry>();
  for (const entry of entries) {
    if (entry.id === PROBLEMS_ID || (entry.data as { translation?: boolean }).translation) continue;
    const { corrections: c, summary, locked: line, ...rest } = entry.data as RevisionEntryData;
    const rev: Revision = { ...rest, summary: summary ?? undefined };
    const key = `${rev.policy}/${rev.effective}.md`;
    corrections.set(key, c);
    if (line) locked.set(key, { path: key, published: line.published, sha256: line.sha256, corrections: c });
    const list = byPolicy.get(rev.policy) ?? [];
    list.push(rev);
    byPolicy.set(rev.policy, list);
  }
  const policies = [...byPolicy.keys()].sort().map((id) => ({
    id,
    revisions: byPolicy.get(id)!.sort((a, b) => (a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0)),
  }));
  return { policies, corrections, locked };
}

/** The translations among the entries (src/core/translations.ts), and each one's corrections (and line in the lock, if any) by its key in the lock. */
export function translationsFromEntries(entries: readonly Entry[], corrections: Map<string, Correction[]>, locked: Map<string, LockEntry> = new Map()): Translation[] {
  const out: Translation[] = [];
  for (const entry of entries) {
    const data = entry.data as TranslationEntryData;
    if (entry.id === PROBLEMS_ID || !data.translation) continue;
    const { translation: _t, corrections: c, summary, own, locked: line, ...rest } = data;
    const t: Translation = { ...rest, summary: summary ?? undefined, own: own ?? undefined };
    const key = `${t.policy}/${t.effective}.${t.lang}.md`;
    corrections.set(key, c);
    if (line) locked.set(key, { path: key, published: line.published, sha256: line.sha256, corrections: c });
    out.push(t);
  }
  return out.sort((a, b) => (a.policy < b.policy ? -1 : a.policy > b.policy ? 1 : a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : a.lang < b.lang ? -1 : 1));
}
