import { execFileSync } from 'node:child_process';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { Command } from './command.ts';
import { parse } from '../args.ts';
import { loadSettings, today, policiesDir, artifacts as projectArtifacts } from '../context.ts';
import { sha256, type Revision } from '../../core/revisions.ts';
import { RedlineError, RedlineProblems } from '../../core/errors.ts';
import { currentHash, correctedLines, correctionProblems, type LockEntry } from '../../core/lock.ts';
import { correctionFault, describeFault } from '../../core/corrections.ts';
import { displayPath, loadPolicies, revisionText } from '../../node/policies.ts';
import { readLock, writeLock } from '../../node/lock-file.ts';
import { readRegularFile } from '../../node/files.ts';
import { MAX_REVISION_BYTES } from '../../core/revisions.ts';
import { absolute, paths } from '../../core/urls.ts';
import { pinWritten } from '../../core/translations.ts';

/**
 * `redline correct <file> --reason "..."`: the corrigendum path. A typo in a
 * published revision is fixed in place, and the lock records the day, the
 * hash as published, the new hash, the reason and the lines changed; the
 * revision's page shows all of it. The text as published comes from git
 * history (or `--was FILE`), and must match the hash the lock recorded.
 */
export const correct: Command = {
  usage: 'correct <file> --reason "..." [--was FILE] [--policies DIR] [--now YYYY-MM-DD]',
  summary: 'Records the correction of a typo in a published revision or translation (old hash, new hash, reason, lines changed) in policies/redline.lock.',
  async run(argv) {
    const { values, positionals } = parse(
      'correct',
      argv,
      { reason: { type: 'string' }, was: { type: 'string' }, policies: { type: 'string' }, now: { type: 'string' } },
      true,
    );
    const hint = 'run as: npm run redline -- correct policies/<policy>/<YYYY-MM-DD>.md --reason "what was wrong and why it is fixed"';
    if (positionals.length !== 1) throw new RedlineError({ message: positionals.length === 0 ? 'correct: which revision?' : 'correct: one revision at a time', hint });
    const reason = (values.reason ?? '').trim();
    if (reason === '' || /[\r\n]/.test(reason)) throw new RedlineError({ message: 'correct: --reason must be one line of text', hint });

    const settings = await loadSettings();
    const day = today(settings, values.now);
    // A correction is dated the day it is made: --now may not back-date it before the real day.
    const real = today(settings);
    if (day < real) throw new RedlineError({ message: `--now ${day} is before today (${real})`, hint: 'a correction is recorded on the day it is made: leave out --now' });
    const dir = policiesDir(values.policies);
    const path = resolve(positionals[0]!);
    const file = displayPath(path);
    const key = relative(dir, path).split(sep).join('/');
    const read = readLock(dir);
    if (read.problems.length > 0) throw new RedlineProblems(read.problems);
    if (!read.lock) throw new RedlineError({ file: read.file, message: 'not found', hint: 'a correction changes a recorded revision: run "npm run redline -- lock" first' });
    const entry: LockEntry | undefined = read.lock.get(key);
    if (!entry) {
      throw new RedlineError({ file, message: `is not recorded in ${read.file}`, hint: 'only a recorded, published revision is corrected; name it as policies/<policy>/<YYYY-MM-DD>.md (or pass --policies DIR)' });
    }
    if (entry.published > day) {
      throw new RedlineError({ file, message: `is not announced until ${entry.published}`, hint: 'until then it may change: edit it and run "npm run redline -- lock"' });
    }
    const target = readRegularFile(path, MAX_REVISION_BYTES);
    if (target.kind === 'missing') throw new RedlineError({ file, message: 'does not exist', hint: 'restore it from version control, then fix the typo' });
    if (target.kind === 'folder') throw new RedlineError({ file, message: 'is a folder, not a revision file', hint: 'move the folder away, restore the file from version control, then fix the typo' });
    if (target.kind === 'special') throw new RedlineError({ file, message: 'is not a regular file (a pipe, socket or device)', hint: 'restore the file from version control, then fix the typo' });
    if (target.kind === 'too-large') throw new RedlineError({ file, message: `is larger than a revision may be (${MAX_REVISION_BYTES / 1048576} MB)`, hint: 'restore the file from version control, then fix the typo' });
    const bytes = target.bytes;
    const before = currentHash(entry);
    if (sha256(bytes) === before) {
      throw new RedlineError({ file, message: `has not changed since it was recorded in ${read.file}`, hint: 'fix the typo in the file first, then run correct' });
    }

    const artifacts = projectArtifacts();
    const { policies, problems } = await loadPolicies(dir, artifacts);
    const own = problems.filter((p) => p.file === file && p.severity === 'error');
    if (own.length > 0) throw new RedlineProblems(own);
    // A revision, or a translation of one (policies/privacy/2025-04-01.ja.md): corrected the same way.
    const rev = policies.flatMap((p) => [...p.revisions, ...(p.translations ?? [])]).find((r) => r.path === path);
    if (!rev) throw new RedlineError({ file, message: 'is not a revision', hint: 'name each revision after its effective date, such as policies/privacy/2024-04-01.md' });
    if (rev.published !== entry.published) {
      throw new RedlineError({ file, message: `a correction may not change the announcement date (published ${entry.published}, now ${rev.published})`, hint: `put back "published: ${entry.published}"; to change what was announced, add a new revision` });
    }

    const old = values.was !== undefined ? fromFile(values.was, before) : fromGit(path, before);
    if (old === undefined) {
      throw new RedlineError({
        file,
        message: `the text as published (SHA-256 ${before}) is not in git history`,
        hint: `pass --was FILE with that text, such as the raw Markdown saved from ${absolute(settings.url, paths.raw(rev.policy, rev.effective))}`,
      });
    }
    const text = revisionText(artifacts, rev);
    refuseRewrite(old, text, rev, file);
    if ('lang' in rev && pinWritten(old) !== pinWritten(text)) {
      throw new RedlineError({ file, message: `a correction may not change which text the translation translates (translates ${pinWritten(old) ?? 'nothing'} → ${pinWritten(text) ?? 'nothing'})`, hint: `put back "translates: ${pinWritten(old) ?? ''}"; a translation of another text is a new translation (npm run redline -- translate)` });
    }
    const lines = correctedLines(old, text);
    entry.corrections.push({ date: day, sha256: rev.sha256, was: before, reason, lines });
    // What check and build will verify, verified before writing: the lines rebuild the text as published.
    const wrong = correctionProblems(entry, text, read.file, file);
    if (wrong.length > 0) throw wrong[0]!;
    writeLock(read.path, read.lock);
    const changed = new Set(lines.map((l) => `${l.sign}${l.line}`)).size;
    process.stdout.write(
      [
        `Recorded the correction of ${file} on ${day}: ${reason}`,
        `  ${lines.filter((l) => l.sign === '-').length} line(s) as published → ${lines.filter((l) => l.sign === '+').length} line(s) corrected; SHA-256 ${before} → ${rev.sha256}`,
        ...(changed > 10 ? [`Note: that changes ${changed} lines; a correction is for typos: a change of substance needs a new revision (npm run redline -- new ${rev.policy}).`] : []),
        `Wrote ${read.file}: commit it with the corrected file.`,
      ].join('\n') + '\n',
    );
    return 0;
  },
};

/**
 * Refuses what is more than a correction, by the rules `check` and `build`
 * apply again to every recorded correction (src/core/corrections.ts): a new
 * title or kind of change, or more words changed (moves counted) than
 * correctionLimit allows.
 */
function refuseRewrite(old: string, text: string, rev: Revision, file: string): void {
  const hint = `a correction fixes typos; to change the text, restore it as published and add a new revision instead (npm run redline -- new ${rev.policy})`;
  const fault = correctionFault(old, text, rev.effective, 10_000);
  if (!fault) return;
  if (fault.kind === 'words') throw new RedlineError({ file, message: describeFault(fault), hint });
  throw new RedlineError({ file, message: `a correction may not ${describeFault(fault).replace(/^changes/, 'change').replace(/^starts/, 'start').replace(/^makes/, 'make')}`, hint });
}

function fromFile(name: string, want: string): string {
  const path = resolve(name);
  const file = displayPath(path);
  const read = readRegularFile(path, MAX_REVISION_BYTES);
  if (read.kind === 'missing') throw new RedlineError({ file, message: 'not found', hint: '--was names a file holding the text as published' });
  if (read.kind === 'folder') throw new RedlineError({ file, message: 'is a folder, not a file', hint: '--was names a file holding the text as published, such as the raw Markdown saved from the site' });
  if (read.kind === 'special') throw new RedlineError({ file, message: 'is not a regular file (a pipe, socket or device)', hint: '--was names a file holding the text as published, such as the raw Markdown saved from the site' });
  if (read.kind === 'too-large') throw new RedlineError({ file, message: `is larger than a revision may be (${MAX_REVISION_BYTES / 1048576} MB)`, hint: '--was names a file holding the text as published, such as the raw Markdown saved from the site' });
  const bytes = read.bytes;
  const got = sha256(bytes);
  if (got !== want) {
    throw new RedlineError({ file, message: `is not the text as published (its SHA-256 is ${got}; the lock records ${want})`, hint: 'save the raw Markdown of the revision from the site, byte for byte' });
  }
  return bytes.toString('utf8');
}

/** The newest version of the file in git (index first, then commits) whose bytes have the hash `want`. */
function fromGit(path: string, want: string): string | undefined {
  const cwd = dirname(path);
  const name = `./${basename(path)}`;
  const git = (args: string[]) => execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  const candidates = [`:${name}`];
  try {
    candidates.push(...git(['log', '--format=%H', '-n', '100', '--', name]).toString('utf8').split('\n').filter(Boolean).map((c) => `${c}:${name}`));
  } catch {
    return undefined;
  }
  for (const spec of candidates) {
    try {
      const bytes = git(['cat-file', 'blob', spec]);
      if (sha256(bytes) === want) return bytes.toString('utf8');
    } catch {
      // not in the index, or not in that commit
    }
  }
  return undefined;
}
