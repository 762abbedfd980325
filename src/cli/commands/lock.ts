import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from './command.ts';
import { parse } from '../args.ts';
import { loadSettings, today, policiesDir } from '../context.ts';
import { loadPolicies, displayPath } from '../../core/revisions.ts';
import { RedlineError, RedlineProblems } from '../../core/errors.ts';
import { readLock, verifyLock, recordRevisions, formatLock, sortProblems, type Lock } from '../../core/lock.ts';

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
    const settings = loadSettings();
    const day = today(settings, values.now);
    // What is published is decided by the real day, whatever --now says (src/lib/lock.ts).
    const real = today(settings);
    const dir = policiesDir(values.policies);

    const { policies, problems } = loadPolicies(dir);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) throw new RedlineProblems(errors);
    if (policies.length === 0) {
      throw new RedlineError({ file: displayPath(dir), message: 'holds no policies', hint: 'add one with: npm run redline -- new <policy> --title "..."' });
    }
    const read = readLock(dir);
    const { broken } = verifyLock(policies, read, dir, day, [], real);
    if (broken.length > 0) throw new RedlineProblems(sortProblems(broken));

    const { lock: next, added, updated, forgotten } = recordRevisions(read.lock, policies, dir, day, real);
    if (read.lock && added.length + updated.length + forgotten.length === 0) {
      process.stdout.write(`${read.file} is up to date (${next.size} ${next.size === 1 ? 'revision' : 'revisions'}).\n`);
      return 0;
    }
    writeLock(read.path, next);
    const lines: string[] = [];
    for (const r of added) lines.push(`Recorded ${r.file} (announced ${r.published}, SHA-256 ${r.sha256})`);
    for (const r of updated) lines.push(`Recorded again ${r.file}, not announced until ${r.published} (SHA-256 ${r.sha256})`);
    for (const key of forgotten) lines.push(`Forgot ${displayPath(join(dir, key))}, which was never announced and is gone`);
    lines.push(`Wrote ${read.file}: commit it with the revisions.`);
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};

/** Writes the lock atomically: a reader never sees half a file. */
export function writeLock(path: string, lock: Lock): void {
  const tmp = join(dirname(path), `.redline.lock.${process.pid}.tmp`);
  writeFileSync(tmp, formatLock(lock));
  renameSync(tmp, path);
}
