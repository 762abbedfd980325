/**
 * One pass over a policies folder with every rule: the revision files
 * (src/node/policies.ts) and the lock (src/node/lock-file.ts). `check` reports
 * what it finds; the content loader (src/astro/loader.ts) refuses to build on
 * an error. Both call this, so that any input `check` accepts, `build` builds.
 */
import { RedlineError } from '../core/errors.ts';
import { sortProblems, type Lock } from '../core/lock.ts';
import type { CalendarDate } from '../core/dates.ts';
import type { Policy, Revision } from '../core/revisions.ts';
import { buildSiteModel, type SiteModel } from '../core/site.ts';
import { displayPath, loadPolicies } from './policies.ts';
import { readLock, verifyLoaded } from './lock-file.ts';
import type { Artifacts } from './artifacts.ts';
import { PREPARE_MIN_TASKS, startPool, workerCount, type PreparePool } from './prepare.ts';
import { readdirSync } from 'node:fs';
import type { SiteSettings } from '../core/settings.ts';
import { matchPins, translationWarnings } from '../core/translations.ts';
import { join } from 'node:path';

export interface Inspection {
  policies: Policy[];
  lock: Lock | undefined;
  /** What stops a build: a broken file, a broken lock. Sorted. */
  errors: RedlineError[];
  /** What a build only warns about (a revision not recorded in the lock yet, a repeated heading…); `check` reports both. Sorted. */
  warnings: RedlineError[];
  /** The SHA-256 of each revision file read, by its path inside the folder. */
  hashes: Map<string, string>;
}

export interface InspectOptions {
  artifacts: Artifacts;
  /** The day the site is built as of (`--now`, or the real day). */
  today: CalendarDate;
  /** The real day, which decides what is published (src/core/lock.ts). */
  realToday: CalendarDate;
  /** Analyse the bodies on every core (worth it for a cold build of many revisions). */
  parallel?: boolean;
  /** The site settings: its languages, for the rules on translations (src/core/translations.ts). */
  settings?: SiteSettings;
  /** The worker threads to analyse them on (the loader keeps them for the pairs next); else started here when worth it. */
  pool?: () => PreparePool | undefined;
  onRevision?: (rev: Revision) => void;
}

/** How many revision files a policies folder holds, at a glance (a name is not checked here). */
function countRevisions(dir: string): number {
  let n = 0;
  try {
    for (const p of readdirSync(dir, { withFileTypes: true })) {
      if (p.isDirectory()) n += readdirSync(join(dir, p.name)).filter((f) => f.endsWith('.md')).length;
    }
  } catch {
    // loadPolicies reports what is wrong with the folder
  }
  return n;
}

export async function inspectPolicies(dir: string, o: InspectOptions): Promise<Inspection> {
  const workers = workerCount();
  const worth = o.parallel && workers > 0 && o.artifacts.dir && countRevisions(dir) >= PREPARE_MIN_TASKS;
  const given = worth && o.pool ? o.pool() : undefined;
  const pool = given ?? (worth ? startPool(workers, { artifacts: o.artifacts.dir!, diffs: '' }) : undefined);
  let loaded;
  try {
    loaded = await loadPolicies(dir, o.artifacts, { pool, onRevision: o.onRevision });
  } finally {
    if (!given) await pool?.close();
  }
  const read = readLock(dir);
  // Translations: each pin matched against its policy's revisions and the lock's correction chains; then what is missing or outdated.
  const lagging: RedlineError[] = [];
  const settings = o.settings ?? { lang: 'en' };
  for (const policy of loaded.policies) {
    if (policy.translations) policy.translations = matchPins(policy, policy.translations, settings, read.lock, loaded.problems);
    lagging.push(...translationWarnings(policy, policy.translations ?? [], settings, o.today, (p) => displayPath(join(dir, p)), (p) => loaded.hashes.has(p)));
  }
  const { broken, unrecorded } = verifyLoaded(loaded, read, dir, o.today, o.realToday, (hash) => o.artifacts.text(hash));
  const errors = sortProblems([...loaded.problems.filter((p) => p.severity === 'error'), ...broken]);
  const warnings = sortProblems([...loaded.problems.filter((p) => p.severity === 'warning'), ...unrecorded, ...lagging]);
  return { policies: loaded.policies, lock: read.lock, errors, warnings, hashes: loaded.hashes };
}

/**
 * The site as of `today`, or the one-line error that there is nothing to
 * build: no policy at all, or nothing announced yet.
 */
export function siteModelOf(dir: string, policies: Policy[], today: CalendarDate, drafts: boolean, lock: Lock | undefined): SiteModel {
  if (policies.length === 0) {
    throw new RedlineError({ file: displayPath(dir), message: 'holds no policies', hint: 'add one with: npm run redline -- new <policy> --title "..."' });
  }
  const model = buildSiteModel(policies, today, drafts, (key) => lock?.get(key)?.corrections ?? []);
  if (model.policies.length === 0) {
    throw new RedlineError({ file: displayPath(dir), message: `nothing is announced yet as of ${today}`, hint: 'check the "published" dates, or preview with --drafts' });
  }
  return model;
}
