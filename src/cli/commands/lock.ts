import { join } from 'node:path';
import type { Command } from './command.ts';
import { parse } from '../args.ts';
import { loadSettings, today, policiesDir, artifacts } from '../context.ts';
import { RedlineError, RedlineProblems } from '../../core/errors.ts';
import { LOCK_FORMAT, recordRevisions, sortProblems } from '../../core/lock.ts';
import { displayPath, loadPolicies } from '../../node/policies.ts';
import { fileStates, readLock, verifyLoaded, writeLock } from '../../node/lock-file.ts';
import { matchPins } from '../../core/translations.ts';

/**
 * `redline lock`: records the SHA-256 of every revision in
 * policies/redline.lock, the one file under policies/ that Redline writes.
 * A published revision's line is never rewritten.
 */
export const lock: Command = {
  usage: 'lock [--policies DIR] [--now YYYY-MM-DD]',
  summary: 'Records the SHA-256 of new revisions in policies/redline.lock (commit it with them); never rewrites a published one.',
  async run(argv) {
    const { values } = parse('lock', argv, { policies: { type: 'string' }, now: { type: 'string' } });
    const settings = await loadSettings();
    const day = today(settings, values.now);
    // What is published is decided by the real day, whatever --now says (src/core/lock.ts).
    const real = today(settings);
    const dir = policiesDir(values.policies);

    const store = artifacts();
    const loaded = await loadPolicies(dir, store);
    const { policies, problems } = loaded;
    // Translations are recorded only when their pins are texts of their policy (src/core/translations.ts).
    const pinned = readLock(dir).lock;
    for (const policy of policies) if (policy.translations) policy.translations = matchPins(policy, policy.translations, settings, pinned, problems);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) throw new RedlineProblems(errors);
    if (policies.length === 0) {
      throw new RedlineError({ file: displayPath(dir), message: 'holds no policies', hint: 'add one with: npm run redline -- new <policy> --title "..."' });
    }
    const read = readLock(dir);
    const { broken } = verifyLoaded({ ...loaded, problems: [] }, read, dir, day, real, (hash) => store.text(hash));
    if (broken.length > 0) throw new RedlineProblems(sortProblems(broken));

    const { lock: next, added, updated, forgotten } = recordRevisions(read.lock, policies, fileStates(dir, loaded.hashes), day, real);
    const migrated = read.lock !== undefined && (read.format ?? LOCK_FORMAT) < LOCK_FORMAT;
    if (read.lock && !migrated && added.length + updated.length + forgotten.length === 0) {
      process.stdout.write(`${read.file} is up to date (${next.size} ${next.size === 1 ? 'revision' : 'revisions'}).\n`);
      return 0;
    }
    writeLock(read.path, next);
    const lines: string[] = [];
    for (const r of added) lines.push(`Recorded ${r.file} (announced ${r.published}, SHA-256 ${r.sha256})`);
    for (const r of updated) lines.push(`Recorded again ${r.file}, not announced until ${r.published} (SHA-256 ${r.sha256})`);
    for (const key of forgotten) lines.push(`Forgot ${displayPath(join(dir, key))}, which was never announced and is gone`);
    if (migrated) lines.push(`Wrote ${read.file} in lock format ${LOCK_FORMAT} (it was in format ${read.format ?? 1}): only the line "format ${LOCK_FORMAT}" is new.`);
    lines.push(`Wrote ${read.file}: commit it with the revisions.`);
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};

export { writeLock };
